"""Routes under /quotes."""

from fastapi import APIRouter

from app.core.errors import PROBLEM_RESPONSES
from app.core.read_routes import add_read_routes
from app.curation.history import add_history_route
from app.curation.relations import QUOTES as QUOTES_WRITE
from app.curation.router import add_write_routes
from app.quotes.resource import QUOTES

router = APIRouter(prefix="/quotes", tags=["quotes"], responses=PROBLEM_RESPONSES)
add_read_routes(
    router,
    QUOTES,
    record_type="quote",
    example_id="nato-important-step",
    get_doc="One quoted statement in its preferred wording; each article's wording is a "
    "`text` claim under its evidence.",
)

add_write_routes(router, QUOTES_WRITE, example_id="nato-important-step")
add_history_route(router, "quote", "nato-important-step")
