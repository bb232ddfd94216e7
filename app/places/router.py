"""Routes under /places."""

from fastapi import APIRouter

from app.core.errors import PROBLEM_RESPONSES
from app.core.read_routes import add_read_routes
from app.curation.history import add_history_route
from app.curation.places import PLACES as PLACES_WRITE
from app.curation.router import add_write_routes
from app.places.resource import PLACES

router = APIRouter(prefix="/places", tags=["places"], responses=PROBLEM_RESPONSES)
add_read_routes(router, PLACES, record_type="place", example_id="brussels")

add_write_routes(router, PLACES_WRITE, example_id="brussels")
add_history_route(router, "place", "brussels")
