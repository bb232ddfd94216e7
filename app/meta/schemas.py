from pydantic import BaseModel, Field


class Term(BaseModel):
    """One term of a controlled vocabulary."""

    value: str = Field(examples=["agree"])
    definition: str
    # Declared attributes only (the `attribute` vocabulary): what the value is.
    applies_to: str | None = Field(default=None, examples=["event"])
    value_type: str | None = Field(default=None, description="number, integer, code or text.")
    label: str | None = None
    unit: str | None = None


class Vocabulary(BaseModel):
    """A controlled vocabulary: the values one field may take."""

    id: str = Field(examples=["event_type"])
    type: str = "vocabulary"
    description: str
    terms: list[Term]


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    database: str = Field(description="The SQLAlchemy dialect in use.", examples=["sqlite"])
