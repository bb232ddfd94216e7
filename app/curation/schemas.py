"""What clients send to create or replace records (PATCH merges into the same shapes)."""

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from app.core.limits import shallow
from app.core.timespec import TimeSpec
from app.core.types import ArticleText, Lang, Line, LongText, Name, Slug
from app.core.vocab import (
    ActorKind,
    DisagreementKind,
    EventLinkType,
    EventType,
    EvidenceKind,
    Modality,
    NameKind,
    NameOrigin,
    PlaceKind,
    Rank,
    RelationshipType,
    Role,
    SourceKind,
)
from app.places.fields import PlaceGeo

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


class PlaceWrite(Write, PlaceGeo):
    id: Slug | None = None
    name: Name
    kind: PlaceKind
    part_of: Slug | None = None
    evidence: list[ExcerptWrite] = []


class NameWrite(Write):
    name: Name
    lang: Lang
    kind: NameKind = NameKind.VARIANT
    misspelling: bool = False
    transliteration: bool = False
    origin: NameOrigin = NameOrigin.ARTICLE
    evidence: list[ExcerptWrite] = []


class ActorWrite(Write):
    id: Slug | None = None
    kind: ActorKind
    name: Name = Field(description="The canonical name; added to `names` if missing there.")
    description: LongText = ""
    identifiers: dict[Line, Line] = Field(default={}, max_length=100)
    names: list[NameWrite] = []
    evidence: list[ExcerptWrite] = []


class SourceWrite(Write):
    id: Slug | None = None
    kind: SourceKind = SourceKind.ARTICLE
    outlet: Slug | None = None
    title: Name
    byline: Line | None = None
    language: Lang
    url: Line | None = None
    published: TimeSpec | None = None
    version: Annotated[Line, StringConstraints(max_length=200)] | None = None
    licence: Line | None = None
    text: ArticleText | None = Field(
        default=None,
        description="An article's verbatim text (only articles have one); it never changes.",
    )


class LinkWrite(Write):
    link_type: EventLinkType
    event: Slug
    evidence: list[ExcerptWrite] = []


class EventWrite(Write):
    id: Slug | None = None
    title: Name
    event_type: EventType
    modality: Modality = Modality.OCCURRED
    summary: LongText = ""
    occurred: TimeSpec | None = None
    announced: TimeSpec | None = None
    place: Slug | None = None
    sources: list[Slug] = []
    links: list[LinkWrite] = []
    evidence: list[ExcerptWrite] = []


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


class QuoteWrite(Write):
    id: Slug | None = None
    event: Slug | None = None
    speaker: Slug | None = None
    text: Text
    language: Lang
    evidence: list[ExcerptWrite] = []


class ClaimWrite(Write):
    id: Line | None = None
    subject_type: Line
    subject_id: Line
    property: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)]
    value: Annotated[Any, AfterValidator(shallow)]
    rank: Rank = Rank.NORMAL
    note: LongText | None = None
    disagreement: DisagreementKind | None = None
    evidence: Annotated[list[ExcerptWrite], Field(min_length=1)]


class EvidenceWrite(ExcerptWrite):
    id: Line | None = None
    subject_type: Line
    subject_id: Line


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
