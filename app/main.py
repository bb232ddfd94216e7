"""The application factory."""

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from app.actors.router import router as actors
from app.core.errors import install_error_handlers
from app.events.router import router as events
from app.meta.examples import attach_examples
from app.meta.router import router as meta
from app.places.router import router as places
from app.provenance.router import claims, disputes, evidence
from app.quotes.router import router as quotes
from app.relations.router import participations, relationships
from app.search.router import router as search
from app.sources.router import router as sources

DESCRIPTION = """
News and geopolitical events, the actors in them and the articles that report them, with
every fact traceable to the exact excerpt of the article that supports it.

* Every record has an `id` and a `type`; lists are objects with `items`, `limit`,
  `has_more`, `next_cursor` and `links`.
* `/{collection}/{id}/evidence` answers "why do we believe this?"; `/disagreements` lists
  where the sources give different accounts, all of them kept.
* Errors are RFC 9457 `application/problem+json`.
"""


def create_app() -> FastAPI:
    """Build the API: routers, error handlers and offline docs at /docs."""
    # FastAPIOffline serves Swagger UI and ReDoc from the installed package, not a CDN.
    app: FastAPI = FastAPIOffline(
        title="Event Records API", version="0.1.0", description=DESCRIPTION
    )
    install_error_handlers(app)
    for router in (
        events,
        actors,
        sources,
        participations,
        relationships,
        quotes,
        places,
        claims,
        evidence,
        disputes,
        search,
        meta,
    ):
        app.include_router(router)
    attach_examples(app)
    return app
