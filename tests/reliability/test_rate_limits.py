"""Rate limits: RateLimit headers on answers, 429 with Retry-After once a limit is spent,
counted per key or address in the database, and stricter for failed authentication."""

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.core.config import get_settings
from app.core.migrate import upgrade
from tests.auth.helpers import bearer, make_key
from tests.conftest import BACKENDS, client_for
from tests.helpers import assert_problem


@pytest.fixture(params=BACKENDS)
def limited(
    request: pytest.FixtureRequest,
    new_engine: Callable[[str], Engine],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[Engine, TestClient]]:
    """An app allowing 5 requests a minute per key or address, and 3 failed logins."""
    monkeypatch.setenv("RATE_LIMIT_ENABLED", "true")
    monkeypatch.setenv("RATE_LIMIT", "5/minute")
    monkeypatch.setenv("RATE_LIMIT_AUTH_FAILURES", "3/minute")
    get_settings.cache_clear()
    engine = new_engine(request.param)
    upgrade(engine)
    try:
        with client_for(engine) as api:
            yield engine, api
    finally:
        get_settings.cache_clear()


def test_answers_carry_ratelimit_headers_and_the_sixth_is_429(
    limited: tuple[Engine, TestClient],
) -> None:
    _, api = limited
    remaining = []
    for _ in range(5):
        response = api.get("/events")
        assert response.status_code == 200
        assert response.headers["RateLimit-Policy"] == '"requests";q=5;w=60'
        remaining.append(response.headers["RateLimit"].split(";")[1])
    assert remaining == ["r=4", "r=3", "r=2", "r=1", "r=0"]
    refused = api.get("/events")
    assert_problem(refused, 429)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_each_key_has_its_own_budget(limited: tuple[Engine, TestClient]) -> None:
    engine, api = limited
    _, one = make_key(engine, "read")
    _, two = make_key(engine, "read")
    for _ in range(5):
        assert api.get("/events", headers=bearer(one)).status_code == 200
    assert api.get("/events", headers=bearer(one)).status_code == 429
    assert api.get("/events", headers=bearer(two)).status_code == 200
    assert api.get("/events").status_code == 200  # the address, without a key


def test_failed_authentication_is_limited_sooner(limited: tuple[Engine, TestClient]) -> None:
    _, api = limited
    bad = bearer("erk_0000000000000000_wrong")
    statuses = [api.post("/actors", json={}, headers=bad).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert api.get("/events").status_code == 429  # the address is held back altogether
