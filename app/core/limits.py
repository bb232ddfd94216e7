"""Bounded request bodies: a size cap on every route (413) and the media types writes take (415).

A pure ASGI middleware, so the cap holds before anything reads the body: a declared
Content-Length over the cap is refused up front, and a chunked body is counted as it
arrives and refused the moment it passes the cap, without reading the rest.
"""

from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import Settings
from app.core.errors import InvalidParam, problem_response

JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# /imports reads its own formats (NDJSON, JSON, YAML) and checks them itself.
IMPORTS = "/imports"


class NulInQuery:
    """400 for a NUL byte in a query parameter: SQLite compares text up to it, so a NUL in
    `name__contains` matched every row; no filter or id legitimately holds one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and b"%00" in scope.get("query_string", b""):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            name = next((k for k, v in pairs if "\x00" in k + v), "query")
            await _refuse(scope, send, 400, "invalid-parameter", "holds a NUL character", name)
            return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    """Raised into the app after the 413 is sent, so it stops reading."""


def _media_type(headers: Headers) -> tuple[str, dict[str, str]]:
    value = headers.get("content-type", "")
    kind, *params = (part.strip() for part in value.split(";"))
    pairs = (p.partition("=") for p in params if "=" in p)
    return kind.lower(), {k.strip().lower(): v.strip().strip('"').lower() for k, _, v in pairs}


def _has_body(headers: Headers) -> bool:
    length = headers.get("content-length")
    return "transfer-encoding" in headers or (length is not None and length != "0")


def unsupported_media_type(method: str, headers: Headers) -> str | None:
    """Why a write's body type is refused, or None when it is JSON in UTF-8 (RFC 8259 §8.1)."""
    kind, params = _media_type(headers)
    accepted = (JSON, MERGE_PATCH) if method == "PATCH" else (JSON,)
    if kind not in accepted:
        return f"Send {' or '.join(accepted)}, not {kind or 'no Content-Type'!r}."
    if params.get("charset", "utf-8") != "utf-8":
        return f"JSON is UTF-8 (RFC 8259 §8.1); charset={params['charset']} is not accepted."
    return None


class BodyLimits:
    """413 for a body over the cap, 415 for a write body that is not JSON."""

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.max_body = settings.max_body_bytes
        self.max_import = settings.max_import_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        is_import = scope["path"].rstrip("/") == IMPORTS
        limit = self.max_import if is_import else self.max_body
        if _has_body(headers) and not is_import:
            reason = unsupported_media_type(scope["method"], headers)
            if reason is not None:
                await _refuse(scope, send, 415, "unsupported-media-type", reason)
                return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(scope, send, 413, "payload-too-large", _too_large(limit))
            return
        await _Counted(self.app, scope, receive, send, limit).run()


class _Counted:
    """One request whose body bytes are counted as the app reads them."""

    def __init__(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send, limit: int):
        self.app, self.scope, self._receive, self._send = app, scope, receive, send
        self.limit, self.seen, self.refused, self.started = limit, 0, False, False

    async def run(self) -> None:
        try:
            await self.app(self.scope, self.receive, self.send)
        except Exception:
            # After the 413, whatever the app raises (BodyTooLarge, or the error it made of
            # it) is the refusal already answered; before it, the app failed on its own.
            if not self.refused:
                raise

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit:
                if not self.started:
                    self.refused = True
                    await _refuse(
                        self.scope, self._send, 413, "payload-too-large", _too_large(self.limit)
                    )
                raise BodyTooLarge
        return message

    async def send(self, message: Message) -> None:
        if self.refused:
            return  # the 413 went out already; what the app says next is dropped
        self.started = True
        await self._send(message)


def _too_large(limit: int) -> str:
    return f"A request body may hold at most {limit:,} bytes here."


async def _refuse(
    scope: Scope, send: Send, status: int, slug: str, detail: str, param: str | None = None
) -> None:
    titles = {400: "Invalid parameter", 413: "Payload too large", 415: "Unsupported media type"}
    invalid = None if param is None else [InvalidParam(name=f"query.{param}", reason=detail)]
    response = problem_response(
        Request(scope),
        status=status,
        slug=slug,
        title=titles[status],
        detail=detail if param is None else f"query.{param}: {detail}",
        invalid_params=invalid,
    )
    # The client may still be sending: close the connection rather than read the rest.
    response.headers["Connection"] = "close"
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


# Deepest nesting of lists and objects a document may have: real records nest a few levels;
# thousands of levels exhaust the parsers' and serialisers' recursion (a 500 otherwise).
MAX_NESTING = 64


def nesting_depth(value: object, limit: int = MAX_NESTING) -> int:
    """How deeply lists and dicts nest in `value`, counted without recursion up to `limit + 1`."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > limit:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def shallow(value: object) -> object:
    """`value` if it nests at most MAX_NESTING deep (a pydantic after-validator)."""
    if nesting_depth(value) > MAX_NESTING:
        raise ValueError(f"nests deeper than {MAX_NESTING} levels")
    return value
