"""Record GETs are answered from each worker's cache (app/records/cache.py) only while the
database's data version is unchanged: a write through the API, by any worker, is seen next.

Here beside the writes, whose fixtures (a writable seeded database per backend, keys) these
tests share; two clients on one database stand for two stateless workers.
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.core.data_version import writes_data
from tests.conftest import client_for

EVENT = "/events/ap-partners-nato-offices"
INCLUDED = f"{EVENT}?include=participants.actor,evidence"
ACTOR = "/actors/australia"


@pytest.fixture(scope="module")
def other_worker(writable: Engine) -> Iterator[TestClient]:
    with client_for(writable) as client:
        yield client


def _patch(api: TestClient, writer: dict[str, str], url: str, change: dict[str, str]) -> None:
    etag = api.get(url).headers["etag"]
    headers = {**writer, "If-Match": etag, "Content-Type": "application/merge-patch+json"}
    response = api.patch(url, json=change, headers=headers)
    assert response.status_code == 200, response.text


def test_a_write_is_seen_by_the_cached_read_of_every_worker(
    api: TestClient, other_worker: TestClient, writer: dict[str, str]
) -> None:
    before = [client.get(INCLUDED) for client in (api, other_worker, api, other_worker)]
    assert len({r.headers["etag"] for r in before}) == 1
    _patch(api, writer, EVENT, {"summary": "Cached reads follow writes."})
    for client in (api, other_worker):
        after = client.get(INCLUDED)
        assert after.json()["summary"] == "Cached reads follow writes."
        assert after.headers["etag"] != before[0].headers["etag"]
        assert client.get(EVENT).json()["summary"] == "Cached reads follow writes."


def test_writing_an_included_record_changes_the_answer_that_embeds_it(
    api: TestClient, other_worker: TestClient, writer: dict[str, str]
) -> None:
    assert other_worker.get(INCLUDED).status_code == 200
    _patch(api, writer, ACTOR, {"description": "Changed under an include."})
    participants = other_worker.get(INCLUDED).json()["included"]["participants"]
    actors = {p["included"]["actor"]["id"]: p["included"]["actor"] for p in participants}
    assert actors["australia"]["description"] == "Changed under an include."


def test_a_cached_answer_keeps_its_etag_and_answers_if_none_match(api: TestClient) -> None:
    first = api.get(INCLUDED)
    again = api.get(INCLUDED, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["etag"] == first.headers["etag"]
    jsonld = api.get(EVENT, headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert api.get(EVENT).headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("statement", "counted"),
    [
        ("INSERT INTO event (id) VALUES (?)", True),
        ('UPDATE "actor" SET name = ?', True),
        ("DELETE FROM participation WHERE id = ?", True),
        ("INSERT OR REPLACE INTO evidence VALUES (?)", True),
        ("SELECT * FROM event", False),
        ("INSERT INTO rate_limit_window (key) VALUES (?)", False),
        ("UPDATE api_key SET last_used_at = ?", False),
        ("UPDATE data_version SET version = version + 1", False),
    ],
)
def test_only_writes_of_data_reads_show_bump_the_version(statement: str, counted: bool) -> None:
    assert writes_data(statement) is counted
