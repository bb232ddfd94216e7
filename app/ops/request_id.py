"""X-Request-ID: taken from the request when it looks like an id, made otherwise, sent back."""

import re
from uuid import uuid4

from asgi_correlation_id import CorrelationIdMiddleware
from starlette.types import ASGIApp

HEADER = "X-Request-ID"
# Ids from proxies and clients (UUIDs, nginx's $request_id, trace ids) pass; anything that
# could forge or break a log line (spaces, quotes, newlines, long values) is replaced.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def acceptable(value: str) -> bool:
    return _ACCEPTED.fullmatch(value) is not None


def with_request_id(app: ASGIApp) -> ASGIApp:
    """`app` behind the middleware that sets the id every log line of the request carries."""
    return CorrelationIdMiddleware(
        app, header_name=HEADER, generator=lambda: uuid4().hex, validator=acceptable
    )
