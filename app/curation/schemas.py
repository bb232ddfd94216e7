"""The written forms every record type shares (evidence excerpts) and the generic write
requests; each type's own written form lives in its package (`app/events/schemas.py`)."""

from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from app.core.types import Lang, Line, LongText, Name, Slug
from app.core.vocab import ActorKind, EvidenceKind

Text = Annotated[LongText, StringConstraints(min_length=1)]


class Write(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExcerptWrite(Write):
    """One evidence item. `excerpt` (the default): the exact text of an article; give
    `start`/`end`, or let the server find them. `located`: `start`/`end` or a `sentence`
    into a web source. `record`: a `record` (row id) and optional `field` of a dataset."""

    kind: EvidenceKind = EvidenceKind.EXCERPT
    source: Slug
    excerpt: Text | None = None
    start: int | None = Field(default=None, ge=0, le=2**31 - 1)
    end: int | None = Field(default=None, gt=0, le=2**31 - 1)
    sentence: int | None = Field(default=None, ge=0, le=2**31 - 1)
    record: Line | None = Field(default=None, min_length=1, max_length=200)
    field: Line | None = Field(default=None, min_length=1, max_length=200)


class MergeRequest(Write):
    into: Slug = Field(description="The actor that survives; this one is folded into it.")
    reason: LongText | None = None


class ActorMatchRequest(Write):
    name: Name
    kind: ActorKind | None = None
    lang: Lang | None = None
    limit: int = Field(default=10, ge=1, le=50)


class EventMatchRequest(Write):
    title: Line | None = None
    excerpt: LongText | None = None
    date: Line | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    actors: list[Slug] = Field(default=[], max_length=100)
    limit: int = Field(default=10, ge=1, le=50)

    @model_validator(mode="after")
    def _something(self) -> "EventMatchRequest":
        if not (self.title or self.excerpt or self.actors or self.date):
            raise ValueError("give a title, an excerpt, a date or actors to match on")
        return self
