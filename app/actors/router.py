"""Routes under /actors."""

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import col, or_

from app.actors.dependencies import ActorDep
from app.actors.resource import ACTOR_NAMES, ACTORS
from app.actors.schemas import ActorRead
from app.auth.dependencies import WriterDep
from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.pagination import Page
from app.core.query.listing import list_page
from app.core.query.params import ListQuery, list_dependency
from app.core.read_routes import add_read_routes
from app.curation.actors import ACTORS as ACTORS_WRITE
from app.curation.history import add_history_route
from app.curation.matching import Matches, match_actors
from app.curation.merge import merge_actors
from app.curation.router import WRITE_RESPONSES, add_write_routes, answer
from app.curation.schemas import ActorMatchRequest, MergeRequest
from app.models import Participation, Relationship
from app.relations.resource import PARTICIPATIONS, RELATIONSHIPS
from app.relations.schemas import ParticipationRead, RelationshipRead

# The id of "Yun Seok-yeol", the News article's spelling of President Yoon's name.
NAME_EXAMPLE = "name-80963f60e2fe"

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


@router.post("/match", response_model=Matches, tags=["curation"])
def match_actor(request: ActorMatchRequest, session: SessionDep) -> Matches:
    """The existing actors a name may mean, with scores and the reasons for each."""
    return match_actors(session, request)


@router.post(
    "/{actor_id}/merge", response_model=ActorRead, tags=["curation"], responses=WRITE_RESPONSES
)
def merge_actor(
    actor: ActorDep, body: MergeRequest, session: SessionDep, principal: WriterDep
) -> Response:
    """Fold this (duplicate) actor into `into`: names, participations, relationships and
    evidence move over, and this id answers 308 with the survivor's location from now on."""
    survivor = merge_actors(session, actor, body.into, key_id=principal.key_id, reason=body.reason)
    return answer(session, ACTORS_WRITE, survivor)


add_write_routes(router, ACTORS_WRITE, example_id="yoon-suk-yeol")
add_history_route(router, "actor", "yoon-suk-yeol")

names = APIRouter(prefix="/actor-names", tags=["actors"], responses=PROBLEM_RESPONSES)
add_read_routes(
    names,
    ACTOR_NAMES,
    record_type="actor_name",
    example_id=NAME_EXAMPLE,
    list_doc="List every spelling of every actor's name, with its flags and origin.",
    get_doc="One spelling of an actor's name, the actor and the articles that use it.",
)
