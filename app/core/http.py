"""HTTP caching (ETag, 304, Cache-Control, Vary), CORS, and the per-request query time limit.

Both middlewares are pure ASGI, not BaseHTTPMiddleware: they see every message as the app
sends it, so a streamed export passes through chunk by chunk and is never buffered.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import Settings, get_settings
from app.core.db import query_time_limit
from app.core.errors import problem_response
from app.core.limits import BodyLimits, NulInQuery

# Answers of these types are streamed (exports): sent on as they come, with no ETag.
STREAMING_TYPES = ("text/csv", "application/x-ndjson", "text/event-stream")
# What a browser script may read besides the CORS-safelisted response headers.
EXPOSED_HEADERS = ("ETag", "Link", "Content-Disposition", "Location")
# Browser clients curate too: the write methods and the headers they send.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
READ_METHODS = ("GET", "HEAD", "OPTIONS", "")
ALLOWED_HEADERS = ("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key")
# Request headers on which an answer depends. Origin is added by CORSMiddleware and
# Accept-Encoding by the gzip middleware (app/ops/compression.py) on what it compresses.
VARY = ("Accept",)
# An entity tag is an optional W/ and a quoted string that may hold commas (RFC 9110 §8.8.3).
_ENTITY_TAG = re.compile(r'(?:W/)?"[^"]*"')
# A 304 has no content, so the fields describing it go (RFC 9110 §15.4.5).
_CONTENT_FIELDS = ("content-length", "content-type")


def entity_tag(body: bytes) -> str:
    """A strong ETag for these exact bytes (RFC 9110 §8.8.3).

    Strong, because the hash covers the bytes sent: equal tags mean byte-identical answers,
    so the tag stays usable for If-Match or If-Range later. Anything that re-encodes the body
    must give the new bytes their own tag: app/ops/compression.py suffixes it with `-gzip`.
    """
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def none_match(if_none_match: str, etag: str) -> bool:
    """Whether If-None-Match is `*` or names `etag`, compared weakly (RFC 9110 §13.1.2)."""
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in _ENTITY_TAG.findall(if_none_match))


def cache_control(max_age: int) -> str:
    """`no-cache` (store, but ask with the ETag before each reuse) or a freshness lifetime."""
    # RFC 9111 §5.2.2.4: no-cache allows storing but requires revalidation on every use.
    return "no-cache" if max_age == 0 else f"max-age={max_age}"


@dataclass(frozen=True)
class CachePolicy:
    """The caching headers a 200 answer to a GET gets unless the route set its own."""

    cache_control: str
    vary: tuple[str, ...] = VARY


def _add_vary(headers: MutableHeaders, names: Iterable[str]) -> None:
    present = {n.strip().lower() for v in headers.getlist("vary") for n in v.split(",")}
    missing = [name for name in names if name.lower() not in present]
    if missing:
        headers["Vary"] = ", ".join([*headers.getlist("vary"), *missing])


def _is_streaming(headers: MutableHeaders) -> bool:
    return headers.get("content-type", "").startswith(STREAMING_TYPES)


def _not_modified(start: Message) -> Message:
    headers = MutableHeaders(scope=start)
    for name in _CONTENT_FIELDS:
        del headers[name]
    return {**start, "status": 304}


class _Exchange:
    """One GET or HEAD answer on its way out: a 200 is held until its body proves complete."""

    def __init__(self, send: Send, request: Headers, *, head: bool, policy: CachePolicy) -> None:
        self._send = send
        self._if_none_match = ", ".join(request.getlist("if-none-match")) or None
        self._head = head
        self._policy = policy
        self._held: Message | None = None

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            await self._start(message)
        elif message["type"] == "http.response.body" and (start := self._held) is not None:
            self._held = None
            await self._first_body(start, message)
        else:
            await self._forward(message)

    async def _start(self, message: Message) -> None:
        if message["status"] != 200:
            await self._send(message)  # problem_response marks errors no-store itself
            return
        message["headers"] = list(message.get("headers", []))
        headers = MutableHeaders(scope=message)
        headers.setdefault("Cache-Control", self._policy.cache_control)
        _add_vary(headers, self._policy.vary)
        if _is_streaming(headers):
            await self._send(message)
        else:
            self._held = message

    async def _first_body(self, start: Message, message: Message) -> None:
        if message.get("more_body", False):  # streamed in several messages: no ETag
            await self._send(start)
            await self._forward(message)
            return
        headers = MutableHeaders(scope=start)
        etag = headers.setdefault("ETag", entity_tag(message.get("body", b"")))
        if self._if_none_match is not None and none_match(self._if_none_match, etag):
            await self._send(_not_modified(start))
            await self._send({"type": "http.response.body", "body": b""})
            return
        await self._send(start)
        await self._forward(message)

    async def _forward(self, message: Message) -> None:
        if self._head and message["type"] == "http.response.body":
            if message.get("more_body", False):
                return  # a HEAD answer has no content (RFC 9110 §9.3.2); drop the chunks
            message = {"type": "http.response.body", "body": b""}
        await self._send(message)


class HttpCaching:
    """ETag and 304 on complete 200 answers to GET and HEAD; Cache-Control and Vary."""

    def __init__(self, app: ASGIApp, *, max_age: int = 0) -> None:
        self.app = app
        self.policy = CachePolicy(cache_control=cache_control(max_age))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        exchange = _Exchange(send, Headers(scope=scope), head=head, policy=self.policy)
        # HEAD is GET without the content (RFC 9110 §9.3.2): the routes answer it as a GET,
        # so its headers, ETag included, are those a GET would get.
        await self.app({**scope, "method": "GET"}, receive, exchange.send)


class QueryTimeLimit:
    """Limits each SQL statement run for a request to `ms` milliseconds (see app/core/db.py)."""

    def __init__(self, app: ASGIApp, *, ms: int) -> None:
        self.app = app
        self.ms = ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # The context variable is copied into the worker threads that run sync routes.
        with query_time_limit(self.ms):
            await self.app(scope, receive, send)


class WriteOrigins:
    """Writes from a browser only from the origins in CORS_WRITE_ORIGINS (or the API's own).

    CORSMiddleware takes one origin list for every method; reads are open to any origin, so a
    write's preflight from another origin is refused here, and so is a write that carries an
    Origin it may not (a form post needs no preflight, https://fetch.spec.whatwg.org/#cors-safelisted-method).
    """

    def __init__(self, app: ASGIApp, *, origins: list[str]) -> None:
        self.app = app
        self.origins = set(origins)

    def _allowed(self, scope: Scope, origin: str) -> bool:
        own = f"{scope.get('scheme', 'http')}://{Headers(scope=scope).get('host', '')}"
        return "*" in self.origins or origin in self.origins or origin == own

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin, method = headers.get("origin"), scope["method"]
        if method == "OPTIONS":
            method = headers.get("access-control-request-method", "").upper()
        if origin is None or method in READ_METHODS or self._allowed(scope, origin):
            await self.app(scope, receive, send)
            return
        response = problem_response(
            Request(scope),
            status=403,
            slug="origin-not-allowed",
            title="Origin not allowed",
            detail=f"Writes are not accepted from pages at {origin}; see CORS_WRITE_ORIGINS.",
        )
        await response(scope, receive, send)


def install_http(app: FastAPI, settings: Settings | None = None) -> None:
    """Add the query time limit, HTTP caching, body limits and CORS (outermost, so 304s and
    refusals get CORS headers too)."""
    settings = settings or get_settings()
    app.add_middleware(QueryTimeLimit, ms=settings.query_timeout_ms)
    app.add_middleware(HttpCaching, max_age=settings.cache_max_age)
    app.add_middleware(BodyLimits, settings=settings)
    app.add_middleware(NulInQuery)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
    )
    # Outside CORS, which answers preflights itself: a write's preflight is refused first.
    app.add_middleware(WriteOrigins, origins=settings.cors_write_origins)
