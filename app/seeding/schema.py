"""The seed files' shapes (documented in seeds/README.md), validated before anything loads."""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    model_validator,
)

from app.core.evidence import shape_fault
from app.core.geo import PlaceGeo
from app.core.timespec import TimeSpec
from app.core.types import ArticleText, Lang, Line, LongText, Name, Slug
from app.core.vocab import (
    ActorKind,
    DisagreementKind,
    EvidenceKind,
    NameKind,
    NameOrigin,
    PlaceKind,
    Rank,
    RelationshipType,
    Role,
    SourceKind,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceIn(Strict):
    """One evidence item: an `excerpt` of an article (the default), a `located` span or
    sentence of a web document, or a `record` (row, field) of a dataset."""

    kind: EvidenceKind = EvidenceKind.EXCERPT
    source: Slug
    excerpt: Annotated[LongText, StringConstraints(min_length=1)] | None = None
    start: int | None = Field(default=None, ge=0, le=2**31 - 1)
    end: int | None = Field(default=None, gt=0, le=2**31 - 1)
    sentence: int | None = Field(default=None, ge=0, le=2**31 - 1)
    record: Line | None = Field(default=None, min_length=1, max_length=200)
    field: Line | None = Field(default=None, min_length=1, max_length=200)

    @model_validator(mode="after")
    def _fields_of_kind(self) -> "EvidenceIn":
        fault = shape_fault(self, offsets_required=True)
        if fault is not None:
            raise ValueError(f"{fault[0]}: {fault[1]}")
        return self


# Validation context flag of imports: a record may come without evidence or sources, as the
# write API lets one be created (and an export must import again); seed files may not.
IMPORT_CONTEXT = {"import": True}


def _required(items: list[Any], info: ValidationInfo) -> list[Any]:
    if not items and not (info.context or {}).get("import"):
        raise ValueError("List should have at least 1 item after validation, not 0")
    return items


Evidenced = Annotated[list[EvidenceIn], AfterValidator(_required)]
Cited = Annotated[list[Slug], AfterValidator(_required)]  # ids, at least one unless imported


class ClaimIn(Strict):
    property: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    value: Any
    rank: Rank = Rank.NORMAL
    note: LongText | None = None
    # Where the articles disagree on this property: how this account differs from the others.
    disagreement: DisagreementKind | None = None
    evidence: Annotated[list[EvidenceIn], Field(min_length=1)]  # always: a claim is sourced


class Claimed(Strict):
    claims: list[ClaimIn] = Field(default_factory=list)


class PlaceIn(Strict, PlaceGeo):
    id: Slug
    name: Name
    kind: PlaceKind
    part_of: Slug | None = None
    evidence: Evidenced


class NameIn(Strict):
    name: Name
    lang: Lang
    kind: NameKind
    misspelling: bool = False
    transliteration: bool = False
    origin: NameOrigin = NameOrigin.ARTICLE
    evidence: list[EvidenceIn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _attested_unless_reference(self, info: ValidationInfo) -> "NameIn":
        # A reference name never passes for an attestation, and an article's name always
        # shows where the article uses it.
        if self.origin is NameOrigin.REFERENCE and self.evidence:
            raise ValueError(f"name {self.name!r} has origin reference but cites evidence")
        imported = (info.context or {}).get("import")  # the write API lets names be bare
        if self.origin is NameOrigin.ARTICLE and not self.evidence and not imported:
            raise ValueError(
                f"name {self.name!r} needs evidence (or `origin: reference` if no article uses it)"
            )
        return self


class ActorIn(Claimed):
    id: Slug
    kind: ActorKind
    name: Name
    description: LongText | None = None
    identifiers: dict[Line, Line] = Field(default_factory=dict)
    names: Annotated[list[NameIn], Field(min_length=1)]
    evidence: Evidenced

    @model_validator(mode="after")
    def _one_canonical(self) -> "ActorIn":
        canonical = [n.name for n in self.names if n.kind is NameKind.CANONICAL]
        if canonical != [self.name]:
            raise ValueError(f"exactly one canonical name, equal to {self.name!r}, is required")
        return self


class SourceIn(Claimed):
    id: Slug
    # article (the default): verbatim text, a file under seeds/articles/ or inline (imports);
    # web: a URL and metadata only; dataset: a file or feed with its version and licence.
    kind: SourceKind = SourceKind.ARTICLE
    file: Line | None = None
    text: ArticleText | None = None
    outlet: Slug | None = None
    title: Name
    byline: Line | None = None
    language: Lang
    url: Line | None = None
    published: TimeSpec | None = None
    version: Annotated[Line, StringConstraints(max_length=200)] | None = None
    licence: Line | None = None

    @model_validator(mode="after")
    def _text_of_kind(self) -> "SourceIn":
        if self.kind is not SourceKind.ARTICLE:
            if self.file is not None or self.text is not None:
                raise ValueError(f"a {self.kind.value} source has no `text` or `file`")
            if self.kind is SourceKind.WEB and not self.url:
                raise ValueError("url: a web source needs its `url`")
            return self
        if (self.file is None) == (self.text is None):
            raise ValueError("give the article as exactly one of `file` or `text`")
        if self.text == "":
            raise ValueError("the article `text` is empty")
        return self


class ParticipantIn(Claimed):
    actor: Slug
    role: Role
    description: LongText | None = None
    evidence: Evidenced


class QuoteIn(Claimed):
    id: Slug
    speaker: Slug | None = None
    text: LongText | None = None
    language: Lang
    evidence: Evidenced


class RelationshipIn(Claimed):
    id: Slug | None = None
    subject: Slug
    relationship_type: RelationshipType
    object: Slug
    start: TimeSpec | None = None
    end: TimeSpec | None = None
    description: LongText | None = None
    evidence: Evidenced


def seed_data_model(sections: Mapping[str, type[BaseModel]]) -> type[BaseModel]:
    """The shape of everything in seeds/data/, merged from its files: one list per section
    (`places`, `actors`, …, from the registry), each of its kind's documents."""
    lists: dict[str, Any] = {name: (list[model], []) for name, model in sections.items()}  # type: ignore[valid-type]
    return create_model("SeedData", __base__=Strict, **lists)
