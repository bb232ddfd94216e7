from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Participation(Timestamped, table=True):
    """An actor's role in an event."""

    # (actor_id, event_id): the actor filter reads event ids from the index alone.
    __table_args__ = (
        UniqueConstraint("event_id", "actor_id", "role"),
        Index("ix_participation_actor_event", "actor_id", "event_id"),
    )

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    event_id: str = Field(foreign_key="event.id", index=True, max_length=ID_LENGTH)
    actor_id: str = Field(foreign_key="actor.id", max_length=ID_LENGTH)
    role: str = Field(max_length=40)
    description: str | None = None
