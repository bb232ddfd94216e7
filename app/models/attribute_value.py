from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import ID_LENGTH


class AttributeValue(SQLModel, table=True):
    """The value a record shows for one declared attribute: its preferred claim's, or the
    only one its claims give. Derived from the claims (kept in step on every write) so that
    filters, sorting, facets and aggregates read one indexed row instead of JSON."""

    __tablename__ = "attribute_value"
    __table_args__ = (
        Index("ix_attribute_value_number", "subject_type", "name", "number"),
        Index("ix_attribute_value_code", "subject_type", "name", "code"),
    )

    subject_type: str = Field(primary_key=True, max_length=40)
    subject_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    name: str = Field(primary_key=True, max_length=100)
    number: float | None = None  # number and integer attributes
    code: str | None = Field(default=None, max_length=200)  # code attributes
    text: str | None = Field(default=None, sa_type=Text)  # text attributes
