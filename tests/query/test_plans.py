"""Query plans of the SQL the main list and record routes really issue, on a generated set.

The SQL is captured from HTTP requests through the app (an engine `before_cursor_execute`
listener), then explained: SQLite `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN` with sequential
scans priced out (at a few thousand rows PostgreSQL rightly prefers them; what matters is
that an index path exists). A plain scan of a large table fails the test.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, event

from app.core.migrate import upgrade
from app.core.query.facet_routes import FACET_CAP
from bench.sqlfill import actor_id, event_id, fill
from tests.conftest import BACKENDS, client_for

EVENTS = 3_000
LARGE = ("event", "participation", "event_source")
BUSY, QUIET = actor_id(0), actor_id(40)
_SQLITE_SCAN = re.compile(r"^SCAN (\w+)$")
_PG_SCAN = re.compile(r"Seq Scan on (\w+)")

Statement = tuple[str, Any]


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    engine = new_engine(request.param)
    upgrade(engine)
    with engine.begin() as conn:
        fill(conn, EVENTS)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return engine


@pytest.fixture(scope="module")
def plans_client(filled: Engine) -> Iterator[TestClient]:
    with client_for(filled) as client:
        yield client


def issued(engine: Engine, client: TestClient, url: str) -> list[Statement]:
    """The SELECT statements that answering `url` runs."""
    captured: list[Statement] = []

    def capture(_c: Connection, _cur: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, params))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert response.status_code == 200, response.text
    return captured


def full_scans(engine: Engine, statement: Statement) -> list[str]:
    """The large tables this statement reads whole."""
    sql, params = statement
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
            found = [m.group(1) for r in rows if (m := _SQLITE_SCAN.match(r[3]))]
        else:
            conn.exec_driver_sql("SET enable_seqscan = off")
            rows = conn.exec_driver_sql(f"EXPLAIN {sql}", params).all()
            found = [m.group(1) for r in rows if (m := _PG_SCAN.search(r[0]))]
    return [table for table in found if table in LARGE]


def deep_cursor(client: TestClient, url: str) -> str:
    for _ in range(3):
        url = client.get(url).json()["links"]["next"]
    return url.removeprefix("http://testserver")


ROUTES = [
    "/events?limit=50",
    "/events?sort=-when&limit=50",
    f"/events?actor={BUSY}&when__gte=2000-01-01&when__lte=2004-12-31&limit=50",
    f"/events?actor={QUIET}&sort=-when&limit=50",
    f"/events?actor={QUIET}&actor={BUSY}&limit=50",
    f"/events?actor={BUSY}&count=exact&limit=10",
    "/events?include=participants.actor&limit=50",
    f"/events/{event_id(7)}?include=participants.actor,evidence",
    f"/events/facets?actor={QUIET}",
    # More matches than FACET_CAP: the first are bound as one parameter (app/core/query/idset.py)
    f"/events/facets?actor={BUSY}",
    "/events/facets",
    "/timeline?limit=50",
]


@pytest.mark.parametrize("url", ROUTES)
def test_route_reads_no_large_table_whole(
    filled: Engine, plans_client: TestClient, url: str
) -> None:
    statements = issued(filled, plans_client, url)
    assert statements
    scans = {s[0]: full_scans(filled, s) for s in statements}
    assert {sql: tables for sql, tables in scans.items() if tables} == {}


@pytest.mark.parametrize("sort", ["when", "-when"])
def test_deep_cursor_page_seeks_the_sort_index(
    filled: Engine, plans_client: TestClient, sort: str
) -> None:
    url = deep_cursor(plans_client, f"/events?sort={sort}&limit=200&fields=id")
    statements = issued(filled, plans_client, url)
    assert [t for s in statements for t in full_scans(filled, s)] == []


def test_the_scan_check_catches_a_full_scan(filled: Engine) -> None:
    # The check itself: a filter on an unindexed column must be reported.
    assert full_scans(filled, ("SELECT id FROM event WHERE title = 'x'", ())) == ["event"]


def plan_text(engine: Engine, statement: Statement) -> str:
    sql, params = statement
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
            return "\n".join(r[3] for r in rows)
        conn.exec_driver_sql("SET enable_seqscan = off")
        return "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}", params).all())


def _keys_and_page(statements: list[Statement]) -> tuple[Statement, Statement]:
    """A list's keys query (ids and sort keys, `_k0`…) and the page read after it."""
    at = next(i for i, s in enumerate(statements) if " AS _k0" in s[0])
    return statements[at], statements[at + 1]


@pytest.mark.parametrize("query", ["", "&role=actor"])
def test_a_busy_actor_pages_from_one_participation_index_then_reads_the_page_by_id(
    filled: Engine, plans_client: TestClient, query: str
) -> None:
    url = f"/events?actor={BUSY}&when__gte=2000-01-01&when__lte=2004-12-31&limit=50{query}"
    keys, page = _keys_and_page(issued(filled, plans_client, url))
    # Ids and sort keys only, from the participations' copies of the events' spans, in page
    # order: no event is read and nothing is sorted before the page is cut.
    assert re.split(r"\sFROM\s", keys[0], maxsplit=1)[0].count(",") == 3
    assert "FROM participation" in keys[0]
    assert "event." not in keys[0]
    plan = plan_text(filled, keys)
    assert full_scans(filled, keys) == []
    # PostgreSQL, at a few thousand rows, rightly prefers a bitmap scan and a small sort.
    if filled.dialect.name == "sqlite":
        assert "COVERING INDEX ix_participation_when" in plan
        assert "TEMP B-TREE" not in plan
    # Then only the page's rows are read whole, by primary key, without the filters.
    assert "participation" not in page[0]
    assert len(page[1]) == 50 or query  # the fill gives this actor few `actor` roles
    if query:
        return
    following = plans_client.get(url).json()["links"]["next"].removeprefix("http://testserver")
    later = _keys_and_page(issued(filled, plans_client, following))[0]
    assert "FROM participation" in later[0]
    assert full_scans(filled, later) == []


def test_an_actor_list_filtered_on_a_column_without_copies_takes_the_event_path(
    filled: Engine, plans_client: TestClient
) -> None:
    keys, _ = _keys_and_page(
        issued(filled, plans_client, f"/events?actor={BUSY}&title__contains=a")
    )
    assert "FROM event" in keys[0]


def test_facets_of_a_large_set_count_a_bounded_first_part(plans_client: TestClient) -> None:
    body = plans_client.get("/events/facets?facet=event_type,actor").json()
    assert body["truncated"] is True
    assert body["counted"] == FACET_CAP
    assert sum(b["count"] for b in body["facets"]["event_type"]) == FACET_CAP
    # Each counted event has at least one participant, counted once per actor.
    assert sum(b["count"] for b in body["facets"]["actor"]) >= FACET_CAP


def test_facets_run_the_filters_once_whatever_the_number_of_facets(
    filled: Engine, plans_client: TestClient
) -> None:
    # The counted ids are read once and bound into each facet's query; as a subquery, each
    # of the dozen facets ran the filters again.
    statements = issued(filled, plans_client, f"/events/facets?actor={QUIET}")
    assert len(statements) > 5
    assert [s for s, _ in statements if "participation.actor_id IN" in s] == [statements[0][0]]


def test_facets_bind_the_counted_ids_as_one_parameter(
    filled: Engine, plans_client: TestClient
) -> None:
    statements = issued(filled, plans_client, f"/events/facets?actor={BUSY}")
    counting = [(sql, params) for sql, params in statements if "count(" in sql]
    assert len(counting) > 5
    assert all(len(params) < 10 for _, params in counting)
