"""Routes under /actors."""

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import col, or_

from app.actors.dependencies import ActorDep
from app.actors.resource import ACTORS
from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.pagination import Page
from app.core.query.listing import list_page
from app.core.query.params import ListQuery, list_dependency
from app.core.read_routes import add_read_routes
from app.models import Participation, Relationship
from app.relations.resource import PARTICIPATIONS, RELATIONSHIPS
from app.relations.schemas import ParticipationRead, RelationshipRead

router = APIRouter(prefix="/actors", tags=["actors"], responses=PROBLEM_RESPONSES)
add_read_routes(
    router,
    ACTORS,
    record_type="actor",
    example_id="yoon-suk-yeol",
    list_doc="List actors, each with every spelling of its name: filter, sort, include, "
    "pick fields; a page at a time.",
    get_doc="One actor with its names, their languages and the articles that use them.",
)


@router.get("/{actor_id}/events", response_model=Page[ParticipationRead])
def list_actor_events(
    actor: ActorDep,
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(PARTICIPATIONS)),
) -> Response:
    """The events an actor takes part in, one item per event and role (`include=event`)."""
    return list_page(
        session, PARTICIPATIONS, request, query, scope=col(Participation.actor_id) == actor.id
    )


@router.get("/{actor_id}/relationships", response_model=Page[RelationshipRead])
def list_actor_relationships(
    actor: ActorDep,
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(RELATIONSHIPS)),
) -> Response:
    """Relationships in which the actor is the subject or the object."""
    ends = or_(col(Relationship.subject_id) == actor.id, col(Relationship.object_id) == actor.id)
    return list_page(session, RELATIONSHIPS, request, query, scope=ends)
