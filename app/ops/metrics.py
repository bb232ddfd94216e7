"""GET /metrics for Prometheus: requests by route template, the database pool, imports."""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from prometheus_fastapi_instrumentator import Instrumentator
from prometheus_fastapi_instrumentator.middleware import PrometheusInstrumentatorMiddleware
from prometheus_fastapi_instrumentator.routing import _effective_routes, _get_route_name
from sqlalchemy import Engine
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.routing import BaseRoute
from starlette.types import Scope

from app.ops.progress import STATE, ImportState

# SQLAlchemy QueuePool counters (https://docs.sqlalchemy.org/en/20/core/pooling.html);
# SQLite's in-memory StaticPool has none of them and is skipped.
POOL_GAUGES = {
    "size": "Connections the pool keeps open.",
    "checkedout": "Connections in use by requests.",
    "checkedin": "Idle connections in the pool.",
    "overflow": "Connections opened beyond the pool size.",
}


class PoolCollector(Collector):
    """Reads the pool's counters at each scrape, so they are never stale."""

    def __init__(self, engine: Callable[[], Engine]) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self.engine().pool
        for name, doc in POOL_GAUGES.items():
            counter = getattr(pool, name, None)
            if callable(counter):
                yield GaugeMetricFamily(f"db_pool_{name}", doc, value=float(counter()))


class ImportCollector(Collector):
    """The running import's stage and record counts (see app/ops/progress.py)."""

    def __init__(self, state: ImportState = STATE) -> None:
        self.state = state

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self.state.lock:
            stage, done, total = self.state.stage, self.state.done, self.state.total
        running = GaugeMetricFamily(
            "import_in_progress", "1 while an import runs, by stage.", labels=["stage"]
        )
        running.add_metric([stage], 0.0 if stage == "idle" else 1.0)
        yield running
        yield GaugeMetricFamily(
            "import_records_done", "Records the current stage has handled.", value=float(done)
        )
        if total is not None:
            yield GaugeMetricFamily(
                "import_records_total", "Records the current stage will handle.", value=total
            )


# Route templates remembered by (method, root path, path): enough for the paths in use.
TEMPLATES_KEPT = 4096


class _RouteTemplates(PrometheusInstrumentatorMiddleware):
    """The instrumentator's middleware, flattening the app's routes (FastAPI's included
    routers) once, not for every request: that was a tenth of a cached record GET's CPU; and
    remembering each path's template, as matching it against every route was another tenth."""

    _routes: list[BaseRoute] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._names: dict[tuple[str, str, str], str | None] = {}

    def _get_handler(self, request: Request) -> tuple[str, bool]:
        if self.should_include_root_path:
            return super()._get_handler(request)
        scope = request.scope
        key = (scope["method"], scope.get("root_path", ""), scope["path"])
        if key in self._names:
            name = self._names[key]
        else:
            name = self._name(scope)
            if len(self._names) >= TEMPLATES_KEPT:
                del self._names[next(iter(self._names))]  # the oldest
            self._names[key] = name
        return (name, True) if name else (request.url.path, False)

    def _name(self, scope: Scope) -> str | None:
        if self._routes is None:  # the routes are all declared before the first request
            self._routes = _effective_routes(scope["app"].routes)
        return _get_route_name(scope, self._routes)


def install_metrics(app: FastAPI, engine: Callable[[], Engine]) -> None:
    """Count and time every request by route template; serve the registry at /metrics."""
    # One registry per app: the tests build many apps in one process.
    registry = CollectorRegistry()
    registry.register(PoolCollector(engine))
    registry.register(ImportCollector())
    Instrumentator(
        should_group_status_codes=False,
        excluded_handlers=["/metrics"],
        registry=registry,
    ).instrument(app).expose(app, include_in_schema=False)
    app.user_middleware = [_with_route_templates(m) for m in app.user_middleware]


def _with_route_templates(middleware: Middleware) -> Middleware:
    cls: Any = middleware.cls
    if cls is not PrometheusInstrumentatorMiddleware:
        return middleware
    args: Any = middleware.args
    kwargs: Any = middleware.kwargs
    return Middleware(_RouteTemplates, *args, **kwargs)
