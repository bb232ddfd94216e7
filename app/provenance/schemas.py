"""What the API says about provenance: excerpts, sourced values and where sources differ."""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from app.core.limits import shallow
from app.core.records import RecordRef
from app.core.types import Line, LongText
from app.core.vocab import DisagreementKind, EvidenceKind, Rank
from app.curation.schemas import ExcerptWrite, Write


class EvidenceRead(BaseModel):
    """What backs `subject`: an exact excerpt of an article at its character offsets, a
    located span or sentence of a web document, or a record (row, field) of a dataset."""

    id: str = Field(examples=["evd-81145b5e8fac"])
    type: Literal["evidence"] = "evidence"
    kind: EvidenceKind = Field(description="excerpt, located or record.")
    subject: RecordRef = Field(description="The record or claim this evidence supports.")
    source: RecordRef
    excerpt: str | None = Field(
        default=None, examples=["having launched 32 ballistic missiles just this year"]
    )
    start: int | None = Field(
        default=None, description="Offset of the first character (code points)."
    )
    end: int | None = Field(
        default=None, description="Offset just past the last character; text[start:end]."
    )
    sentence: int | None = Field(default=None, description="located: the sentence number.")
    record: str | None = Field(default=None, description="record: the dataset row's id.")
    field: str | None = Field(default=None, description="record: the column, if one.")


class ClaimRead(BaseModel):
    """One sourced value of one property of a record, with its rank and its evidence."""

    id: str = Field(examples=["clm-9a937698d9b4"])
    type: Literal["claim"] = "claim"
    subject: RecordRef
    property: str = Field(examples=["occurred"])
    value: Any = Field(examples=[{"value": "2022-10-26", "precision": "day"}])
    rank: str = Field(description="preferred, normal or deprecated.", examples=["preferred"])
    note: str | None = None
    disagreement: str | None = Field(
        default=None,
        description="Where sources disagree: contradiction, wording or precision.",
        examples=["precision"],
    )
    sources: list[RecordRef] = Field(description="The articles its evidence comes from.")
    evidence: list[EvidenceRead]


class RecordEvidence(BaseModel):
    """Why we believe a record: the excerpts that back it and every sourced value it has."""

    record: RecordRef
    evidence: list[EvidenceRead]
    claims: list[ClaimRead]


class Account(BaseModel):
    """One source's version of a disputed value."""

    value: Any
    rank: str | None = Field(description="The claim's rank; null for name spellings.")
    claim_id: str | None = None
    sources: list[RecordRef]
    evidence: list[EvidenceRead]


class Disagreement(BaseModel):
    """A property of a record for which the sources give different values; all are kept."""

    id: str = Field(description="Stable: subject type, subject id and property.")
    type: Literal["disagreement"] = "disagreement"
    subject: RecordRef
    property: str = Field(examples=["occurred", "name"])
    kind: str = Field(
        description="contradiction (the accounts cannot both be true), wording (one fact in "
        "other words) or precision (one account says more).",
        examples=["precision"],
    )
    qualifier: dict[str, str] = Field(
        default_factory=dict, description="Narrows the property, e.g. {'lang': 'ko-Latn'}."
    )
    accounts: list[Account]


# What clients write (POST/PUT; PATCH merges into the same shape).


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
