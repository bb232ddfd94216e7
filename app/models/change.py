from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer
from sqlmodel import Field, SQLModel

from app.models.base import ID_LENGTH, UTCDateTime, utcnow


class Change(SQLModel, table=True):
    """One recorded change to one record: who, when, what (before and after) and why.

    The id only grows, so it is the cursor of the change feed.
    """

    __table_args__ = (Index(None, "record_type", "record_id"),)

    # SQLite only autoincrements a column declared exactly INTEGER PRIMARY KEY.
    id: int | None = Field(
        default=None, primary_key=True, sa_type=BigInteger().with_variant(Integer(), "sqlite")
    )
    record_type: str = Field(max_length=40)
    record_id: str = Field(max_length=ID_LENGTH)
    action: str = Field(max_length=20)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    key_id: str | None = Field(default=None, max_length=40)
    reason: str | None = Field(default=None, max_length=2000)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON(none_as_null=True))
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON(none_as_null=True))
