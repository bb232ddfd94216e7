from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class EventLink(Timestamped, table=True):
    """A typed edge from one event to another (part of, follows, responds to, announces…)."""

    __tablename__ = "event_link"
    __table_args__ = (UniqueConstraint("event_id", "link_type", "target_event_id"),)

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    event_id: str = Field(foreign_key="event.id", index=True, max_length=ID_LENGTH)
    link_type: str = Field(max_length=40)
    target_event_id: str = Field(foreign_key="event.id", index=True, max_length=ID_LENGTH)
