from sqlalchemy import CheckConstraint, Index, Text
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Evidence(Timestamped, table=True):
    """An exact excerpt of a source at its character offsets, backing a record or a claim.

    Offsets count Unicode code points into `source.text`; `text[start:end] == excerpt`.
    """

    __table_args__ = (
        Index(None, "subject_type", "subject_id"),
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="offsets"),
    )

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    subject_type: str = Field(max_length=40)
    subject_id: str = Field(max_length=ID_LENGTH)
    source_id: str = Field(foreign_key="source.id", index=True, max_length=ID_LENGTH)
    excerpt: str = Field(sa_type=Text)
    start_offset: int
    end_offset: int
