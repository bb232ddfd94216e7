from datetime import date
from typing import Any

from sqlalchemy import JSON, Computed, Date, Index, Text, column
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Event(Timestamped, table=True):
    """Something that happened, was announced or is expected, with its times kept apart.

    `occurred` and `announced` hold the preferred reported time; the `_start`/`_end` columns
    are its span as dates, for range filters. `occurred_first`/`occurred_last` are the same
    span as never-null sort keys, computed by the database on every write (whichever path
    writes), so `sort=when` and `sort=-when` walk an index instead of sorting the table:
    undated events get 9999-12-31 as first day and 0001-01-01 as last, so they come last in
    either direction.
    """

    __table_args__ = (
        Index("ix_event_occurred_first", "occurred_first", "occurred_last", "id"),
        Index(
            "ix_event_occurred_last",
            column("occurred_last").desc(),
            column("occurred_first").desc(),
            "id",
        ),
    )

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    title: str = Field(max_length=1000)
    event_type: str = Field(index=True, max_length=40)
    modality: str = Field(max_length=20)
    summary: str = Field(default="", sa_type=Text)
    occurred: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    occurred_start: date | None = Field(default=None, index=True)
    occurred_end: date | None = None
    occurred_first: date | None = Field(
        default=None,
        sa_type=Date,
        sa_column_args=[
            Computed("coalesce(occurred_start, occurred_end, '9999-12-31')", persisted=True)
        ],
    )
    occurred_last: date | None = Field(
        default=None,
        sa_type=Date,
        sa_column_args=[
            Computed("coalesce(occurred_end, occurred_start, '0001-01-01')", persisted=True)
        ],
    )
    announced: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    announced_start: date | None = None
    announced_end: date | None = None
    place_id: str | None = Field(
        default=None, foreign_key="place.id", index=True, max_length=ID_LENGTH
    )
    search_key: str = Field(default="", sa_type=Text)
