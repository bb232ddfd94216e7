"""The record kinds an import or export holds (read from the registry), and the report an
import answers with."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import SQLModel

from app.core.errors import Problem
from app.core.registry import Document, registry
from app.models import Claim, Evidence


def kinds() -> list[str]:
    """The kinds an import or export holds, in the order they are planned and exported:
    each may refer to those before it (events also to other events)."""
    return [t.name for t in registry().documented()]


def record_models() -> dict[str, type[BaseModel]]:
    """Each kind's document model."""
    return {t.name: registry().document(t.name).model for t in registry().documented()}


def sections() -> dict[str, str]:
    """The seed format's sections (plural) and the kind each holds."""
    return {document(k).section or f"{k}s": k for k in kinds()}


def document(kind: str) -> Document:
    return registry().document(kind)


def main_table(kind: str) -> type[SQLModel]:
    """The table holding a kind's main row."""
    return registry().get(kind).table


def record_id(kind: str, record: BaseModel) -> str:
    """The id a record is stored under (a relationship's is optional in the seed format)."""
    return document(kind).record_id(record)


def kind_of(record: BaseModel) -> str:
    """The kind whose document model `record` is."""
    for kind, model in record_models().items():
        if isinstance(record, model):
            return kind
    raise TypeError(f"not a record of the seed format: {type(record).__name__}")


def table_order() -> list[type[SQLModel]]:
    """Every table an import writes, parents before children, so that each foreign key
    points at a row written already."""
    tables: list[type[SQLModel]] = []
    for kind in kinds():
        tables += [main_table(kind), *(child.table for child in document(kind).children)]
    return [*tables, Claim, Evidence]


def carried() -> dict[str, tuple[bool, bool]]:
    """Whether the format carries (evidence, claims) for each subject type. Others the write
    API may attach (a claim about a place, evidence for a source) are neither exported nor
    replaced by an import; the export command counts them."""
    found: dict[str, tuple[bool, bool]] = {}
    for kind in kinds():
        spec = document(kind)
        found[kind] = (spec.evidence, spec.claims)
        for child in spec.children:
            if child.subject is not None:
                found[child.subject] = (child.evidence, child.claims)
    return found


class KindReport(BaseModel):
    """What the import did (or, on a dry run, would do) to the records of one kind."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    inserted_ids: list[str] = Field(default=[], description="Ids of the records inserted.")
    updated_ids: list[str] = Field(
        default=[],
        description="Ids of the records updated: a field, a name, a claim, a piece of "
        "evidence, a participant, a link or a quote differs from what is stored.",
    )


class RejectedRecord(BaseModel):
    """One record that failed a check, where it is in the input, and every reason."""

    line: int | None = Field(
        description="1-based line of the input where the record starts (null in a JSON "
        "document, where `pointer` says where it is).",
        examples=[12],
    )
    pointer: str | None = Field(
        default=None,
        description="JSON Pointer to the record in a seed document: `/events/3`.",
        examples=["/events/3"],
    )
    record: str | None = Field(description="The record's kind, when known.", examples=["event"])
    id: str | None = Field(description="The record's id, when known.", examples=["nac-decides"])
    reasons: list[str] = Field(examples=[["event 'nac-decides': unknown place 'atlantis'"]])


class CuratedValue(BaseModel):
    """A value a curator set through the API that the import kept, where the input has
    another (see the README's import section: how imports treat curated records)."""

    record: str = Field(examples=["actor"])
    id: str = Field(examples=["yoon-suk-yeol"])
    field: str = Field(description="The field of the record's document.", examples=["name"])
    stored: Any = Field(description="The value kept.", examples=["Yoon Suk Yeol"])
    incoming: Any = Field(description="The input's value, not written.", examples=["Yoon"])


class MergedRecord(BaseModel):
    """A record of the input whose id a merge folded into another: not written, so that the
    merge stands; references to it anywhere in the input were read as the survivor's."""

    record: str = Field(examples=["actor"])
    id: str = Field(examples=["yun-seok-yeol"])
    into: str | None = Field(
        description="The id it was merged into; null when the merge folded it into nothing.",
        examples=["yoon-suk-yeol"],
    )
    reason: str | None = Field(
        default=None,
        description="Why it folded into nothing (a relationship whose two ends are one actor).",
        examples=[None],
    )


class DeletedRecord(BaseModel):
    """A record of the input a curator deleted through the API (the latest entry of its
    history is a delete made with a key): not re-created, so that the deletion stands."""

    record: str = Field(examples=["actor"])
    id: str = Field(examples=["japan"])
    change: int = Field(description="The history entry of the deletion (`/changes`).")
    at: datetime = Field(description="When it was deleted.")


class DroppedReference(BaseModel):
    """A reference of the input to a record a curator deleted: the import left it out (a
    participant, a link, a piece of evidence), or, when the record cannot exist without it
    (a relationship's end), left out the whole record."""

    record: str = Field(examples=["event"])
    id: str = Field(description="The record that cited it.", examples=["nac-plus-4-meeting"])
    cites: str = Field(description="The deleted record's kind.", examples=["actor"])
    cites_id: str = Field(description="The deleted record's id.", examples=["japan"])
    skipped: bool = Field(
        description="Whether the citing record was not written at all (counted as unchanged)."
    )


class ImportReport(BaseModel):
    """What an import read, what it changed (or would change) and what it rejected."""

    summary: str = Field(examples=["12 records: 10 inserted, 2 updated, 0 unchanged"])
    dry_run: bool
    loaded: bool = Field(description="Whether this import wrote to the database.")
    records: int = Field(description="Records read from the input.")
    kinds: dict[str, KindReport] = Field(
        default={}, description="By record kind (`place`, `actor`, …); empty when rejected."
    )
    rejected: list[RejectedRecord] = Field(
        default=[], description="Every record that failed a check; any one means nothing loads."
    )
    curated: list[CuratedValue] = Field(
        default=[],
        description="Values of curated records (last changed through the write API) that "
        "the import kept although the input differs; such a record counts as unchanged.",
    )
    merged: list[MergedRecord] = Field(
        default=[],
        description="Records of the input merged into another since: not written (counted "
        "as unchanged); what cites them was read as citing the survivor.",
    )
    deleted: list[DeletedRecord] = Field(
        default=[],
        description="Records of the input a curator deleted: not re-created (counted as "
        "unchanged).",
    )
    dropped: list[DroppedReference] = Field(
        default=[],
        description="References of the input to records a curator deleted, left out.",
    )


class ImportProblem(Problem):
    """The 422 answer to an import with rejected records: a problem carrying the report."""

    report: ImportReport


def report_extensions(report: ImportReport) -> dict[str, Any]:
    """The RFC 9457 extension members of a rejected import's problem."""
    return {"report": report.model_dump(mode="json")}
