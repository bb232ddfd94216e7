"""Record GET answers replayed in front of the routing, the dependencies and the HTTP layers.

A record route marks its answer with the data version it was built at (`mark`). This layer
keeps what the stack inside it sent for that request, status, headers and bytes, keyed by
everything inside it reads from a request (path, query, scheme, host, root path, Accept,
Origin, If-None-Match), and sends the same again while the data version is unchanged. What
varies per request is redone: the rate limit is counted and its headers renewed, and the
layers outside (request id, security headers, metrics, gzip and its ETag suffix) run as for
any answer. A request with a key, or while reads need one, takes the full stack.
"""

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings
from app.ratelimit.service import RATE_LIMIT_HEADERS, Verdict, count_once
from app.records.version import data_version_now

_MARK = "record_version"  # key in the request's state: (engine, data version)
# The request headers the layers and the record route inside read (the rest are outside:
# X-Request-ID, Accept-Encoding, or not read at all).
_KEYED = frozenset({b"host", b"accept", b"origin", b"if-none-match"})
_REPLAYED = (200, 304)
Key = tuple[Any, ...]


def mark(scope: Scope, engine: Engine, version: int) -> None:
    """Say that this request's answer is the record's at `version` of `engine`'s data."""
    scope.setdefault("state", {})[_MARK] = (engine, version)


@dataclass(frozen=True)
class Sent:
    """One answer as the stack inside sent it, its RateLimit headers taken out."""

    engine: Engine
    version: int
    status: int
    headers: list[tuple[bytes, bytes]]
    body: Message
    limit_at: int | None  # where the RateLimit headers were, if they were sent

    def start(self, verdict: Verdict | None) -> Message | None:
        """The response start for this request, or None if its rate limit does not fit."""
        if (verdict is None) != (self.limit_at is None):
            return None
        headers = list(self.headers)
        if verdict is not None and self.limit_at is not None:
            fresh = verdict.headers().items()
            limit = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in fresh]
            headers[self.limit_at : self.limit_at] = limit
        return {"type": "http.response.start", "status": self.status, "headers": headers}


def _key(scope: Scope) -> Key | None:
    """What the answer depends on, or None when the request carries a key (the full stack
    authenticates it, and counts it against that key)."""
    keyed = []
    for name, value in scope["headers"]:
        if name == b"authorization":
            return None
        if name in _KEYED:
            keyed.append((name, value))
    server = scope.get("server")  # a list under some servers and the test client
    where = (scope.get("scheme"), server and tuple(server), scope.get("root_path", ""))
    return (scope["path"], scope.get("query_string", b""), where, tuple(keyed))


def _sent(engine: Engine, version: int, start: Message, body: Message) -> Sent:
    headers = list(start.get("headers", []))
    names = [name.lower() for name, _ in headers]
    limit_at = None
    if RATE_LIMIT_HEADERS[0] in names:
        limit_at = names.index(RATE_LIMIT_HEADERS[0])
        headers = [h for h, n in zip(headers, names, strict=True) if n not in RATE_LIMIT_HEADERS]
    return Sent(engine, version, start["status"], headers, dict(body), limit_at)


class RecordReplay:
    """Sends a marked record answer again, unchanged, while the data version stands."""

    def __init__(
        self, app: ASGIApp, *, size: int, reads_open: Callable[[], Awaitable[bool]]
    ) -> None:
        self.app = app
        self.size = size
        self.reads_open = reads_open
        self._sent: OrderedDict[Key, Sent] = OrderedDict()  # only the event loop touches it

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _key(scope) if scope["type"] == "http" and scope["method"] == "GET" else None
        if key is None or not await self.reads_open():
            await self.app(scope, receive, send)
            return
        found = self._sent.get(key)
        if found is not None and await self._replayed(found, scope, send):
            self._sent.move_to_end(key)
            return
        await self._through(key, scope, receive, send)

    async def _replayed(self, found: Sent, scope: Scope, send: Send) -> bool:
        if await data_version_now(found.engine) != found.version:
            return False
        verdict = None
        if get_settings().rate_limit_enabled:
            # Counted once: if this answer cannot be replayed, the full stack takes the count.
            verdict = await count_once(scope, found.engine)
            if verdict is not None and not verdict.allowed:
                return False
        start = found.start(verdict)
        if start is None:
            return False
        await send(start)
        await send(dict(found.body))
        return True

    async def _through(self, key: Key, scope: Scope, receive: Receive, send: Send) -> None:
        """The full stack's answer, kept if the record route marked it."""
        scope.setdefault("state", {})  # shared with the copies of the scope layers make
        messages: list[Message] = []

        async def keep(message: Message) -> None:
            # Copies: the layers outside edit what they are sent in place (gzip replaces the
            # body, others add headers). A third message means a stream: none of it is kept.
            if len(messages) < 3:
                copy = dict(message)
                if "headers" in copy:
                    copy["headers"] = list(copy["headers"])
                messages.append(copy)
            await send(message)

        await self.app(scope, receive, keep)
        marked: tuple[Engine, int] | None = scope["state"].get(_MARK)
        if marked is None or len(messages) != 2:
            return
        (engine, version), (start, body) = marked, messages
        if start["status"] in _REPLAYED and not body.get("more_body", False):
            self._sent[key] = _sent(engine, version, start, body)
            self._sent.move_to_end(key)
            while len(self._sent) > self.size:
                self._sent.popitem(last=False)
