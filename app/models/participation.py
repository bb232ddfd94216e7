from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Participation(Timestamped, table=True):
    """An actor's role in an event."""

    __table_args__ = (UniqueConstraint("event_id", "actor_id", "role"),)

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    event_id: str = Field(foreign_key="event.id", index=True, max_length=ID_LENGTH)
    actor_id: str = Field(foreign_key="actor.id", index=True, max_length=ID_LENGTH)
    role: str = Field(max_length=40)
    description: str | None = None
