"""An import never re-creates what a curator deleted, and loads the rest of its file.

A record is *deleted by a curator* when the latest entry of its history is a delete made
through the API with a key (a POST or a restore after it makes it a record again). An
import holding such a record does not write it and lists it under `deleted`. What else the
input cites of it is left out, each reference listed under `dropped`: a participant, a link,
a quote's speaker, an event's place or source, a place's `part_of`, a source's outlet, a
piece of evidence on a deleted source (and a claim left with none). A record that cannot
exist without the deleted one (a relationship whose end went) is not written at all
(`skipped`). Each type says what it can do without (`Document.drop`); evidence is found
alone. Such records count as unchanged, as merged ones do.

The deleted records are read once per import, in one query over the history (none on a
database no curator deleted from); per batch, only the records citing one are touched.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotated_types import MinLen
from pydantic import BaseModel, ValidationError
from sqlalchemy import and_, exists
from sqlalchemy import select as core_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.imports.reader import Entry
from app.imports.references import Ref, references
from app.imports.schemas import DeletedRecord, DroppedReference, document, kinds
from app.models import Change
from app.seeding.schema import IMPORT_CONTEXT, EvidenceIn


@dataclass
class Deletions:
    """The deleted records an import meets, and what it left out for them."""

    gone: dict[Ref, DeletedRecord]
    id_limit: int | None
    deleted: list[DeletedRecord] = field(default_factory=list)
    dropped: list[DroppedReference] = field(default_factory=list)
    sources: set[str] = field(init=False)  # the deleted sources, whose evidence is walked

    def __post_init__(self) -> None:
        self.sources = {ref_id for kind, ref_id in self.gone if kind == "source"}

    @classmethod
    def read(cls, session: Session, id_limit: int | None, *, active: bool) -> "Deletions":
        """The records curators deleted (none when `active` is false: a curator's own write
        may bring one back)."""
        return cls(_deleted(session) if active else {}, id_limit)

    def spare(self, batch: list[Entry]) -> tuple[list[Entry], list[Entry]]:
        """The batch less what cites deleted records, and the entries not to write."""
        if not self.gone:
            return batch, []
        kept: list[Entry] = []
        out: list[Entry] = []
        for entry in batch:
            (kept if self._spare(entry) else out).append(entry)
        return kept, out

    def _spare(self, entry: Entry) -> bool:
        """Whether the entry is still to be written, what it cites of the deleted left out."""
        if entry.model is None or entry.owner is None or entry.reasons:
            return True
        if entry.owner in self.gone:
            self._note(self.deleted, self.gone[entry.owner])
            return False
        cited = sorted(self._cited(entry.owner[0], entry.model) & self.gone.keys())
        if not cited:
            return True
        model = self._drop(entry.owner[0], entry.model)
        record, own = entry.owner
        for kind, ref_id in cited:
            reference = DroppedReference(
                record=record, id=own, cites=kind, cites_id=ref_id, skipped=model is None
            )
            self._note(self.dropped, reference)
        if model is None:
            return False
        entry.model = model
        return True

    def _cited(self, kind: str, model: BaseModel) -> set[Ref]:
        if self.sources:  # walking a document for its evidence costs more than the rest
            return references(model)
        return set(document(kind).references(model))

    def _drop(self, kind: str, model: BaseModel) -> BaseModel | None:
        """The document without what it cites of the deleted, checked again; None when it
        cannot exist without it."""
        dropped = document(kind).drop(model, lambda k, i: (k, i) in self.gone)
        if dropped is None:
            return None
        pruned = _without_evidence(dropped, self.sources) if self.sources else dropped
        if pruned is None:
            return None
        try:
            return type(pruned).model_validate(pruned.model_dump(), context=IMPORT_CONTEXT)
        except ValidationError:  # left in a shape the format refuses: not written
            return None

    def _note(self, found: list[Any], item: BaseModel) -> None:
        if self.id_limit is None or len(found) < self.id_limit:
            found.append(item)


def _deleted(session: Session) -> dict[Ref, DeletedRecord]:
    """Every record whose latest history entry is a delete with a key, of the kinds an
    import writes."""
    later = aliased(Change)
    newer = exists().where(
        and_(
            col(later.record_type) == col(Change.record_type),
            col(later.record_id) == col(Change.record_id),
            col(later.id) > col(Change.id),
        )
    )
    statement = core_select(
        col(Change.record_type), col(Change.record_id), col(Change.id), col(Change.at)
    ).where(
        col(Change.action) == "delete",
        col(Change.key_id).is_not(None),
        col(Change.record_type).in_(kinds()),
        ~newer,
    )
    return {
        (kind, record_id): DeletedRecord(record=kind, id=record_id, change=change_id, at=at)
        for kind, record_id, change_id, at in session.connection().execute(statement)
    }


def _without_evidence(model: BaseModel, sources: set[str]) -> BaseModel | None:
    """The model without the evidence it has anywhere on these sources; None when a list of
    evidence it must have (a claim's) is left empty."""
    changes: dict[str, Any] = {}
    for name, value in model.__dict__.items():
        if isinstance(value, BaseModel):
            inner = _without_evidence(value, sources)
            if inner is None:
                return None
            if inner is not value:
                changes[name] = inner
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            kept = _kept(value, sources)
            if not kept and _needs_some(type(model), name):
                return None
            if len(kept) != len(value) or any(a is not b for a, b in zip(kept, value, strict=True)):
                changes[name] = kept
    return model.model_copy(update=changes) if changes else model


def _kept(items: Sequence[BaseModel], sources: set[str]) -> list[BaseModel]:
    kept: list[BaseModel] = []
    for item in items:
        if isinstance(item, EvidenceIn):
            if item.source not in sources:
                kept.append(item)
        elif (inner := _without_evidence(item, sources)) is not None:
            kept.append(inner)
    return kept


def _needs_some(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields.get(name)
    return info is not None and any(
        isinstance(m, MinLen) and m.min_length > 0 for m in info.metadata
    )
