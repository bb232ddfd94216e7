"""Hostile requests, as an attacker or a careless client sends them: none may be a 500.

The cases combine hostile values (SQL and FTS metacharacters, huge numbers, control and
invisible characters, forged cursors, deep nesting) with the places they can go (filters,
sorts, cursors, ids, search, bodies). `HOSTILE_CASES` is the figure in the README.
"""

import base64

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.reliability.conftest import Writable

VALUES = [
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE actor",
    "%",
    "_",
    "\\",
    '"unbalanced',
    "NEAR(a b",
    "a* OR b*",
    "^",
    "-",
    "(",
    ")",
    "9" * 30,
    "-" + "9" * 30,
    "1e309",
    "NaN",
    "²",
    "\u200b",
    "\ufeff",
    "\ud7ff",
    "x" * 5000,
    "../../etc/passwd",
    "%2F..%2F",
    "null",
    "[]",
    "{}",
    "0x10",
    "2022-13-45",
    "-0001-01-01",
]
ENCODED = [httpx.QueryParams({"v": v})["v"] for v in VALUES]
LISTS = ["/events", "/actors", "/sources", "/evidence", "/claims", "/quotes", "/changes"]
PARAMS = ["id", "title__contains", "start__gte", "occurred__gte", "sort", "cursor", "limit"]
CURSORS = [
    base64.urlsafe_b64encode(raw).decode()
    for raw in (b'{"v":[1e400],"b":0,"f":""}', b"99999999999999999999999", b'{"after":"\\u00b2"}')
]
BODIES = [
    b"[" * 5000 + b"]" * 5000,
    b'{"kind": "organisation", "name": "' + b"\\u0000" + b'"}',
    b'{"kind": "organisation", "name": 1e400}',
    b'{"kind": "organisation", "name": "a", "evidence": [{"source": "x", "excerpt": "y", '
    b'"start": 99999999999999999999999}]}',
    b"\xff\xfe{}",
    b"",
    b"null",
]


def _requests() -> list[tuple[str, str, bytes | None]]:
    cases: list[tuple[str, str, bytes | None]] = []
    for path in LISTS:
        for param in PARAMS:
            cases += [("GET", f"{path}?{param}={v}", None) for v in ENCODED]
        cases += [("GET", f"{path}?cursor={c}", None) for c in CURSORS]
    cases += [("GET", f"/search?q={v}", None) for v in ENCODED]
    cases += [("GET", f"/actors/{v}", None) for v in ENCODED if v]
    cases += [("GET", f"/graph?node=actor:{v}", None) for v in ENCODED]
    cases += [("GET", f"/events?or=({v})", None) for v in ENCODED]
    cases += [("GET", "/events?or=" + "and(" * 50 + "id=x" + ")" * 50, None)]
    for path in ("/actors", "/events", "/claims", "/imports", "/actors/match"):
        cases += [("POST", path, body) for body in BODIES]
    return cases


HOSTILE_CASES = len(_requests())
pytestmark = pytest.mark.slow


def test_no_hostile_request_is_a_500(client: TestClient) -> None:
    failures = []
    for method, url, _ in _requests():
        if method == "GET":
            response = client.get(url)
            if response.status_code >= 500 and response.status_code != 503:
                failures.append((url, response.status_code))
    assert failures == []


def test_no_hostile_body_is_a_500(writable: Writable) -> None:
    failures = []
    for method, url, body in _requests():
        if method == "POST":
            headers = {"Content-Type": "application/json", **writable.writer}
            if url == "/imports":
                headers["Content-Type"] = "application/x-ndjson"
                url += "?dry_run=true"
            response = writable.api.post(url, content=body, headers=headers)
            if response.status_code >= 500:
                failures.append((url, body[:40] if body else body, response.status_code))
    assert failures == []
