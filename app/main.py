"""The application factory."""

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from app.actors.router import router as actors
from app.auth.dependencies import require_scope
from app.auth.router import router as keys
from app.core.errors import install_error_handlers
from app.core.http import install_http
from app.core.query.params import reject_unknown_query_params
from app.curation.history import router as changes
from app.events.router import router as events
from app.events.router import timeline
from app.graph.router import router as graph
from app.imports.router import router as imports
from app.meta.examples import attach_examples
from app.meta.router import router as meta
from app.places.router import router as places
from app.provenance.router import claims, disputes, evidence
from app.quotes.router import router as quotes
from app.ratelimit.service import RateLimitHeaders, rate_limit
from app.relations.router import participations, relationships
from app.search.router import router as search
from app.sources.router import router as sources

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


def create_app() -> FastAPI:
    """Build the API: routers, error handlers and offline docs at /docs."""
    # FastAPIOffline serves Swagger UI and ReDoc from the installed package, not a CDN.
    app: FastAPI = FastAPIOffline(
        title="Event Records API",
        version="0.1.0",
        description=DESCRIPTION,
        # Every route rejects query parameters it does not declare, naming them (a typo in
        # a filter must not silently return everything).
        dependencies=[Depends(rate_limit, scope="function"), Depends(reject_unknown_query_params)],
    )
    install_error_handlers(app)
    install_http(app)
    app.add_middleware(RateLimitHeaders)
    for router in (
        events,
        timeline,
        actors,
        sources,
        participations,
        relationships,
        quotes,
        places,
        claims,
        evidence,
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
    attach_examples(app)
    return app
