"""HTTP caching (ETag, 304, Cache-Control, Vary), CORS and the query time limit."""

import asyncio
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import cast

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.types import Message, Receive, Scope, Send

from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.http import HttpCaching
from tests.conftest import BACKENDS, ROOT, client_for
from tests.helpers import assert_problem, seed_records

# Counts to ten million: seconds of work on either backend, so only the limit stops it soon.
SLOW_SQL = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) "
    "SELECT count(*) FROM c"
)
STRONG_TAG = re.compile(r'^"[0-9a-f]{32}(-gzip)?"$')  # -gzip: the gzip form's own tag


def _event_url() -> str:
    return f"/events/{seed_records('events')[0]['id']}"


def _vary(response: httpx.Response) -> set[str]:
    return {v.strip().lower() for v in response.headers.get("vary", "").split(",")}


@pytest.fixture
def configure(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Set settings through the environment for clients built after the call."""

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield set_env
    get_settings.cache_clear()  # the next reader sees the environment restored


def _slow(session: SessionDep) -> int:
    """Test-only route: one statement that runs for seconds unless stopped."""
    count: int = session.connection().exec_driver_sql(SLOW_SQL.format(n=10_000_000)).scalar_one()
    return count


@pytest.mark.parametrize("url", ["/events", "/actors?limit=2", "/vocabularies", "/health"])
def test_get_answers_carry_a_strong_etag_and_revalidation_headers(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert STRONG_TAG.match(response.headers["etag"])
    assert response.headers["cache-control"] == "no-cache"
    assert {"accept", "origin"} <= _vary(response)


def test_repeated_get_with_if_none_match_is_a_304_without_body(client: TestClient) -> None:
    first = client.get(_event_url())
    again = client.get(_event_url(), headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert "content-type" not in again.headers
    for name in ("etag", "cache-control", "vary"):
        assert again.headers[name] == first.headers[name]


@pytest.mark.parametrize("template", ['"nope", W/{tag}', '{tag}, "x,y"', "*"])
def test_if_none_match_compares_lists_weakly_and_star_matches(
    client: TestClient, template: str
) -> None:
    tag = client.get("/events").headers["etag"]
    response = client.get("/events", headers={"If-None-Match": template.format(tag=tag)})
    assert response.status_code == 304


def test_if_none_match_naming_other_tags_gets_the_full_answer(client: TestClient) -> None:
    response = client.get("/events", headers={"If-None-Match": '"nope", W/"also-not"'})
    assert response.status_code == 200
    assert response.json()["items"]


def test_a_different_representation_gets_a_different_etag(client: TestClient) -> None:
    one = client.get("/events?limit=1")
    two = client.get("/events?limit=2")
    assert one.headers["etag"] != two.headers["etag"]
    stale = client.get("/events?limit=2", headers={"If-None-Match": one.headers["etag"]})
    assert stale.status_code == 200


def test_head_answers_with_the_get_headers_and_no_body(client: TestClient) -> None:
    get = client.get(_event_url())
    head = client.head(_event_url())
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == get.headers["content-length"]  # gzip or not
    revalidated = client.head(_event_url(), headers={"If-None-Match": get.headers["etag"]})
    assert revalidated.status_code == 304


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_error_answers_are_never_stored(client: TestClient, method: str) -> None:
    for url in ("/events/no-such-event", "/events?limit=0", "/no-such-collection"):
        response = client.request(method, url)
        assert response.status_code in {400, 404}
        assert response.headers["cache-control"] == "no-store"
        assert "etag" not in response.headers
    assert client.delete("/events").headers["cache-control"] == "no-store"


def test_cors_preflight_allows_get_with_if_none_match(client: TestClient) -> None:
    response = client.options(
        "/events",
        headers={
            "Origin": "https://viewer.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    assert "if-none-match" in response.headers["access-control-allow-headers"].lower()


@pytest.fixture
def curator_origin(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client on an app that takes writes from https://curator.example (CORS_WRITE_ORIGINS)."""
    monkeypatch.setenv("CORS_WRITE_ORIGINS", "https://curator.example")
    get_settings.cache_clear()
    try:
        with client_for(seeded_engine) as client:
            yield client
    finally:
        get_settings.cache_clear()


def test_cors_preflight_allows_authenticated_writes_with_if_match(
    curator_origin: TestClient,
) -> None:
    response = curator_origin.options(
        "/events/x",
        headers={
            "Origin": "https://curator.example",
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "Authorization, If-Match, Content-Type",
        },
    )
    assert response.status_code == 200
    assert "PATCH" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "if-match", "content-type"} <= {h.strip() for h in allowed.split(",")}


