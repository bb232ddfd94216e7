from pydantic import BaseModel, Field


class Term(BaseModel):
    """One term of a controlled vocabulary."""

    value: str = Field(examples=["agree"])
    definition: str


class Vocabulary(BaseModel):
    """A controlled vocabulary: the values one field may take."""

    id: str = Field(examples=["event_type"])
    type: str = "vocabulary"
    description: str
    terms: list[Term]


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    database: str = Field(description="The SQLAlchemy dialect in use.", examples=["sqlite"])
