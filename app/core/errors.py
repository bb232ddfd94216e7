"""Typed domain errors and the one place that renders every error as RFC 9457 problem+json."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

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

    def __init__(self, detail: str, *, invalid_params: list[InvalidParam] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.invalid_params = invalid_params


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


def problem_response(
    request: Request,
    *,
    status: int,
    slug: str,
    title: str,
    detail: str,
    invalid_params: list[InvalidParam] | None = None,
    headers: dict[str, str] | None = None,
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
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
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
    return problem_response(
        request,
        status=exc.status_code,
        slug=slug,
        title=title,
        detail=str(exc.detail),
        headers=dict(exc.headers) if exc.headers else None,
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


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through `problem_response`."""
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {
        "model": Problem,
        "description": "A parameter is invalid.",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    },
    404: {"model": Problem, "description": "No such record.", "content": {PROBLEM_MEDIA_TYPE: {}}},
}
