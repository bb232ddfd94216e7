"""/keys: create, list, revoke and read one's own key, through HTTP."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.models.api_key import ApiKey
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.helpers import assert_problem


@pytest.fixture(scope="module")
def client(seeded_engine: Engine) -> Iterator[TestClient]:
    with client_for(seeded_engine) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def admin(seeded_engine: Engine) -> dict[str, str]:
    return bearer(make_key(seeded_engine, "admin", name="test admin")[1])


def test_admin_creates_a_key_that_works_at_once(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post(
        "/keys",
        json={"name": "importer", "scopes": ["write"], "expires_in_days": 30},
        headers=admin,
    )
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    created = response.json()
    assert created["key"].startswith(f"erk_{created['id']}_")
    assert created["scopes"] == ["write"]
    me = client.get("/keys/me", headers=bearer(created["key"]))
    assert me.status_code == 200, me.text
    assert me.headers["cache-control"] == "no-store"
    assert {k: me.json()[k] for k in ("id", "name", "scopes", "expires_at")} == {
        k: created[k] for k in ("id", "name", "scopes", "expires_at")
    }
    assert "key" not in me.json()


def test_listing_shows_every_key_but_never_a_secret_or_hash(
    client: TestClient, admin: dict[str, str], seeded_engine: Engine
) -> None:
    key_id, key = make_key(seeded_engine, "read", name="listed")
    items = []
    url: str | None = "/keys?limit=2"
    while url:
        page = client.get(url, headers=admin)
        assert page.status_code == 200, page.text
        assert page.headers["cache-control"] == "no-store"
        items.extend(page.json()["items"])
        url = page.json()["links"]["next"]
        assert key.split("_", 2)[2] not in page.text
    with Session(seeded_engine) as session:
        stored = session.get(ApiKey, key_id)
        assert stored is not None
    listed = {item["id"]: item for item in items}
    assert listed[key_id]["name"] == "listed"
    assert set(listed[key_id]) == {
        "id", "type", "name", "scopes", "created_at", "expires_at", "revoked_at", "last_used_at"
    }  # fmt: skip
    assert stored.secret_sha256 not in str(items)


def test_revoking_is_immediate_and_idempotent(
    client: TestClient, admin: dict[str, str], seeded_engine: Engine
) -> None:
    key_id, key = make_key(seeded_engine, "write")
    assert client.get("/keys/me", headers=bearer(key)).status_code == 200
    for _ in range(2):
        response = client.delete(f"/keys/{key_id}", headers=admin)
        assert response.status_code == 204
        assert response.content == b""
    assert_problem(client.get("/keys/me", headers=bearer(key)), 401)
    revoked = client.get("/keys?limit=500", headers=admin).json()["items"]
    assert next(i for i in revoked if i["id"] == key_id)["revoked_at"] is not None


def test_revoking_an_unknown_key_is_404(client: TestClient, admin: dict[str, str]) -> None:
    assert_problem(client.delete("/keys/0000000000000000", headers=admin), 404)


def test_key_management_needs_the_admin_scope(client: TestClient, seeded_engine: Engine) -> None:
    _, writer = make_key(seeded_engine, "write")
    for method, url in (("GET", "/keys"), ("POST", "/keys"), ("DELETE", "/keys/x")):
        assert_problem(client.request(method, url), 401)
        assert_problem(client.request(method, url, headers=bearer(writer)), 403)


def test_own_key_needs_a_key_even_with_open_reads(client: TestClient) -> None:
    response = client.get("/keys/me")
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "scopes": ["superuser"]}, "body.scopes.0"),
        ({"name": "x", "scopes": []}, "body.scopes"),
        ({"name": "", "scopes": ["read"]}, "body.name"),
        ({"name": "x", "scopes": ["read"], "expires_in_days": 0}, "body.expires_in_days"),
        ({"name": "x", "scopes": ["read"], "expires_at": "2030-01-01T00:00:00"}, "body.expires_at"),
    ],
)
def test_a_bad_key_request_is_422_naming_the_field(
    client: TestClient, admin: dict[str, str], body: dict[str, object], field: str
) -> None:
    assert_problem(client.post("/keys", json=body, headers=admin), 422, field)
