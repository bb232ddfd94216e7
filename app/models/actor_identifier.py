from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import ID_LENGTH


class ActorIdentifier(SQLModel, table=True):
    """An actor's id in an outside register (Wikidata QID, …)."""

    __tablename__ = "actor_identifier"
    __table_args__ = (UniqueConstraint("scheme", "value"),)

    actor_id: str = Field(foreign_key="actor.id", primary_key=True, max_length=ID_LENGTH)
    scheme: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=200)
