"""Who may call: the API key behind a request, and the scope a route needs.

Routes declare what they need with `ReaderDep`, `WriterDep` or `AdminDep`; scopes are
hierarchical (admin ⊇ write ⊇ read). Reads are open unless READS_REQUIRE_KEY is set.
"""

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth.service import SCOPES, Principal, authenticate
from app.core.config import Settings, current_settings
from app.core.db import SessionDep
from app.core.errors import Forbidden, Unauthorized

__all__ = [
    "ANONYMOUS",
    "AdminDep",
    "CallerDep",
    "KeyHolderDep",
    "Principal",
    "ReaderDep",
    "WriterDep",
    "anonymous_reads",
    "caller",
    "require_key",
    "require_scope",
]

ANONYMOUS = Principal(key_id=None, scopes=frozenset({"read"}))

# Declares the scheme in OpenAPI (the "Authorize" button in /docs). The header itself is
# read in `caller`, so an Authorization that is not a Bearer key is refused, not ignored.
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key from `python -m app keys create`: `Authorization: Bearer erk_…`.",
)


async def caller(
    request: Request,
    session: SessionDep,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """The key sent with the request, checked (401 if bad); None when none was sent."""
    authorization = request.headers.get("authorization")
    if not authorization:
        return None  # async, so an anonymous read costs no trip to the thread pool
    return await run_in_threadpool(authenticate, session, authorization)


CallerDep = Annotated[Principal | None, Depends(caller)]
SettingsDep = Annotated[Settings, Depends(current_settings)]


def require_scope(scope: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency that yields the caller if it holds `scope` (401 without a key, 403 without
    the scope); anonymous callers may read while READS_REQUIRE_KEY is false."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {SCOPES}")

    # async: it does no I/O, so it costs no thread-pool hop on every read.
    async def dependency(principal: CallerDep, settings: SettingsDep) -> Principal:
        if principal is None:
            if scope == "read" and not settings.reads_require_key:
                return ANONYMOUS
            raise Unauthorized(
                f"This request needs an API key with the '{scope}' scope, sent as "
                "`Authorization: Bearer <key>`."
            )
        if scope not in principal.scopes:
            raise Forbidden(
                f"API key {principal.key_id} lacks the '{scope}' scope this request needs.",
                # RFC 6750 §3.1: the scope that would have been enough.
                headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{scope}"'},
            )
        return principal

    dependency.__name__ = f"require_{scope}"
    return dependency


async def anonymous_reads(app: FastAPI) -> bool:
    """Whether `require_scope("read")` lets a request without a key read in `app`, with the
    settings its routes get (an override of `current_settings` included)."""
    settings = app.dependency_overrides.get(current_settings, current_settings)()
    if inspect.isawaitable(settings):
        settings = await settings
    return not settings.reads_require_key


async def require_key(principal: CallerDep) -> Principal:
    """The caller's key, whatever its scopes; 401 when no key was sent."""
    if principal is None:
        raise Unauthorized("This request needs an API key: `Authorization: Bearer <key>`.")
    return principal


ReaderDep = Annotated[Principal, Depends(require_scope("read"))]
WriterDep = Annotated[Principal, Depends(require_scope("write"))]
AdminDep = Annotated[Principal, Depends(require_scope("admin"))]
KeyHolderDep = Annotated[Principal, Depends(require_key)]
