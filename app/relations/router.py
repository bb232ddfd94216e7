"""Routes under /participations and /relationships."""

from fastapi import APIRouter

from app.core.errors import PROBLEM_RESPONSES
from app.core.read_routes import add_read_routes
from app.curation.history import add_history_route
from app.curation.relations import PARTICIPATIONS as PARTICIPATIONS_WRITE
from app.curation.relations import RELATIONSHIPS as RELATIONSHIPS_WRITE
from app.curation.router import add_write_routes
from app.relations.resource import PARTICIPATIONS, RELATIONSHIPS

participations = APIRouter(
    prefix="/participations", tags=["participations"], responses=PROBLEM_RESPONSES
)
add_read_routes(
    participations,
    PARTICIPATIONS,
    record_type="participation",
    example_id="nac-decides-rok-nato-office--north-atlantic-council--decision_maker",
)

relationships = APIRouter(
    prefix="/relationships", tags=["relationships"], responses=PROBLEM_RESPONSES
)
add_read_routes(
    relationships,
    RELATIONSHIPS,
    record_type="relationship",
    example_id="south-korea--partner_of--nato",
)

PARTICIPATION_EXAMPLE = "nac-decides-rok-nato-office--north-atlantic-council--decision_maker"
add_write_routes(participations, PARTICIPATIONS_WRITE, example_id=PARTICIPATION_EXAMPLE)
add_history_route(participations, "participation", PARTICIPATION_EXAMPLE)
add_write_routes(relationships, RELATIONSHIPS_WRITE, example_id="south-korea--partner_of--nato")
add_history_route(relationships, "relationship", "south-korea--partner_of--nato")
