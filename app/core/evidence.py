"""The three kinds of evidence: which fields each takes, and which source each may cite.

Shared by the seed/import format, the write API and the plan, so one rule holds everywhere.
"""

from typing import Any, Protocol

from app.core.text import stable_id
from app.core.vocab import EvidenceKind, SourceKind
from app.models import Evidence

# The fields each kind fills; the others must be absent.
_FIELDS = {
    EvidenceKind.EXCERPT: {"excerpt", "start", "end"},
    EvidenceKind.LOCATED: {"start", "end", "sentence"},
    EvidenceKind.RECORD: {"record", "field"},
}
_OPTIONAL = ("excerpt", "start", "end", "sentence", "record", "field")
# The one kind of source each kind of evidence may cite.
CITES = {
    EvidenceKind.EXCERPT: SourceKind.ARTICLE,
    EvidenceKind.LOCATED: SourceKind.WEB,
    EvidenceKind.RECORD: SourceKind.DATASET,
}


class EvidenceItem(Protocol):
    """An evidence item as any input gives it."""

    @property
    def kind(self) -> EvidenceKind: ...
    @property
    def source(self) -> str: ...
    @property
    def excerpt(self) -> str | None: ...
    @property
    def start(self) -> int | None: ...
    @property
    def end(self) -> int | None: ...
    @property
    def sentence(self) -> int | None: ...
    @property
    def record(self) -> str | None: ...
    @property
    def field(self) -> str | None: ...


def shape_fault(item: EvidenceItem, *, offsets_required: bool) -> tuple[str, str] | None:
    """(field, message) for the first field wrong for the item's kind; None if all fit."""
    kind = item.kind
    for name in _OPTIONAL:
        if getattr(item, name) is not None and name not in _FIELDS[kind]:
            return name, f"{kind.value} evidence takes no `{name}`"
    if kind is EvidenceKind.EXCERPT:
        if item.excerpt is None:
            return "excerpt", "excerpt evidence needs the `excerpt` text"
        if offsets_required and (item.start is None or item.end is None):
            return "start" if item.start is None else "end", "excerpt evidence needs offsets"
    elif kind is EvidenceKind.LOCATED:
        offsets = item.start is not None and item.end is not None
        if offsets == (item.sentence is not None) or (item.start is None) != (item.end is None):
            return "sentence", "located evidence takes `start` and `end`, or a `sentence`"
    elif item.record is None:
        return "record", "record evidence needs the dataset row's `record` id"
    return _order_fault(item)


def _order_fault(item: EvidenceItem) -> tuple[str, str] | None:
    if item.start is not None and item.end is not None and item.end <= item.start:
        return "end", f"end ({item.end}) must be after start ({item.start})"
    if item.excerpt is not None and item.start is not None and item.end is not None:
        if item.end - item.start != len(item.excerpt):
            return "end", (
                f"end - start is {item.end - item.start} but the excerpt has "
                f"{len(item.excerpt)} characters"
            )
    return None


def source_fault(item: EvidenceItem, source_kind: SourceKind) -> str | None:
    """Why the item may not cite a source of this kind, if it may not."""
    wanted = CITES[item.kind]
    if source_kind is wanted:
        return None
    return (
        f"{item.kind.value} evidence cites only {wanted.value} sources; "
        f"{item.source!r} is of kind {source_kind.value}"
    )


def evidence_id(subject: tuple[str, str], item: EvidenceItem) -> str:
    """A stable id: the same evidence of the same subject always gets the same one."""
    where = (item.record, item.field) if item.kind is EvidenceKind.RECORD else None
    return _stable_evidence_id(subject, item.source, where, item.sentence, item.start, item.end)


def stored_evidence_id(subject: tuple[str, str], row: Evidence) -> str:
    """The stable id a stored evidence row would have as evidence of `subject`."""
    where = (row.record, row.field) if row.kind == EvidenceKind.RECORD.value else None
    return _stable_evidence_id(
        subject, row.source_id, where, row.sentence, row.start_offset, row.end_offset
    )


def _stable_evidence_id(
    subject: tuple[str, str],
    source: str,
    record: tuple[str | None, str | None] | None,
    sentence: int | None,
    start: int | None,
    end: int | None,
) -> str:
    if record is not None:
        return stable_id("evd", *subject, source, "record", record[0], record[1] or "")
    if sentence is not None:
        return stable_id("evd", *subject, source, "sentence", sentence)
    return stable_id("evd", *subject, source, start, end)


def evidence_values(subject: tuple[str, str], item: EvidenceItem, **offsets: Any) -> dict[str, Any]:
    """The columns of a checked item (`offsets` may give the start and end an API write found)."""
    return {
        "id": offsets.get("id") or evidence_id(subject, item),
        "subject_type": subject[0],
        "subject_id": subject[1],
        "source_id": item.source,
        "kind": item.kind.value,
        "excerpt": item.excerpt,
        "start_offset": offsets.get("start", item.start),
        "end_offset": offsets.get("end", item.end),
        "sentence": item.sentence,
        "record": item.record,
        "field": item.field,
    }


def evidence_row(subject: tuple[str, str], item: EvidenceItem, **offsets: Any) -> Evidence:
    """The row of a checked item, for the ORM writes."""
    return Evidence(**evidence_values(subject, item, **offsets))


def evidence_doc(row: Evidence) -> dict[str, Any]:
    """One evidence row in the wire format (seed, import, export, change snapshots)."""
    doc: dict[str, Any] = {"kind": row.kind, "source": row.source_id}
    if row.excerpt is not None:
        doc["excerpt"] = row.excerpt
    if row.start_offset is not None:
        doc["start"], doc["end"] = row.start_offset, row.end_offset
    for name in ("sentence", "record", "field"):
        if getattr(row, name) is not None:
            doc[name] = getattr(row, name)
    return doc


# What a plan knows of each cited source: an article's text, or the kind of a source that
# has none.
Holding = str | SourceKind


def holding_kind(holding: Holding) -> SourceKind:
    return holding if isinstance(holding, SourceKind) else SourceKind.ARTICLE


def holding_fault(holding: Holding | None, item: EvidenceItem) -> str | None:
    """Why the item does not hold against its source (unknown, wrong kind, other text)."""
    if holding is None:
        return f"evidence cites unknown source {item.source!r}"
    fault = source_fault(item, holding_kind(holding))
    if fault is not None:
        return f"kind: {fault}"
    if item.kind is EvidenceKind.EXCERPT and not isinstance(holding, SourceKind):
        found = holding[item.start : item.end]
        if found != item.excerpt:
            return (
                f"excerpt {item.excerpt!r} does not match {item.source}"
                f"[{item.start}:{item.end}], which reads {found!r}"
            )
    return None


def evidence_order(row: Evidence) -> tuple[Any, ...]:
    """A stable order of a record's evidence, whatever columns its kinds fill."""
    return (
        row.source_id,
        row.start_offset if row.start_offset is not None else -1,
        row.end_offset if row.end_offset is not None else -1,
        row.sentence if row.sentence is not None else -1,
        row.record or "",
        row.field or "",
    )
