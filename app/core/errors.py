"""Typed domain errors and the one place that renders every error as RFC 9457 problem+json."""

import logging
import sqlite3
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.core.db import current_query_limit_ms
from app.core.faults import classify

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://event-records.dev/problems/"

log = logging.getLogger(__name__)


class InvalidParam(BaseModel):
    """One input at fault: where it is (query, path, body…), its name, and why."""

    name: str = Field(description="Dotted path of the field, e.g. `query.limit`.")
    reason: str


class Problem(BaseModel):
    """An RFC 9457 problem detail."""

    type: str = Field(examples=[PROBLEM_BASE + "not-found"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["No event with id 'nope'."])
    instance: str | None = Field(default=None, examples=["/events/nope"])
    invalid_params: list[InvalidParam] | None = None


class DomainError(Exception):
    """An error a client can act on; subclasses fix the status and problem type."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        invalid_params: list[InvalidParam] | None = None,
        extensions: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.detail = detail
        self.invalid_params = invalid_params
        self.headers = headers  # sent with the problem, e.g. WWW-Authenticate on a 401
        # RFC 9457 §3.2 extension members, e.g. the records a 409 says depend on this one.
        self.extensions = extensions or {}


class Unauthorized(DomainError):
    """No usable credentials: a missing, unknown, revoked or expired API key."""

    status = 401
    slug = "unauthorized"
    title = "Unauthorized"

    def __init__(self, detail: str, *, error: str | None = None):
        # RFC 6750 §3: a 401 names the scheme; `invalid_token` when a key was sent but is bad.
        challenge = "Bearer" if error is None else f'Bearer error="{error}"'
        super().__init__(detail, headers={"WWW-Authenticate": challenge})


class Forbidden(DomainError):
    """Valid credentials that do not grant what the request needs."""

    status = 403
    slug = "forbidden"
    title = "Forbidden"


class Moved(Exception):
    """The record now lives under another id (it was merged); answered with 308."""

    def __init__(self, old_id: str, new_id: str):
        super().__init__(f"{old_id!r} is now {new_id!r}")
        self.old_id, self.new_id = old_id, new_id


class NotFound(DomainError):
    status = 404
    slug = "not-found"
    title = "Not found"


class BadParameter(DomainError):
    status = 400
    slug = "invalid-parameter"
    title = "Invalid parameter"

    def __init__(self, name: str, reason: str):
        super().__init__(
            f"{name}: {reason}", invalid_params=[InvalidParam(name=name, reason=reason)]
        )


class QueryTimeout(DomainError):
    # 503, not 504: this server chose to stop the query (RFC 9110 §15.6.4); 504 would tell
    # clients and proxies that a gateway got no timely answer upstream (§15.6.5).
    status = 503
    slug = "query-timeout"
    title = "Query time limit exceeded"


# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (psycopg's
# QueryCanceled). https://www.postgresql.org/docs/current/errcodes-appendix.html
_QUERY_CANCELED = "57014"


def is_query_timeout(exc: OperationalError) -> bool:
    """Whether the database stopped a statement at the time limit set in app/core/db.py."""
    orig = exc.orig
    if isinstance(orig, sqlite3.OperationalError):  # the progress handler returned true
        return str(orig) == "interrupted"
    return getattr(orig, "sqlstate", None) == _QUERY_CANCELED


def problem_response(
    request: Request,
    *,
    status: int,
    slug: str,
    title: str,
    detail: str,
    invalid_params: list[InvalidParam] | None = None,
    headers: dict[str, str] | None = None,
    extensions: dict[str, Any] | None = None,
) -> JSONResponse:
    """Render one problem; the only function that builds error bodies."""
    problem = Problem(
        type=PROBLEM_BASE + slug,
        title=title,
        status=status,
        detail=detail,
        instance=request.url.path,
        invalid_params=invalid_params,
    )
    # no-store: 404 and 405 are cacheable by default (RFC 9111 §4.2.2); an error must not
    # outlive the fault. Set here, not in middleware, because 500s skip every middleware.
    return JSONResponse(
        {**(extensions or {}), **problem.model_dump(exclude_none=True)},
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _location(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


async def _on_domain_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, DomainError):  # registered for DomainError only
        raise exc
    return problem_response(
        request,
        status=exc.status,
        slug=exc.slug,
        title=exc.title,
        detail=exc.detail,
        invalid_params=exc.invalid_params,
        extensions=exc.extensions,
        headers=exc.headers,
    )


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):
        raise exc
    params = [InvalidParam(name=_location(e["loc"]), reason=e["msg"]) for e in exc.errors()]
    detail = "; ".join(f"{p.name}: {p.reason}" for p in params)
    return problem_response(
        request,
        status=400
        if all(p.name.split(".")[0] in {"query", "path", "header"} for p in params)
        else 422,
        slug="invalid-parameter",
        title="Invalid parameter",
        detail=detail,
        invalid_params=params,
    )


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):
        raise exc
    titles = {404: ("not-found", "Not found"), 405: ("method-not-allowed", "Method not allowed")}
    slug, title = titles.get(exc.status_code, ("http-error", "HTTP error"))
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405:
        headers["Allow"] = allowed_methods(request)
    return problem_response(
        request,
        status=exc.status_code,
        slug=slug,
        title=title,
        detail=str(exc.detail),
        headers=headers or None,
    )


def allowed_methods(request: Request) -> str:
    """Every method of the path's route template (RFC 9110 §15.5.6), not just the first
    route's: a record's GET and its writes are separate routes. Of the templates matching,
    the most literal one is the path's (`/events/match` rather than `/events/{event_id}`),
    as the OpenAPI document lists it."""
    by_template: dict[str, set[str]] = {}
    for route in iter_route_contexts(request.app.routes):
        match, _ = route.matches({**request.scope, "method": "OPTIONS-PROBE"})
        if match is not Match.NONE and route.path_format is not None:
            by_template.setdefault(route.path_format, set()).update(route.methods or ())
    template = min(by_template, key=lambda t: t.count("{"), default=None)
    methods = by_template.get(template, set()) if template is not None else set()
    if "GET" in methods:
        methods.add("HEAD")  # HttpCaching answers HEAD on every GET route
    return ", ".join(sorted(methods))


async def _on_database_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, OperationalError) and is_query_timeout(exc):
        limit = current_query_limit_ms()
        return await _on_domain_error(
            request,
            QueryTimeout(
                f"A database query ran past the {limit} ms limit; narrow the request "
                "(filters, a smaller limit or fewer includes) and retry."
            ),
        )
    fault = classify(exc)
    if fault is None:
        raise exc  # any other database failure is a 500, logged by _on_unexpected
    return problem_response(
        request,
        status=503,
        slug=fault.slug,
        title=fault.title,
        detail=fault.detail,
        headers={"Retry-After": str(fault.retry_after)},
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return problem_response(
        request,
        status=500,
        slug="internal-error",
        title="Internal server error",
        detail="The server failed to handle this request; it has been logged.",
    )


async def _on_moved(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, Moved):
        raise exc
    # 308 keeps the method and body (RFC 9110 §15.4.9), so writes follow the merge too.
    path = request.url.path.replace(f"/{exc.old_id}", f"/{exc.new_id}", 1)
    location = str(request.url.replace(path=path))
    return JSONResponse({"moved_to": path}, status_code=308, headers={"Location": location})


async def _on_stale_row(request: Request, exc: Exception) -> JSONResponse:
    # SQLAlchemy's version check found the row changed by another request since this one
    # read it: the same answer as a stale If-Match (RFC 9110 §15.5.13).
    return problem_response(
        request,
        status=412,
        slug="precondition-failed",
        title="Precondition failed",
        detail="The record changed while this request ran; fetch it and retry.",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through `problem_response`."""
    app.add_exception_handler(Moved, _on_moved)
    app.add_exception_handler(StaleDataError, _on_stale_row)
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(DBAPIError, _on_database_error)
    app.add_exception_handler(PoolTimeout, _on_database_error)
    app.add_exception_handler(Exception, _on_unexpected)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {
        "model": Problem,
        "description": "A parameter is invalid.",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    },
    503: {
        "model": Problem,
        "description": "A query ran past the time limit (`query-timeout`), or a database fault "
        "(`database-busy`, `-read-only`, `-full`, `-unavailable`) with Retry-After.",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    },
}
# For routes that answer 404 for an id given in the query (the OpenAPI document adds 404 by
# itself to every route with an id in its path).
NOT_FOUND_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "No such record.", "content": {PROBLEM_MEDIA_TYPE: {}}}
}

