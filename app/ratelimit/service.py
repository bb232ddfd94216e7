"""Rate limits per API key (or per client address without one), stricter after failed
authentication, announced with the IETF RateLimit headers and enforced with 429.

Headers as in draft-ietf-httpapi-ratelimit-headers (https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/):
`RateLimit-Policy: "requests";q=600;w=60` and `RateLimit: "requests";r=599;t=42`. Counting
fails open: when the counter cannot be written (the database is busy or read-only) the
request is served, as a limiter must not turn a database fault into a full outage.
"""

import logging
import math
import time
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from limits import RateLimitItem, parse
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import Engine
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings
from app.core.db import SessionDep, build_engine
from app.core.errors import DomainError, Unauthorized
from app.ratelimit.storage import SqlStorage

log = logging.getLogger(__name__)
_STATE = "ratelimit"
_COUNTED = "ratelimit_counted"  # in the request's state once it has been counted
# The response headers the verdict sets, as the ASGI messages name them.
RATE_LIMIT_HEADERS = (b"ratelimit-policy", b"ratelimit")


class TooManyRequests(DomainError):
    status = 429
    slug = "too-many-requests"
    title = "Too many requests"


@dataclass(frozen=True)
class Verdict:
    """One limit as it stands after this request."""

    policy: str
    quota: int
    window: int
    remaining: int
    reset: int  # seconds until the window ends
    allowed: bool

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Policy": f'"{self.policy}";q={self.quota};w={self.window}',
            "RateLimit": f'"{self.policy}";r={self.remaining};t={self.reset}',
        }


class Limiter:
    """The configured limits over one storage."""

    def __init__(self, storage: SqlStorage, requests: str, failures: str) -> None:
        self.strategy = FixedWindowRateLimiter(storage)
        self.requests, self.failures = parse(requests), parse(failures)

    def hit(self, policy: str, item: RateLimitItem, identity: str, cost: int = 1) -> Verdict:
        """Count `cost` hits (0: only look) and say where the limit stands."""
        if cost:
            allowed = self.strategy.hit(item, policy, identity, cost=cost)
        else:
            allowed = self.strategy.test(item, policy, identity)
        stats = self.strategy.get_window_stats(item, policy, identity)
        reset = max(0, math.ceil(stats.reset_time - time.time()))
        window = item.get_expiry()
        return Verdict(policy, item.amount, window, stats.remaining, reset, allowed)


_limiters: "weakref.WeakKeyDictionary[Engine, Limiter]" = weakref.WeakKeyDictionary()


def limiter_for(engine: Engine) -> Limiter:
    """One limiter per database; on SQLite its counters wait at most 100 ms for the lock."""
    limiter = _limiters.get(engine)
    if limiter is None:
        settings = get_settings()
        counting = engine
        if engine.dialect.name == "sqlite":  # never queue behind an import for a count
            url = engine.url.render_as_string(hide_password=False)
            counting = build_engine(url, pool_size=2, busy_timeout_ms=100)
        storage = SqlStorage(counting)
        limiter = Limiter(storage, settings.rate_limit, settings.rate_limit_auth_failures)
        _limiters[engine] = limiter
    return limiter


def _identity(request: Request) -> tuple[str, str]:
    address = request.client.host if request.client else "unknown"
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    # Keys read erk_<id>_<secret>: the id names the key without its secret.
    parts = token.split("_")
    return address, (f"key:{parts[1]}" if len(parts) >= 3 and parts[1] else f"ip:{address}")


async def rate_limit(request: Request, session: SessionDep) -> AsyncIterator[None]:
    """Count this request against its key or address; 429 when a limit is spent.

    async, with the counting (database writes) in the thread pool: with the limiter off a
    request costs no hop here."""
    if not get_settings().rate_limit_enabled:
        yield
        return
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    limiter = limiter_for(engine)
    state = request.scope.get("state", {})
    verdict = state.get(_STATE) if state.get(_COUNTED) else await count_once(request.scope, engine)
    if verdict is not None:
        if not verdict.allowed:
            headers = {**verdict.headers(), "Retry-After": str(max(1, verdict.reset))}
            raise TooManyRequests(
                f"The {verdict.policy} limit ({verdict.quota} per {verdict.window} s) is "
                f"spent; retry in {verdict.reset} s.",
                headers=headers,
            )
    try:
        yield
    except Unauthorized:
        address, _ = _identity(request)
        spent = await run_in_threadpool(_count, limiter, "auth-failures", limiter.failures, address)
        if spent is not None:
            request.state.ratelimit = spent
        raise


async def count_once(scope: Scope, engine: Engine) -> Verdict | None:
    """Count the request against its key or address and keep the verdict in its state, where
    `rate_limit` finds it: a layer that counted a request it then passes on counts it once."""
    address, identity = _identity(Request(scope))
    verdict = await run_in_threadpool(_verdict, limiter_for(engine), address, identity)
    state = scope.setdefault("state", {})
    state[_COUNTED] = True
    if verdict is not None:
        state[_STATE] = verdict
    return verdict


def _verdict(limiter: Limiter, address: str, identity: str) -> Verdict | None:
    """The address's failure budget first (not spent by this request), then the request's."""
    verdict = _count(limiter, "auth-failures", limiter.failures, address, cost=0)
    if verdict is None or verdict.allowed:
        verdict = _count(limiter, "requests", limiter.requests, identity) or verdict
    return verdict


def _count(
    limiter: Limiter, policy: str, item: RateLimitItem, identity: str, cost: int = 1
) -> Verdict | None:
    try:
        return limiter.hit(policy, item, identity, cost=cost)
    except Exception:  # fail open; see the module docstring
        log.warning("rate limit not counted for %s", identity, exc_info=True)
        return None


class RateLimitHeaders:
    """Adds the RateLimit headers the `rate_limit` dependency decided to the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            verdict = scope.get("state", {}).get(_STATE)
            if message["type"] == "http.response.start" and isinstance(verdict, Verdict):
                message["headers"] = list(message.get("headers", []))
                headers = MutableHeaders(scope=message)
                for name, value in verdict.headers().items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
