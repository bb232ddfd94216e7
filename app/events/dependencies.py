from typing import Annotated

from fastapi import Depends, Path

from app.core.db import SessionDep
from app.core.lookup import get_or_404
from app.models import Event


def load_event(
    event_id: Annotated[
        str, Path(description="An event id.", examples=["nac-decides-rok-nato-office"])
    ],
    session: SessionDep,
) -> Event:
    return get_or_404(session, Event, event_id, "event")


EventDep = Annotated[Event, Depends(load_event)]
