"""Who may call what: 401 without a usable key, 403 without the scope, reads open by default."""

from collections.abc import Iterator
from datetime import timedelta
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlmodel import Session, col

from app.auth.dependencies import AdminDep, ReaderDep, WriterDep
from app.auth.service import revoke_key
from app.core.config import Settings, current_settings
from app.models.api_key import ApiKey
from app.models.base import utcnow
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.helpers import assert_problem


def _probe_client(engine: Engine) -> TestClient:
    """The app with one route per scope, answering with the principal it was given."""
    client = client_for(engine)
    app = cast(FastAPI, client.app)

    @app.get("/probe/read")
    def read(principal: ReaderDep) -> dict[str, object]:
        return {"key_id": principal.key_id, "scopes": sorted(principal.scopes)}

    @app.post("/probe/write")
    def write(principal: WriterDep) -> dict[str, object]:
        return {"key_id": principal.key_id, "scopes": sorted(principal.scopes)}

    @app.post("/probe/admin")
    def admin(principal: AdminDep) -> dict[str, object]:
        return {"key_id": principal.key_id, "scopes": sorted(principal.scopes)}

    return client


@pytest.fixture(scope="module")
def probe(seeded_engine: Engine) -> Iterator[TestClient]:
    with _probe_client(seeded_engine) as client:
        yield client


def _bad_key(engine: Engine, kind: str) -> str:
    key_id, key = make_key(engine, "admin")
    if kind == "unknown id":
        return "erk_0000000000000000_" + key.split("_", 2)[2]
    if kind == "wrong secret":
        return f"erk_{key_id}_" + "A" * 43
    if kind == "revoked":
        with Session(engine) as session:
            revoke_key(session, key_id)
            session.commit()
        return key
    if kind == "expired":
        return make_key(engine, "admin", expires_at=utcnow() - timedelta(seconds=1))[1]
    return {"no prefix": key.removeprefix("erk_"), "no secret": f"erk_{key_id}_"}[kind]


def test_write_without_a_key_is_401_with_a_bearer_challenge(probe: TestClient) -> None:
    response = probe.post("/probe/write")
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "kind", ["unknown id", "wrong secret", "revoked", "expired", "no prefix", "no secret"]
)
def test_a_bad_key_is_401_even_on_open_reads(
    probe: TestClient, seeded_engine: Engine, kind: str
) -> None:
    key = _bad_key(seeded_engine, kind)
    for response in (
        probe.post("/probe/admin", headers=bearer(key)),
        probe.get("/probe/read", headers=bearer(key)),
    ):
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


def test_an_authorization_that_is_not_bearer_is_401(probe: TestClient) -> None:
    response = probe.get("/probe/read", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert_problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_read_key_on_an_admin_route_is_403(probe: TestClient, seeded_engine: Engine) -> None:
    _, key = make_key(seeded_engine, "read")
    response = probe.get("/keys", headers=bearer(key))
    body = assert_problem(response, 403)
    assert "admin" in body["detail"]
    assert 'error="insufficient_scope"' in response.headers["www-authenticate"]
    assert_problem(probe.post("/probe/write", headers=bearer(key)), 403)


@pytest.mark.parametrize(
    ("scope", "holds"),
    [("read", ["read"]), ("write", ["read", "write"]), ("admin", ["admin", "read", "write"])],
)
def test_each_scope_implies_those_below_it(
    probe: TestClient, seeded_engine: Engine, scope: str, holds: list[str]
) -> None:
    key_id, key = make_key(seeded_engine, scope)
    for route in ("read", "write", "admin"):
        method = probe.get if route == "read" else probe.post
        response = method(f"/probe/{route}", headers=bearer(key))
        if route in holds:
            assert response.json() == {"key_id": key_id, "scopes": holds}, response.text
        else:
            assert_problem(response, 403)


def test_reads_are_open_by_default(probe: TestClient) -> None:
    assert probe.get("/probe/read").json() == {"key_id": None, "scopes": ["read"]}
    assert probe.get("/events").status_code == 200


def test_reads_need_a_key_when_reads_require_key_is_set(seeded_engine: Engine) -> None:
    with _probe_client(seeded_engine) as client:
        app = cast(FastAPI, client.app)
        app.dependency_overrides[current_settings] = lambda: Settings(reads_require_key=True)
        response = client.get("/probe/read")
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
        key_id, key = make_key(seeded_engine, "read")
        assert client.get("/probe/read", headers=bearer(key)).json()["key_id"] == key_id


def _last_used(engine: Engine, key_id: str) -> object:
    with Session(engine) as session:
        key = session.get(ApiKey, key_id)
        assert key is not None
        return key.last_used_at


def test_last_used_is_written_at_most_once_a_minute(
    probe: TestClient, seeded_engine: Engine
) -> None:
    key_id, key = make_key(seeded_engine, "read")
    assert _last_used(seeded_engine, key_id) is None
    probe.get("/probe/read", headers=bearer(key))
    first = _last_used(seeded_engine, key_id)
    assert first is not None
    probe.get("/probe/read", headers=bearer(key))
    assert _last_used(seeded_engine, key_id) == first
    two_minutes_ago = utcnow() - timedelta(minutes=2)
    with Session(seeded_engine) as session:
        session.execute(
            update(ApiKey).where(col(ApiKey.id) == key_id).values(last_used_at=two_minutes_ago)
        )
        session.commit()
    probe.get("/probe/read", headers=bearer(key))
    assert _last_used(seeded_engine, key_id) != two_minutes_ago


def test_every_collection_closes_when_reads_require_a_key(seeded_engine: Engine) -> None:
    with client_for(seeded_engine) as client:
        app = cast(FastAPI, client.app)
        app.dependency_overrides[current_settings] = lambda: Settings(reads_require_key=True)
        for path in (
            "/events",
            "/actors/nato",
            "/search?q=nato",
            "/graph?node=actor:nato",
            "/changes",
            "/disagreements",
            "/timeline",
        ):
            assert client.get(path).status_code == 401, path
        assert client.get("/health").status_code == 200
