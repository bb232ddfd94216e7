"""How participations and relationships appear in responses."""

from typing import Literal

from pydantic import BaseModel, Field

from app.attributes.schemas import ParticipationAttributes
from app.core.records import RecordRef
from app.core.timespec import TimeSpec
from app.core.types import Line, LongText, Slug
from app.core.vocab import RelationshipType, Role
from app.curation.schemas import ExcerptWrite, Write


class ParticipationRead(BaseModel):
    """An actor's role in an event."""

    id: str = Field(
        examples=["nac-decides-rok-nato-office--north-atlantic-council--decision_maker"]
    )
    type: Literal["participation"] = "participation"
    event: RecordRef
    actor: RecordRef
    role: str = Field(description="Term of the role vocabulary.", examples=["decision_maker"])
    description: str | None
    attributes: ParticipationAttributes = Field(
        default_factory=ParticipationAttributes, description="Declared attribute values (typed)."
    )


class RelationshipRead(BaseModel):
    """A typed, dated edge from one actor (subject) to another (object)."""

    id: str = Field(examples=["south-korea--partner_of--nato"])
    type: Literal["relationship"] = "relationship"
    subject: RecordRef
    relationship_type: str = Field(examples=["partner_of"])
    object: RecordRef
    start: TimeSpec | None
    end: TimeSpec | None
    description: str | None


# What clients write (POST/PUT; PATCH merges into the same shape).


class ParticipationWrite(Write):
    id: Line | None = None
    event: Slug
    actor: Slug
    role: Role
    description: LongText | None = None
    evidence: list[ExcerptWrite] = []


class RelationshipWrite(Write):
    id: Line | None = None
    subject: Slug
    relationship_type: RelationshipType
    object: Slug
    start: TimeSpec | None = None
    end: TimeSpec | None = None
    description: LongText | None = None
    evidence: list[ExcerptWrite] = []
