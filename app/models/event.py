from datetime import date
from typing import Any

from sqlalchemy import JSON, Text
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Event(Timestamped, table=True):
    """Something that happened, was announced or is expected, with its times kept apart.

    `occurred` and `announced` hold the preferred reported time; the `_start`/`_end` columns
    are its span as dates, for sorting and range filters.
    """

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    title: str = Field(max_length=1000)
    event_type: str = Field(index=True, max_length=40)
    modality: str = Field(max_length=20)
    summary: str = Field(default="", sa_type=Text)
    occurred: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    occurred_start: date | None = Field(default=None, index=True)
    occurred_end: date | None = None
    announced: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    announced_start: date | None = None
    announced_end: date | None = None
    place_id: str | None = Field(default=None, foreign_key="place.id", max_length=ID_LENGTH)
    search_key: str = Field(default="", sa_type=Text)
