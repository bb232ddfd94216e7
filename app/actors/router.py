"""Routes under /actors."""

from fastapi import APIRouter, Depends, Request
from sqlmodel import or_, select

from app.actors.dependencies import ActorDep
from app.actors.schemas import ActorRead
from app.actors.service import read_actors
from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.lookup import page_of
from app.core.pagination import Page, PageParams, page_params
from app.core.read_routes import Collection, add_read_routes
from app.models import Actor, Participation, Relationship
from app.relations.schemas import ParticipationRead, RelationshipRead
from app.relations.service import read_participations, read_relationships

router = APIRouter(prefix="/actors", tags=["actors"], responses=PROBLEM_RESPONSES)
Paging = Depends(page_params)
add_read_routes(
    router,
    Collection(
        Actor,
        "actor",
        "actors",
        ActorRead,
        read_actors,
        "yoon-suk-yeol",
        list_doc="List actors, ordered by id, each with every spelling of its name.",
        get_doc="One actor with its names, their languages and the articles that use them.",
    ),
)


@router.get("/{actor_id}/events", response_model=Page[ParticipationRead])
def list_actor_events(
    actor: ActorDep, session: SessionDep, request: Request, params: PageParams = Paging
) -> Page[ParticipationRead]:
    """The events an actor takes part in, one item per event and role."""
    statement = select(Participation).where(Participation.actor_id == actor.id)
    return page_of(session, statement, Participation.id, params, request, read_participations)


@router.get("/{actor_id}/relationships", response_model=Page[RelationshipRead])
def list_actor_relationships(
    actor: ActorDep, session: SessionDep, request: Request, params: PageParams = Paging
) -> Page[RelationshipRead]:
    """Relationships in which the actor is the subject or the object."""
    statement = select(Relationship).where(
        or_(Relationship.subject_id == actor.id, Relationship.object_id == actor.id)
    )
    return page_of(session, statement, Relationship.id, params, request, read_relationships)
