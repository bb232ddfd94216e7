from typing import Annotated

from fastapi import Depends, Path

from app.core.db import SessionDep
from app.core.lookup import get_or_404
from app.models import Actor


def load_actor(
    actor_id: Annotated[str, Path(description="An actor id.", examples=["yoon-suk-yeol"])],
    session: SessionDep,
) -> Actor:
    return get_or_404(session, Actor, actor_id, "actor")


ActorDep = Annotated[Actor, Depends(load_actor)]
