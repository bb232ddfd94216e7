"""API writes go through the import's batch path: the import's checks apply to them, and a
replace keeps what the written form does not carry (an event's participants and quotes)."""

from typing import Any

from fastapi.testclient import TestClient

EVENT = "nac-decides-rok-nato-office"
ASIAE = "asiae-nato-approves-rok-representative-office"


def _written_form(api: TestClient, path: str) -> dict[str, Any]:
    """The record as a client writes it: the `after` of its latest history entry."""
    entries = api.get(f"{path}/history").json()["items"]  # oldest first
    after: dict[str, Any] = entries[-1]["after"]
    return after


def _ids(api: TestClient, path: str) -> list[str]:
    return sorted(item["id"] for item in api.get(path, params={"limit": 200}).json()["items"])


def test_replacing_an_event_keeps_its_participants_and_quotes(
    api: TestClient, writer: dict[str, str]
) -> None:
    path = f"/events/{EVENT}"
    participants, quotes = _ids(api, f"{path}/participants"), _ids(api, f"{path}/quotes")
    assert participants
    body = {**_written_form(api, path), "summary": "Replaced through the batch path."}
    replaced = api.put(path, json=body, headers=writer)
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["summary"] == "Replaced through the batch path."
    assert _ids(api, f"{path}/participants") == participants
    assert _ids(api, f"{path}/quotes") == quotes
    latest = api.get(f"{path}/history").json()["items"][-1]
    assert (latest["action"], latest["after"]["summary"]) == ("update", body["summary"])
    assert latest["before"]["summary"] != body["summary"]


def test_evidence_from_a_source_the_event_does_not_list_is_422_and_writes_nothing(
    api: TestClient, writer: dict[str, str]
) -> None:
    body = {
        "id": "t-unlisted-source",
        "title": "An event citing an article it does not list",
        "event_type": "consult",
        "sources": [],
        "evidence": [{"source": ASIAE, "excerpt": "North Atlantic Council"}],
    }
    refused = api.post("/events", json=body, headers=writer)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["invalid_params"][0]["name"] == "body"
    assert "missing from its sources" in problem["invalid_params"][0]["reason"]
    assert api.get("/events/t-unlisted-source").status_code == 404
