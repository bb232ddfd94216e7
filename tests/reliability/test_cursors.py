"""Cursors are signed and bound to their route and query; numbers are bounded to what the
database holds; nesting is bounded in every parser."""

import base64
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.core.db import build_engine
from tests.conftest import client_for
from tests.helpers import assert_problem
from tests.reliability.conftest import Writable


def _next(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text
    cursor: str = response.json()["next_cursor"]
    assert cursor
    return cursor


def _flip(cursor: str, at: int) -> str:
    """The cursor with one character changed."""
    swapped = "A" if cursor[at] != "A" else "B"
    return cursor[:at] + swapped + cursor[at + 1 :]


LISTS = ["/events?limit=2", "/actors?limit=2", "/disagreements?limit=1", "/search?q=nato&limit=1"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("at", [0, 10, -1])
def test_a_byte_changed_cursor_is_400(client: TestClient, url: str, at: int) -> None:
    cursor = _flip(_next(client, url), at)
    assert_problem(client.get(f"{url}&cursor={cursor}"), 400, "query.cursor")


@pytest.mark.parametrize(
    ("made_on", "used_on"),
    [
        ("/events?limit=2", "/actors?limit=2"),
        ("/search?q=nato&limit=1", "/disagreements?limit=1"),
        ("/disagreements?limit=1", "/changes?limit=1"),
        ("/search?q=nato&limit=1", "/search?q=korea&limit=1"),
    ],
)
def test_a_cursor_from_another_route_or_query_is_400(
    client: TestClient, made_on: str, used_on: str
) -> None:
    cursor = _next(client, made_on)
    assert_problem(client.get(f"{used_on}&cursor={cursor}"), 400, "query.cursor")


def _forged(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "url",
    [
        f"/events?cursor={_forged({'v': [0, '', '', 'x'], 'b': False, 'f': 'x'})}",
        f"/changes?cursor={base64.urlsafe_b64encode(str(10**30).encode()).decode()}",
        f"/search?q=nato&cursor={_forged({'after': '²'})}",
        f"/keys?cursor={_forged({'after': 'x'})}",
    ],
)
def test_forged_cursors_are_400(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in {400, 401}, response.text
    if response.status_code == 400:
        assert_problem(response, 400, "query.cursor")


def test_pages_follow_with_a_signed_cursor(client: TestClient) -> None:
    first = client.get("/events?limit=2").json()
    second = client.get(f"/events?limit=2&cursor={first['next_cursor']}").json()
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])


def test_a_cursor_outlives_the_process_that_made_it(
    client: TestClient, seeded_engine: Engine
) -> None:
    cursor = _next(client, "/events?limit=2")
    url = seeded_engine.url.render_as_string(hide_password=False)
    other = build_engine(url)  # a new engine: the key comes from the database again
    try:
        with client_for(other) as restarted:
            assert restarted.get(f"/events?limit=2&cursor={cursor}").status_code == 200
    finally:
        other.dispose()


@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), "9" * 40])
def test_an_integer_filter_beyond_int64_is_400(client: TestClient, value: str) -> None:
    for accept in ("application/json", "application/x-ndjson"):
        response = client.get(f"/evidence?start__gte={value}", headers={"Accept": accept})
        assert_problem(response, 400, "query.start__gte")


def test_offsets_beyond_int32_are_422(writable: Writable) -> None:
    excerpt = {"source": "s", "excerpt": "x", "start": 2**40, "end": 2**40 + 1}
    body = {"kind": "organisation", "name": "Offset Org", "evidence": [excerpt]}
    response = writable.api.post("/actors", json=body, headers=writable.writer)
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", "[" * 10_000 + "]" * 10_000),
        ("application/x-ndjson", "[" * 10_000 + "]" * 10_000 + "\n"),
        ("application/x-ndjson", '{"record": "actor", "x": ' + "[" * 100 + "]" * 100 + "}\n"),
        ("application/yaml", "[" * 10_000 + "]" * 10_000),
    ],
)
def test_deep_nesting_in_an_import_is_a_problem_not_a_500(
    writable: Writable, content_type: str, body: str
) -> None:
    response = writable.api.post(
        "/imports?dry_run=true",
        content=body.encode(),
        headers={"Content-Type": content_type, **writable.writer},
    )
    assert 400 <= response.status_code < 500, response.text
    assert "nests deeper" in response.text


def test_deep_nesting_in_a_write_body_is_a_problem_not_a_500(writable: Writable) -> None:
    response = writable.api.post(
        "/claims",
        content=b'{"value": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
        headers={"Content-Type": "application/json", **writable.writer},
    )
    assert 400 <= response.status_code < 500, response.text
