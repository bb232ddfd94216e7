"""gzip for large answers, with an entity tag per encoding.

A strong ETag names one exact sequence of bytes (RFC 9110 §8.8.3), so the gzip form of an
answer cannot carry the tag of the plain form. The tags are kept apart as Apache does:
`"<tag>-gzip"` for the gzip form. Coming back in If-None-Match or If-Match, the suffix is
taken off before the app compares tags, since both forms hold the same content: a 304 and
a write's precondition work with whichever tag the client was given.
"""

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SUFFIX = "-gzip"
_CONDITIONAL = (b"if-none-match", b"if-match")
_SUFFIXED = re.compile(r'"([^"]*)' + re.escape(SUFFIX) + '"')


def plain_tags(value: str) -> str:
    """`value` (a list of entity tags) with each gzip tag named by its plain form."""
    return _SUFFIXED.sub(r'"\1"', value)


def gzip_tag(etag: str) -> str:
    """The tag of the gzip form of the answer tagged `etag`."""
    return etag[:-1] + SUFFIX + '"' if etag.endswith('"') and SUFFIX not in etag else etag


class EncodedEntityTags:
    """Sits outside GZipMiddleware: suffixes the ETag of what it compressed, unsuffixes the
    tags clients send back."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conditional = ", ".join(
            Headers(scope=scope).getlist("if-none-match") + Headers(scope=scope).getlist("if-match")
        )
        sent_gzip_tag = _SUFFIXED.search(conditional) is not None
        head = scope["method"] == "HEAD"
        headers = [_plain(name, value) for name, value in scope["headers"]]
        # HEAD is answered as a GET whose body is dropped here, after compression, so its
        # ETag and Content-Length are those of the GET (RFC 9110 §9.3.2).
        scope = {**scope, "headers": headers, "method": "GET" if head else scope["method"]}

        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                _retag(message, not_modified_gzip=sent_gzip_tag)
            elif head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app(scope, receive, send_tagged)


def _plain(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    if name.lower() in _CONDITIONAL:
        return name, plain_tags(value.decode("latin-1")).encode("latin-1")
    return name, value


def _retag(message: Message, *, not_modified_gzip: bool) -> None:
    message["headers"] = list(message.get("headers", []))
    headers = MutableHeaders(scope=message)
    etag = headers.get("etag")
    if etag is None:
        return
    gzipped = headers.get("content-encoding") == "gzip"
    # A 304 has no body to compress; it names the tag the client holds (RFC 9110 §15.4.5).
    if gzipped:  # GZipMiddleware has added Vary: Accept-Encoding
        headers["ETag"] = gzip_tag(etag)
    elif message["status"] == 304 and not_modified_gzip:
        headers["ETag"] = gzip_tag(etag)
        headers.add_vary_header("Accept-Encoding")


def with_compression(app: ASGIApp, *, minimum_size: int) -> ASGIApp:
    """`app` answering in gzip to clients that accept it, from `minimum_size` bytes on."""
    return EncodedEntityTags(GZipMiddleware(app, minimum_size=minimum_size, compresslevel=6))
