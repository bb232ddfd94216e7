"""The API served by a real uvicorn process, as `make run` serves it."""

from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import seed_records
from tests.served import served


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("server")) as (base, _):
        yield base


def test_uvicorn_serves_seeded_events_with_participants_and_evidence(server: str) -> None:
    with httpx.Client(base_url=server) as http:
        events = http.get("/events", params={"limit": 500}).json()["items"]
        assert {e["id"] for e in events} == {e["id"] for e in seed_records("events")}
        event_id = next(e["id"] for e in seed_records("events") if e.get("participants"))
        assert http.get(f"/events/{event_id}/participants").json()["items"]
        assert http.get(f"/events/{event_id}/evidence").json()["evidence"]
        missing = http.get("/events/none")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
