"""List items are built from rows without read models: each must be exactly, key order
included, what its read model dumps to (the record routes validate the same items)."""

import json
from typing import Any

from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.actors.schemas import ActorRead
from app.events.schemas import EventRead
from app.relations.schemas import ParticipationRead


def _as_dumped(model: type[BaseModel], item: dict[str, Any]) -> str:
    return json.dumps(model.model_validate(item).model_dump(mode="json"))


def _own(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "included"}


def test_event_items_are_what_event_read_dumps(client: TestClient) -> None:
    items = client.get("/events", params={"limit": 200}).json()["items"]
    assert any(i["links"] for i in items)
    assert any(i["occurred"] for i in items)
    for item in items:
        assert json.dumps(item) == _as_dumped(EventRead, item)


def test_included_participants_and_actors_are_what_their_read_models_dump(
    client: TestClient,
) -> None:
    params = {"limit": 200, "include": "participants.actor"}
    items = client.get("/events", params=params).json()["items"]
    participants = [p for i in items for p in i["included"]["participants"]]
    assert participants
    assert any(p["included"]["actor"]["names"] for p in participants)
    for participant in participants:
        assert json.dumps(_own(participant)) == _as_dumped(ParticipationRead, _own(participant))
        actor = participant["included"]["actor"]
        assert json.dumps(actor) == _as_dumped(ActorRead, actor)


def test_actor_list_items_are_what_actor_read_dumps(client: TestClient) -> None:
    items = client.get("/actors", params={"limit": 200}).json()["items"]
    assert any(n["attested_by"] for i in items for n in i["names"])
    for item in items:
        assert json.dumps(item) == _as_dumped(ActorRead, item)


def test_a_listed_event_is_its_record(client: TestClient) -> None:
    listed = client.get("/events", params={"limit": 200}).json()["items"]
    for item in listed[:20]:
        assert client.get(f"/events/{item['id']}").json() == item
