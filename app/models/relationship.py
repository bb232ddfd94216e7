from datetime import date
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Relationship(Timestamped, table=True):
    """A typed, dated edge from one actor (subject) to another (object)."""

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    subject_id: str = Field(foreign_key="actor.id", index=True, max_length=ID_LENGTH)
    relationship_type: str = Field(index=True, max_length=40)
    object_id: str = Field(foreign_key="actor.id", index=True, max_length=ID_LENGTH)
    start: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    end: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    valid_from: date | None = None
    valid_until: date | None = None
    description: str | None = None
