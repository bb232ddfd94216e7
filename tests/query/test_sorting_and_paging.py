"""Sorting, keyset cursors (also while rows are inserted), count, Link headers."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.migrate import upgrade
from tests.conftest import BACKENDS, client_for
from tests.factories import make_event
from tests.helpers import assert_problem, walk

GENERATED = 2500


@pytest.fixture(scope="module", params=BACKENDS)
def big(
    request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]
) -> Iterator[tuple[Engine, TestClient]]:
    """A database of generated events with day, month and year precision and undated ones."""
    engine = new_engine(request.param)
    upgrade(engine)
    precisions = ("day", "day", "month", "year")
    with Session(engine) as session:
        for i in range(GENERATED):
            day = date(2020, 1, 1) + timedelta(days=(i * 7919) % 1500) if i % 11 else None
            session.add(make_event(i, day=day, precision=precisions[i % 4]))
        session.commit()
    with client_for(engine) as client:
        yield engine, client


def test_pages_of_7_see_every_row_once_while_rows_are_inserted(
    big: tuple[Engine, TestClient],
) -> None:
    engine, client = big
    before = {item["id"] for item in walk(client, "/events?fields=id", limit=500)}
    seen: list[str] = []
    url: str | None = "/events?sort=-when,title&limit=7&fields=id"
    inserted = 0
    while url:
        page = client.get(url).json()
        seen.extend(item["id"] for item in page["items"])
        with Session(engine) as session:  # rows landing before and after the cursor
            for offset in (0, 900):
                day = date(2020, 1, 1) + timedelta(days=(inserted * 37 + offset) % 1500)
                session.add(make_event(inserted, prefix=f"new{offset}", day=day))
                inserted += 1
            session.commit()
        url = page["links"]["next"]
    old = [i for i in seen if i in before]
    assert len(old) == len(set(old)) == len(before)
    assert len(seen) == len(set(seen))


def test_sort_orders_by_span_then_title_and_ends_with_id(big: tuple[Engine, TestClient]) -> None:
    _, client = big
    items = walk(client, "/timeline?sort=when,title", limit=300)
    keyed = [(i["start"] is None, i["start"] or "", i["end"] or "", i["title"]) for i in items]
    assert keyed == sorted(keyed)
    assert items[-1]["start"] is None  # undated last


def test_descending_sort_keeps_undated_last(big: tuple[Engine, TestClient]) -> None:
    _, client = big
    items = walk(client, "/timeline?sort=-when", limit=300)
    ends = [i["end"] for i in items if i["end"]]
    assert ends == sorted(ends, reverse=True)
    assert items[-1]["start"] is None


def test_prev_cursor_walks_back_to_the_same_pages(big: tuple[Engine, TestClient]) -> None:
    _, client = big
    first = client.get("/events?sort=title&limit=20").json()
    second = client.get(first["links"]["next"]).json()
    back = client.get(second["links"]["prev"]).json()
    assert [i["id"] for i in back["items"]] == [i["id"] for i in first["items"]]
    assert first["prev_cursor"] is None
    assert second["prev_cursor"] is not None


def test_link_header_carries_next_and_prev(big: tuple[Engine, TestClient]) -> None:
    _, client = big
    first = client.get("/events?limit=5")
    assert 'rel="next"' in first.headers["link"]
    second = client.get(first.json()["links"]["next"])
    assert 'rel="prev"' in second.headers["link"]
    assert second.json()["links"]["next"] in second.headers["link"]


def test_count_is_only_given_when_asked_and_is_exact(big: tuple[Engine, TestClient]) -> None:
    _, client = big
    assert client.get("/events?limit=1").json()["count"] is None
    body = client.get("/events?limit=1&count=exact&event_type=consult").json()
    assert body["count"] >= GENERATED
    assert body["count_truncated"] is False


def test_cursor_of_another_sort_or_filter_is_refused(big: tuple[Engine, TestClient]) -> None:
    _, client = big
    cursor = client.get("/events?sort=title&limit=3").json()["next_cursor"]
    assert_problem(client.get(f"/events?sort=-title&cursor={cursor}"), 400, "query.cursor")
    assert_problem(
        client.get(f"/events?sort=title&modality=expected&cursor={cursor}"), 400, "query.cursor"
    )


def test_limit_over_500_is_a_400_not_a_clamp(big: tuple[Engine, TestClient]) -> None:
    _, client = big
    assert_problem(client.get("/events?limit=501"), 400, "query.limit")
    assert len(client.get("/events?limit=500").json()["items"]) == 500
