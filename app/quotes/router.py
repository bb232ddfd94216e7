"""Routes under /quotes."""

from fastapi import APIRouter

from app.core.errors import PROBLEM_RESPONSES
from app.core.read_routes import Collection, add_read_routes
from app.models import Quote
from app.quotes.schemas import QuoteRead
from app.quotes.service import read_quotes

router = APIRouter(prefix="/quotes", tags=["quotes"], responses=PROBLEM_RESPONSES)
add_read_routes(
    router,
    Collection(
        Quote,
        "quote",
        "quotes",
        QuoteRead,
        read_quotes,
        "nato-important-step",
        get_doc="One quoted statement in its preferred wording; each article's wording is a "
        "`text` claim under its evidence.",
    ),
)
