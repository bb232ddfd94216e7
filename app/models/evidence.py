from sqlalchemy import CheckConstraint, Index, Text
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped

# Which columns each kind of evidence fills (the others stay NULL).
_KINDS = (
    "(kind = 'excerpt' AND excerpt IS NOT NULL AND start_offset IS NOT NULL"
    " AND end_offset IS NOT NULL AND sentence IS NULL AND record IS NULL AND field IS NULL)"
    " OR (kind = 'located' AND excerpt IS NULL AND record IS NULL AND field IS NULL"
    " AND ((start_offset IS NOT NULL AND end_offset IS NOT NULL AND sentence IS NULL)"
    " OR (start_offset IS NULL AND end_offset IS NULL AND sentence IS NOT NULL)))"
    " OR (kind = 'record' AND record IS NOT NULL AND excerpt IS NULL"
    " AND start_offset IS NULL AND end_offset IS NULL AND sentence IS NULL)"
)


class Evidence(Timestamped, table=True):
    """What backs a record or a claim, in one of three kinds.

    `excerpt`: the exact text of an article at its offsets (code points into `source.text`;
    `text[start:end] == excerpt`). `located`: offsets, or a sentence number, into a web
    document we do not hold. `record`: a row (and optionally a field) of a dataset.
    """

    __table_args__ = (
        Index(None, "subject_type", "subject_id"),
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="offsets"),
        CheckConstraint("sentence >= 0", name="sentence"),
        CheckConstraint(_KINDS, name="kind_columns"),
    )

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    subject_type: str = Field(max_length=40)
    subject_id: str = Field(max_length=ID_LENGTH)
    source_id: str = Field(foreign_key="source.id", index=True, max_length=ID_LENGTH)
    kind: str = Field(
        default="excerpt", max_length=20, sa_column_kwargs={"server_default": "excerpt"}
    )
    excerpt: str | None = Field(default=None, sa_type=Text)
    start_offset: int | None = None
    end_offset: int | None = None
    sentence: int | None = None
    record: str | None = Field(default=None, max_length=ID_LENGTH)
    field: str | None = Field(default=None, max_length=200)
