"""A record answer sent again by the layer in front of the routing (app/records/replay.py)
is the answer the full stack sent: status, headers and bytes, with a request id, rate limit
and encoding of its own; a key or closed reads take the full stack."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.core.config import Settings, current_settings, get_settings
from app.core.db import get_session
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.helpers import assert_problem

RECORD = "/events/ap-partners-nato-offices?include=participants.actor,evidence"
PLAIN = {"Accept-Encoding": "identity"}


@dataclass
class Counted:
    """A client on a fresh app, and how many sessions its routes have opened."""

    api: TestClient
    opened: list[None]

    def get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        response: httpx.Response = self.api.get(url, headers=headers)
        return response

    def sessions_for(self, url: str, headers: dict[str, str] | None = None) -> int:
        before = len(self.opened)
        self.get(url, headers)
        return len(self.opened) - before


def _counting(api: TestClient) -> Counted:
    app = cast(FastAPI, api.app)
    inner = app.dependency_overrides[get_session]
    opened: list[None] = []

    def counting() -> Iterator[Session]:
        opened.append(None)
        yield from inner()

    app.dependency_overrides[get_session] = counting
    return Counted(api, opened)


@pytest.fixture
def counted(seeded_engine: Engine) -> Iterator[Counted]:
    with client_for(seeded_engine) as api:
        yield _counting(api)


def _headers(response: httpx.Response) -> list[tuple[str, str]]:
    return [(k, v) for k, v in response.headers.multi_items() if k != "x-request-id"]


@pytest.mark.parametrize(
    "headers",
    [
        PLAIN,
        {},  # httpx's gzip
        {**PLAIN, "Origin": "https://elsewhere.example"},
        {**PLAIN, "Accept": "application/ld+json"},
    ],
)
def test_a_replayed_answer_is_the_one_the_full_stack_sent(
    counted: Counted, headers: dict[str, str]
) -> None:
    first = counted.get(RECORD, headers)
    assert first.status_code == 200
    assert counted.sessions_for(RECORD, headers) == 0  # no route, no dependency ran
    again = counted.get(RECORD, headers)
    assert _headers(again) == _headers(first)
    assert again.content == first.content
    assert "X-Content-Type-Options" in again.headers
    assert "Content-Security-Policy" in again.headers


def test_a_replayed_revalidation_is_the_same_304(counted: Counted) -> None:
    etag = counted.get(RECORD, PLAIN).headers["etag"]
    ask = {**PLAIN, "If-None-Match": etag}
    first = counted.get(RECORD, ask)
    assert counted.sessions_for(RECORD, ask) == 0
    again = counted.get(RECORD, ask)
    assert again.status_code == first.status_code == 304
    assert _headers(again) == _headers(first)
    assert again.content == b""


def test_a_gzip_tag_sent_back_is_answered_304(counted: Counted) -> None:
    etag = counted.get(RECORD).headers["etag"]
    assert etag.endswith('-gzip"')
    counted.get(RECORD, {"If-None-Match": etag})
    again = counted.get(RECORD, {"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["etag"] == etag


def test_a_replayed_answer_has_its_own_request_id(counted: Counted) -> None:
    counted.get(RECORD, PLAIN)
    sent = counted.get(RECORD, {**PLAIN, "X-Request-ID": "req-7.b"})
    assert sent.headers["X-Request-ID"] == "req-7.b"
    made = [counted.get(RECORD, PLAIN).headers["X-Request-ID"] for _ in range(2)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in made)
    assert made[0] != made[1]


def test_a_request_with_a_key_takes_the_full_stack(counted: Counted, seeded_engine: Engine) -> None:
    counted.get(RECORD, PLAIN)
    _, key = make_key(seeded_engine, "read")
    assert counted.sessions_for(RECORD, {**PLAIN, **bearer(key)}) > 0
    assert_problem(counted.get(RECORD, {**PLAIN, **bearer("erk_nope_nope")}), 401)


def test_closed_reads_are_refused_after_an_answer_was_kept(counted: Counted) -> None:
    assert counted.get(RECORD, PLAIN).status_code == 200
    app = cast(FastAPI, counted.api.app)
    app.dependency_overrides[current_settings] = lambda: Settings(reads_require_key=True)
    refused = counted.get(RECORD, PLAIN)
    assert_problem(refused, 401)


def test_replayed_answers_are_counted_in_the_metrics(counted: Counted) -> None:
    for _ in range(3):
        counted.get(RECORD, PLAIN)

    def served() -> float:
        metrics = counted.get("/metrics").text
        line = next(
            row
            for row in metrics.splitlines()
            if row.startswith("http_requests_total{")
            and 'handler="/events/{event_id}"' in row
            and 'status="200"' in row
        )
        return float(line.rsplit(" ", 1)[1])

    before = served()
    counted.get(RECORD, PLAIN)
    assert served() == before + 1


@pytest.fixture
def limited(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counted]:
    """A fresh app allowing 5 requests a minute per address."""
    monkeypatch.setenv("RATE_LIMIT_ENABLED", "true")
    monkeypatch.setenv("RATE_LIMIT", "5/minute")
    get_settings.cache_clear()
    try:
        with client_for(seeded_engine) as api:
            yield _counting(api)
    finally:
        get_settings.cache_clear()
        with seeded_engine.begin() as connection:
            connection.execute(text("DELETE FROM rate_limit_window"))


def test_replayed_answers_are_rate_limited_once_each(limited: Counted) -> None:
    first = limited.get(RECORD, PLAIN)
    remaining = [first.headers["RateLimit"]]

    def others(response: httpx.Response) -> list[tuple[str, str]]:
        return [(k, "" if k == "ratelimit" else v) for k, v in _headers(response)]

    for _ in range(4):
        before = len(limited.opened)
        response = limited.get(RECORD, PLAIN)
        assert len(limited.opened) == before  # replayed
        assert others(response) == others(first)  # the same headers, in the same places
        assert response.headers["RateLimit-Policy"] == '"requests";q=5;w=60'
        remaining.append(response.headers["RateLimit"])
    assert [r.split(";")[1] for r in remaining] == ["r=4", "r=3", "r=2", "r=1", "r=0"]
    refused = limited.get(RECORD, PLAIN)
    assert_problem(refused, 429)
    assert refused.headers["RateLimit"].split(";")[1] == "r=0"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_an_answer_kept_for_a_gzip_client_is_sent_plain_to_another(counted: Counted) -> None:
    zipped = counted.get(RECORD)  # httpx accepts gzip, and decodes it
    assert zipped.headers["content-encoding"] == "gzip"
    assert counted.sessions_for(RECORD, PLAIN) == 0
    plain = counted.get(RECORD, PLAIN)
    assert "content-encoding" not in plain.headers
    assert plain.content == zipped.content
    assert counted.get(RECORD).headers["etag"] == zipped.headers["etag"]


def test_a_streamed_export_passes_through_whole(counted: Counted) -> None:
    first = counted.get("/events?format=ndjson", PLAIN)
    again = counted.get("/events?format=ndjson", PLAIN)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert len(first.content.splitlines()) > 1