# One example per status for the OpenAPI document: (slug, title, detail).
PROBLEM_EXAMPLES: dict[int, tuple[str, str, str]] = {
    400: ("invalid-parameter", "Invalid parameter", "query.limit: Input should be ≤ 500"),
    401: ("unauthorized", "Unauthorized", "This request needs an API key with the 'write' scope."),
    403: ("forbidden", "Forbidden", "API key k_1 lacks the 'write' scope this request needs."),
    404: ("not-found", "Not found", "No event with id 'nope'."),
    406: ("not-acceptable", "Not acceptable", "This route answers in application/json."),
    409: ("conflict", "Conflict", "An event with id 'nato-summit-2022' exists."),
    412: ("precondition-failed", "Precondition failed", "The record changed since that ETag."),
    413: ("payload-too-large", "Payload too large", "The body is over 50 MiB."),
    415: ("unsupported-media-type", "Unsupported media type", "Send NDJSON, JSON or YAML."),
    422: ("invalid-record", "Invalid record", "body.title: Field required"),
    428: ("precondition-required", "Precondition required", "Send If-Match with the ETag."),
    503: ("query-timeout", "Query time limit exceeded", "A database query ran past 5000 ms."),
}


def problem_example(status: int, instance: str) -> dict[str, Any]:
    """An example problem body for `status` (a generic one for statuses not listed)."""
    slug, title, detail = PROBLEM_EXAMPLES.get(status, ("http-error", "HTTP error", "…"))
    example = Problem(
        type=PROBLEM_BASE + slug, title=title, status=status, detail=detail, instance=instance
    ).model_dump(exclude_none=True)
    if slug in ("invalid-parameter", "invalid-record"):
        name, _, reason = detail.partition(": ")
        example["invalid_params"] = [{"name": name, "reason": reason}]
    return example
