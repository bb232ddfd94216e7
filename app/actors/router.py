"""Routes only actors have: matching and merging."""

from fastapi import APIRouter, Response

from app.actors.dependencies import ActorDep
from app.actors.schemas import ActorRead
from app.actors.write import ACTORS
from app.auth.dependencies import WriterDep
from app.core.db import SessionDep
from app.curation.matching import Matches, match_actors
from app.curation.merge import merge_actors
from app.curation.router import WRITE_RESPONSES, answer
from app.curation.schemas import ActorMatchRequest, MergeRequest


def add_actor_routes(router: APIRouter) -> None:
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
        survivor = merge_actors(
            session, actor, body.into, key_id=principal.key_id, reason=body.reason
        )
        return answer(session, ACTORS, survivor)
