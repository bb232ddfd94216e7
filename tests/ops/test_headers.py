"""Security headers, request ids and the probes, through HTTP."""

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.ops.headers import CSP
from tests.conftest import client_for


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for response in (client.get("/events"), client.get("/events/nope"), client.post("/health")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["Content-Security-Policy"] == CSP
        assert "frame-ancestors 'none'" in CSP


def test_only_the_docs_pages_may_run_inline_code(client: TestClient) -> None:
    assert "'unsafe-inline'" not in client.get("/events").headers["Content-Security-Policy"]
    for path in ("/docs", "/redoc"):
        csp = client.get(path).headers["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in csp
        assert "frame-ancestors 'none'" in csp


def test_a_request_id_sent_is_sent_back(client: TestClient) -> None:
    response = client.get("/health", headers={"X-Request-ID": "req-42.a"})
    assert response.headers["X-Request-ID"] == "req-42.a"


def test_a_request_id_is_made_when_none_or_a_bad_one_is_sent(client: TestClient) -> None:
    made = client.get("/health").headers["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/health").headers["X-Request-ID"] != made
    forged = client.get("/health", headers={"X-Request-ID": "a b\tc"}).headers["X-Request-ID"]
    assert forged != "a b\tc"
    assert len(forged) == 32


def test_an_error_answer_carries_the_request_id(client: TestClient) -> None:
    response = client.get("/events/nope", headers={"X-Request-ID": "r1"})
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "r1"


def test_livez_answers_without_the_database(client: TestClient) -> None:
    assert client.get("/livez").json() == {"status": "ok"}


def test_readyz_is_ok_on_a_migrated_database(client: TestClient) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["database"] is True
    assert body["revision"] == body["head"]


def test_readyz_is_503_before_migrations(new_engine: Callable[[str], Engine]) -> None:
    with client_for(new_engine("sqlite")) as fresh:
        response = fresh.get("/readyz")
    assert response.status_code == 503
    assert response.json()["revision"] is None
    assert response.json()["status"] == "unavailable"
