from datetime import date
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Text
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Source(Timestamped, table=True):
    """A source: an article (metadata and verbatim text, identified by the text's hash), a
    web document we do not hold (its URL and metadata) or a dataset (a file or feed).

    Only an article has text; the hash is unique where there is text (NULLs never collide
    in a unique index, on SQLite and PostgreSQL alike).
    """

    __table_args__ = (
        CheckConstraint("kind IN ('article', 'web', 'dataset')", name="kind"),
        CheckConstraint(
            "(kind = 'article') = (text IS NOT NULL AND sha256 IS NOT NULL)", name="text"
        ),
        CheckConstraint("kind <> 'web' OR url IS NOT NULL", name="web_url"),
    )

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    kind: str = Field(
        default="article", max_length=20, sa_column_kwargs={"server_default": "article"}
    )
    outlet_id: str | None = Field(default=None, foreign_key="actor.id", max_length=ID_LENGTH)
    title: str = Field(max_length=1000)
    byline: str | None = Field(default=None, max_length=500)
    language: str = Field(max_length=35)
    url: str | None = Field(default=None, max_length=2000)
    published: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    published_start: date | None = Field(default=None, index=True)
    published_end: date | None = None
    dataset_version: str | None = Field(default=None, max_length=200)  # `version` on the wire
    licence: str | None = Field(default=None, max_length=2000)
    text: str | None = Field(default=None, sa_type=Text)
    sha256: str | None = Field(default=None, unique=True, max_length=64)
    search_key: str = Field(default="", sa_type=Text)
