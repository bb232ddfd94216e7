"""An actor's events are paged from copies of each event's span kept on its participations
(database triggers): the pages must follow every write, whichever path makes it."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.auth.service import create_key
from app.core.migrate import upgrade
from app.imports.seed import seed
from tests.conftest import BACKENDS, SEEDS, client_for

ACTOR = "t-pager"


@pytest.fixture(scope="module", params=BACKENDS)
def api(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Iterator[Any]:
    engine = new_engine(request.param)
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
        _, plain = create_key(session, name="test", scopes=("write",))
        session.commit()
    with client_for(engine) as client:
        yield client, {"Authorization": f"Bearer {plain}"}


def _ids(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/events?actor={ACTOR}&{query}")
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def _post(client: TestClient, writer: dict[str, str], url: str, body: dict[str, Any]) -> None:
    response = client.post(url, json=body, headers=writer)
    assert response.status_code == 201, response.text


def test_actor_pages_follow_event_writes(api: tuple[TestClient, dict[str, str]]) -> None:
    client, writer = api
    _post(client, writer, "/actors?new=true", {"id": ACTOR, "kind": "person", "name": "Pag Er"})
    dates = [("2001-05", "month"), ("1999", "year"), ("2003-02-01", "day"), None]
    for n, when in enumerate(dates):
        body: dict[str, Any] = {"id": f"t-p{n}", "title": f"Paged {n}", "event_type": "consult"}
        if when:
            body["occurred"] = {"value": when[0], "precision": when[1]}
        _post(client, writer, "/events", body)
        link = {"event": f"t-p{n}", "actor": ACTOR, "role": "actor"}
        _post(client, writer, "/participations", link)
    # A second role in one event: still one row on the page.
    _post(client, writer, "/participations", {"event": "t-p0", "actor": ACTOR, "role": "host"})
    assert _ids(client, "limit=10") == ["t-p1", "t-p0", "t-p2", "t-p3"]
    assert _ids(client, "when__gte=2000-01-01&when__lte=2009-12-31") == ["t-p0", "t-p2"]
    assert _ids(client, "role=host") == ["t-p0"]
    # Paging by cursor walks the same order.
    first = client.get(f"/events?actor={ACTOR}&limit=2").json()
    second = client.get(first["links"]["next"]).json()
    assert [i["id"] for i in first["items"] + second["items"]] == ["t-p1", "t-p0", "t-p2", "t-p3"]

    # The event moves: its participations' copies follow.
    etag = client.get("/events/t-p1").headers["etag"]
    moved = client.patch(
        "/events/t-p1",
        json={"occurred": {"value": "2005-07", "precision": "month"}},
        headers={**writer, "If-Match": etag, "Content-Type": "application/merge-patch+json"},
    )
    assert moved.status_code == 200, moved.text
    assert _ids(client, "when__gte=2000-01-01&when__lte=2009-12-31") == ["t-p0", "t-p2", "t-p1"]
    assert _ids(client, "sort=-when") == ["t-p1", "t-p2", "t-p0", "t-p3"]
