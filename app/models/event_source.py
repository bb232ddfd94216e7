from sqlmodel import Field, SQLModel

from app.models.base import ID_LENGTH


class EventSource(SQLModel, table=True):
    """That an article reports an event."""

    __tablename__ = "event_source"

    event_id: str = Field(foreign_key="event.id", primary_key=True, max_length=ID_LENGTH)
    source_id: str = Field(
        foreign_key="source.id", primary_key=True, index=True, max_length=ID_LENGTH
    )
