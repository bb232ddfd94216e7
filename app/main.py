"""The application factory."""

from functools import partial

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from app.auth.dependencies import anonymous_reads, require_scope
from app.auth.router import router as keys
from app.core.config import get_settings
from app.core.errors import install_error_handlers
from app.core.http import install_http
from app.core.query.params import reject_unknown_query_params
from app.core.registry import Registry, install
from app.curation.history import router as changes
from app.events.aggregate import aggregate
from app.events.router import timeline
from app.explorer.router import router as explorer
from app.graph.router import router as graph
from app.imports.router import router as imports
from app.meta.contract import install_contract
from app.meta.examples import attach_examples
from app.meta.operation_ids import unique_id
from app.meta.router import router as meta
from app.ops import install_ops
from app.provenance.router import disputes
from app.ratelimit.service import RateLimitHeaders, rate_limit
from app.records.registry import build_registry
from app.records.replay import RecordReplay
from app.records.routes import record_router
from app.search.router import router as search

DESCRIPTION = """
News and geopolitical events, the actors in them and the articles that report them, with
every fact traceable to the exact excerpt of the article that supports it.

* Every record has an `id` and a `type`; lists are objects with `items`, `limit`,
  `has_more`, `next_cursor`/`prev_cursor` and `links`, and take one query vocabulary:
  `field__op=value` filters, `or=`/`not=` groups, relation filters, `sort`, `include`,
  `fields`, `count=exact`, `format=csv|ndjson`.
* `/{collection}/{id}/evidence` answers "why do we believe this?"; `/disagreements` lists
  where the sources give different accounts, all of them kept.
* Writes need an API key (`Authorization: Bearer …`); every change is in `/changes`.
* Errors are RFC 9457 `application/problem+json`.
"""


def create_app(registry: Registry | None = None) -> FastAPI:
    """Build the API for `registry`'s record types (by default every one this project
    declares): routers, error handlers and offline docs at /docs."""
    types = install(registry or build_registry())
    # FastAPIOffline serves Swagger UI and ReDoc from the installed package, not a CDN.
    app: FastAPI = FastAPIOffline(
        title="Event Records API",
        version="0.1.0",
        description=DESCRIPTION,
        # Every route rejects query parameters it does not declare, naming them (a typo in
        # a filter must not silently return everything).
        dependencies=[Depends(rate_limit, scope="function"), Depends(reject_unknown_query_params)],
        generate_unique_id_function=unique_id,
    )
    install_error_handlers(app)
    install_http(app)
    app.add_middleware(RateLimitHeaders)
    if size := get_settings().record_cache_size:
        # Inside compression and metrics, which see a replayed answer as any other.
        app.add_middleware(RecordReplay, size=size, reads_open=partial(anonymous_reads, app))
    install_ops(app)
    records = [record_router(t) for t in types if t.resource is not None]
    for router in (
        aggregate,  # before /events/{event_id}, which would take /events/aggregate
        *records,
        timeline,
        disputes,
        changes,
        graph,
        search,
        meta,
        keys,
        imports,
    ):
        # Reads are open unless READS_REQUIRE_KEY; /health stays open for probes.
        guard = [] if router is meta else [Depends(require_scope("read"))]
        app.include_router(router, dependencies=guard)
    app.include_router(explorer)  # the explorer at /: open like the docs, not an API route
    attach_examples(app)
    install_contract(app)
    return app
