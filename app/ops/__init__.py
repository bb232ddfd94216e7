"""What a deployer expects: metrics, probes, request ids in JSON or text logs, security
headers and compression. `install_ops` adds them all from `create_app()`."""

from fastapi import FastAPI
from starlette.types import ASGIApp

from app.core.config import Settings, get_settings
from app.core.db import get_engine
from app.ops.compression import with_compression
from app.ops.headers import SecurityHeaders
from app.ops.logs import configure_logging
from app.ops.metrics import install_metrics
from app.ops.probes import router as probes
from app.ops.request_id import with_request_id


def install_ops(app: FastAPI, settings: Settings | None = None) -> None:
    """Call after install_http, so compression sits outside the ETag middleware."""
    settings = settings or get_settings()
    configure_logging(settings.log_format)
    app.include_router(probes)
    app.add_middleware(with_compression, minimum_size=settings.gzip_min_bytes)
    install_metrics(app, get_engine)
    build = app.build_middleware_stack

    def build_outermost() -> ASGIApp:
        # Outside Starlette's ServerErrorMiddleware, so a 500 too carries the request id
        # and the security headers, and the id is set for the error's log line.
        return with_request_id(SecurityHeaders(build()))

    app.build_middleware_stack = build_outermost  # type: ignore[method-assign]
