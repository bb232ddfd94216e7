"""The record kinds an import or export holds, and the report an import answers with."""

from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import SQLModel

from app.core.errors import Problem
from app.models import Actor, Event, Place, Relationship, Source
from app.seeding.schema import ActorIn, EventIn, PlaceIn, RelationshipIn, SourceIn

# The kinds in the order they are exported and planned: each may refer to those before it
# (events also to other events).
KINDS: tuple[str, ...] = ("place", "actor", "source", "event", "relationship")
RECORD_MODELS: dict[str, type[BaseModel]] = {
    "place": PlaceIn,
    "actor": ActorIn,
    "source": SourceIn,
    "event": EventIn,
    "relationship": RelationshipIn,
}
# The seed format's sections (plural) and the kind each holds.
SECTIONS: dict[str, str] = {f"{kind}s": kind for kind in KINDS}
# The table holding each kind's main row.
MAIN_TABLES: dict[str, type[SQLModel]] = {
    "place": Place,
    "actor": Actor,
    "source": Source,
    "event": Event,
    "relationship": Relationship,
}


def record_id(kind: str, record: BaseModel) -> str:
    """The id a record is stored under (a relationship's is optional in the seed format)."""
    if isinstance(record, RelationshipIn):
        return record.id or f"{record.subject}--{record.relationship_type.value}--{record.object}"
    if isinstance(record, PlaceIn | ActorIn | SourceIn | EventIn):
        return record.id
    raise TypeError(f"not a record of the seed format: {type(record).__name__}")


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


class ImportProblem(Problem):
    """The 422 answer to an import with rejected records: a problem carrying the report."""

    report: ImportReport


def report_extensions(report: ImportReport) -> dict[str, Any]:
    """The RFC 9457 extension members of a rejected import's problem."""
    return {"report": report.model_dump(mode="json")}
