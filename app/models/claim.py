from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Claim(Timestamped, table=True):
    """One sourced value of one property of a record, ranked as Wikidata ranks statements.

    The subject is named by type and id because claims attach to every kind of record.
    """

    __table_args__ = (Index(None, "subject_type", "subject_id", "property"),)

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    subject_type: str = Field(max_length=40)
    subject_id: str = Field(max_length=ID_LENGTH)
    property: str = Field(max_length=100)
    value: Any = Field(sa_type=JSON)
    rank: str = Field(default="normal", max_length=20)
    note: str | None = None
    # How this account differs from its rivals, when the sources disagree: `contradiction`
    # (both cannot be true), `wording` (one fact, other words), `precision` (one says more).
    disagreement: str | None = Field(default=None, max_length=20)
