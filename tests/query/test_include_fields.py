"""include= embeds related records in batches; fields= trims the response."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlmodel import Session, select

from app.core.migrate import upgrade
from app.imports.seed import seed
from app.models import Source
from tests.conftest import BACKENDS, SEEDS, client_for
from tests.factories import make_event, make_evidence, make_participation
from tests.helpers import seed_records

INCLUDE = "participants.actor,sources.outlet,evidence.source,place,claims.evidence.source"


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture(scope="module", params=BACKENDS)
def alike(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    """Seed data plus 120 events of the same shape: a place, two participants, evidence."""
    engine = new_engine(request.param)
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
        source = session.exec(select(Source)).first()
        assert source is not None
        for i in range(120):
            event = make_event(i, day=date(2022, 1, 1) + timedelta(days=i))
            event.place_id = "brussels"
            session.add(event)
            session.flush()
            for actor in ("nato", "south-korea"):
                session.add(make_participation(event, actor))
            session.add(make_evidence("event", event.id, source.id, source.text or "", i, 20))
        session.commit()
    return engine


def test_statement_count_does_not_grow_with_page_size(alike: Engine) -> None:
    counts = []
    with client_for(alike) as client:
        client.get("/events?limit=1")  # the first list reads the cursor key, once
        for limit in (3, 100):
            with counting(alike) as statements:
                url = f"/events?id__startswith=gen&limit={limit}&include={INCLUDE}"
                body = client.get(url).json()
            assert len(body["items"]) == limit
            assert all(len(i["included"]["participants"]) == 2 for i in body["items"])
            counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_included_participants_carry_full_actor_records(client: TestClient) -> None:
    seeded = max(seed_records("events"), key=lambda e: len(e["participants"]))
    body = client.get(f"/events?id={seeded['id']}&include=participants.actor").json()
    participants = body["items"][0]["included"]["participants"]
    assert {(p["actor"]["id"], p["role"]) for p in participants} == {
        (p["actor"], p["role"]) for p in seeded["participants"]
    }
    for participation in participants:
        actor = participation["included"]["actor"]
        assert actor["id"] == participation["actor"]["id"]
        assert actor["names"]


def test_one_to_one_include_is_an_object_or_null(client: TestClient) -> None:
    items = client.get("/events?limit=500&include=place").json()["items"]
    for item in items:
        place = item["included"]["place"]
        assert (place is None) == (item["place"] is None)
        if place is not None:
            assert place["id"] == item["place"]["id"]


def test_included_sources_never_carry_the_article_text(client: TestClient) -> None:
    items = client.get("/events?limit=5&include=sources").json()["items"]
    assert all("text" not in s for i in items for s in i["included"]["sources"])


def test_fields_keep_only_what_is_asked_plus_id_and_type(client: TestClient) -> None:
    items = client.get("/events?fields=title,when&limit=3").json()["items"]
    assert all(set(i) == {"id", "type", "title", "occurred"} for i in items)


def test_include_works_on_sub_collections(client: TestClient) -> None:
    seeded = seed_records("events")[0]
    body = client.get(f"/events/{seeded['id']}/participants?include=actor").json()
    assert all(p["included"]["actor"]["id"] == p["actor"]["id"] for p in body["items"])


def test_a_record_takes_include_and_gets_an_etag_of_its_own_bytes(client: TestClient) -> None:
    plain = client.get("/events/ap-partners-nato-offices")
    url = "/events/ap-partners-nato-offices?include=participants.actor,evidence"
    response = client.get(url)
    assert response.status_code == 200
    body = response.json()
    included = body.pop("included")
    assert body == plain.json()
    listed = client.get("/events?id=ap-partners-nato-offices&include=participants.actor,evidence")
    assert included == listed.json()["items"][0]["included"]
    # Another representation than the record's own: its ETag is not the one If-Match takes.
    assert response.headers["etag"] != plain.headers["etag"]


def test_a_record_include_of_an_unknown_name_is_a_400_naming_include(client: TestClient) -> None:
    response = client.get("/events/ap-partners-nato-offices?include=nope")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "query.include"
