from sqlalchemy import Text
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Quote(Timestamped, table=True):
    """A statement quoted in the articles; each article's wording is a `text` claim."""

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    event_id: str | None = Field(
        default=None, foreign_key="event.id", index=True, max_length=ID_LENGTH
    )
    speaker_id: str | None = Field(
        default=None, foreign_key="actor.id", index=True, max_length=ID_LENGTH
    )
    text: str = Field(sa_type=Text)
    language: str = Field(max_length=35)
    search_key: str = Field(default="", sa_type=Text)
