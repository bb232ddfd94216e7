from datetime import date
from typing import Any

from sqlalchemy import JSON, Text
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Source(Timestamped, table=True):
    """A source article: its metadata and its verbatim text, identified by the text's hash."""

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    outlet_id: str | None = Field(default=None, foreign_key="actor.id", max_length=ID_LENGTH)
    title: str = Field(max_length=1000)
    byline: str | None = Field(default=None, max_length=500)
    language: str = Field(max_length=35)
    url: str | None = Field(default=None, max_length=2000)
    published: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    published_start: date | None = Field(default=None, index=True)
    published_end: date | None = None
    text: str = Field(sa_type=Text)
    sha256: str = Field(unique=True, max_length=64)
    search_key: str = Field(default="", sa_type=Text)
