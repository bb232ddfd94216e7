"""`POST /actors/match` on imported GDELT actors: a stored name within the query, a code the
actors carry as an attribute, a near-miss spelling; each with its score and reason."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.importers.conftest import GDELT_EVENTS, NEEDS_SHAPES, load

pytestmark = NEEDS_SHAPES

OBAMA = "gdelt-actor-usagov-obama-6b8991"
UNITED_STATES = "gdelt-actor-usa-united-states-a17ad7"


def _match(reader: TestClient, name: str) -> dict[str, dict[str, Any]]:
    response = reader.post("/actors/match", json={"name": name})
    assert response.status_code == 200, response.text
    return {c["record"]["id"]: c for c in response.json()["candidates"]}


def test_a_stored_name_within_the_query_matches(empty_engine: Engine, reader: TestClient) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    found = _match(reader, "Barack Obama")
    assert next(iter(found)) == OBAMA  # best first
    assert found[OBAMA]["score"] == 0.6
    assert "contains the name 'OBAMA'" in found[OBAMA]["reasons"][0]


def test_a_code_finds_every_actor_carrying_it_below_the_duplicate_bar(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    found = _match(reader, "usa")
    assert set(found) >= {OBAMA, UNITED_STATES}
    assert found[OBAMA]["score"] == 0.7  # a shared code is a hint, never a duplicate (0.8)
    assert "its country_code is 'USA'" in found[OBAMA]["reasons"]
    assert OBAMA not in _match(reader, "RUS")  # another code, and no likeness of name


def test_a_small_misspelling_matches_with_its_similarity(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    found = _match(reader, "Russian Militray")
    rusmil = "gdelt-actor-rusmil-russian-military-8f6643"
    assert rusmil in found
    assert 0.6 <= found[rusmil]["score"] < 0.8
    assert "misspelling" in found[rusmil]["reasons"][0]