def test_cors_simple_requests_expose_etag_link_and_content_disposition(
    client: TestClient,
) -> None:
    origin = {"Origin": "https://viewer.example"}
    response = client.get("/events", headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = {h.strip() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {"ETag", "Link", "Content-Disposition", "Location"} <= exposed
    revalidated = client.get("/events", headers={**origin, "If-None-Match": "*"})
    assert revalidated.status_code == 304
    assert revalidated.headers["access-control-allow-origin"] == "*"


def test_cors_origins_setting_limits_which_sites_may_read(
    seeded_engine: Engine, configure: Callable[..., None]
) -> None:
    configure(CORS_ORIGINS="https://a.example, https://b.example")
    with client_for(seeded_engine) as client:
        allowed = client.get("/events", headers={"Origin": "https://b.example"})
        other = client.get("/events", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://b.example"
    assert "access-control-allow-origin" not in other.headers
    assert "origin" in _vary(allowed)
    assert "origin" in _vary(other)


def test_cache_max_age_setting_gives_a_freshness_lifetime(
    seeded_engine: Engine, configure: Callable[..., None]
) -> None:
    configure(CACHE_MAX_AGE="60")
    with client_for(seeded_engine) as client:
        assert client.get("/events").headers["cache-control"] == "max-age=60"


def _streaming_app() -> FastAPI:
    app = FastAPI()

    @app.get("/export.csv")
    def export() -> StreamingResponse:
        rows = (f"{i},row {i}\n" for i in range(1000))
        return StreamingResponse(rows, media_type="text/csv")

    return cast(FastAPI, HttpCaching(app))


def test_streamed_exports_pass_through_whole_without_etag() -> None:
    with TestClient(_streaming_app()) as client:
        response = client.get("/export.csv")
        head = client.head("/export.csv")
    assert response.status_code == 200
    assert response.text.count("\n") == 1000
    assert "etag" not in response.headers
    assert response.headers["cache-control"] == "no-cache"
    assert head.status_code == 200
    assert head.content == b""


def test_a_body_sent_in_chunks_is_forwarded_before_the_app_finishes() -> None:
    sent: list[Message] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"[1,", "more_body": True})
        # Nothing buffered: the client already has the start and the first chunk.
        assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
        await send({"type": "http.response.body", "body": b"2]", "more_body": False})

    async def record(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    scope: Scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
    asyncio.run(HttpCaching(app)(scope, receive, record))
    assert b"".join(m.get("body", b"") for m in sent) == b"[1,2]"
    assert all(name != b"etag" for name, _ in sent[0]["headers"])


@pytest.fixture
def limited_client(seeded_engine: Engine, configure: Callable[..., None]) -> Iterator[TestClient]:
    """A client whose requests may run each SQL statement for 20 ms, with a slow route."""
    configure(QUERY_TIMEOUT_MS="20")
    with client_for(seeded_engine) as client:
        cast(FastAPI, client.app).add_api_route("/slow", _slow)
        yield client


def test_a_query_past_the_time_limit_is_a_503_query_timeout_problem(
    limited_client: TestClient,
) -> None:
    body = assert_problem(limited_client.get("/slow"), 503)
    assert body["type"].endswith("/query-timeout")
    assert "20 ms" in body["detail"]
    assert limited_client.get("/slow").headers["cache-control"] == "no-store"


def test_ordinary_requests_fit_within_a_small_time_limit(limited_client: TestClient) -> None:
    assert limited_client.get("/slow").status_code == 503
    # The connection the timed-out statement used serves the next request normally.
    for _ in range(3):
        assert limited_client.get("/events").status_code == 200


def test_the_time_limit_hooks_log_no_connection_errors(
    limited_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    # The pool swallows and logs what its event listeners raise; nothing may be logged.
    with caplog.at_level(logging.WARNING, logger="sqlalchemy"):
        limited_client.get("/slow")
        limited_client.get("/events")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("sqlalchemy")] == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_time_limit_leaves_the_cli_seed_and_other_work_alone(
    backend: str, new_engine: Callable[[str], Engine], configure: Callable[..., None]
) -> None:
    configure(QUERY_TIMEOUT_MS="1")
    engine = new_engine(backend)
    url = engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "DATABASE_URL": url, "QUERY_TIMEOUT_MS": "1"}
    seeded = subprocess.run(
        [sys.executable, "-m", "app", "seed"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert seeded.returncode == 0, seeded.stderr
    with engine.connect() as conn:  # outside a request: no limit, however slow
        count = conn.exec_driver_sql(SLOW_SQL.format(n=300_000)).scalar_one()
    assert count == 300_000
