"""Routes under /places."""

from fastapi import APIRouter

from app.core.errors import PROBLEM_RESPONSES
from app.core.read_routes import Collection, add_read_routes
from app.models import Place
from app.places.schemas import PlaceRead
from app.places.service import read_places

router = APIRouter(prefix="/places", tags=["places"], responses=PROBLEM_RESPONSES)
add_read_routes(router, Collection(Place, "place", "places", PlaceRead, read_places, "brussels"))
