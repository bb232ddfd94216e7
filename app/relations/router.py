"""Routes under /participations and /relationships."""

from fastapi import APIRouter

from app.core.errors import PROBLEM_RESPONSES
from app.core.read_routes import Collection, add_read_routes
from app.models import Participation, Relationship
from app.relations.schemas import ParticipationRead, RelationshipRead
from app.relations.service import read_participations, read_relationships

participations = APIRouter(
    prefix="/participations", tags=["participations"], responses=PROBLEM_RESPONSES
)
add_read_routes(
    participations,
    Collection(
        Participation,
        "participation",
        "participations",
        ParticipationRead,
        read_participations,
        "nac-decides-rok-nato-office--north-atlantic-council--decision_maker",
    ),
)

relationships = APIRouter(
    prefix="/relationships", tags=["relationships"], responses=PROBLEM_RESPONSES
)
add_read_routes(
    relationships,
    Collection(
        Relationship,
        "relationship",
        "relationships",
        RelationshipRead,
        read_relationships,
        "south-korea--partner_of--nato",
    ),
)
