"""Evidence given in a write: checked against its source, excerpt offsets found if absent."""

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, delete, select

from app.core.records import RecordKey
from app.core.vocab import EvidenceKind, SourceKind
from app.curation.errors import Unprocessable
from app.curation.schemas import ExcerptWrite
from app.models import Evidence, Source
from app.provenance.kinds import evidence_doc, evidence_row, shape_fault, source_fault

MAX_LISTED = 5
R = TypeVar("R", bound=SQLModel)


def locate(session: Session, item: ExcerptWrite, field: str) -> tuple[int | None, int | None]:
    """Check the item against its source; an excerpt's offsets: as given, checked, or found."""
    fault = shape_fault(item, offsets_required=False)
    if fault is not None:
        raise Unprocessable(f"{field}.{fault[0]}", fault[1])
    source = session.get(Source, item.source)
    if source is None:
        raise Unprocessable(f"{field}.source", f"no source {item.source!r}")
    kind_fault = source_fault(item, SourceKind(source.kind))
    if kind_fault is not None:
        raise Unprocessable(f"{field}.kind", kind_fault)
    if item.kind is not EvidenceKind.EXCERPT or source.text is None:
        return item.start, item.end
    return _excerpt_offsets(source.text, item, field)


def _excerpt_offsets(text: str, item: ExcerptWrite, field: str) -> tuple[int, int]:
    excerpt = item.excerpt or ""
    if item.start is not None or item.end is not None:
        start = item.start if item.start is not None else (item.end or 0) - len(excerpt)
        end = item.end if item.end is not None else start + len(excerpt)
        if text[start:end] != excerpt:
            raise Unprocessable(
                f"{field}.excerpt", f"the source reads {text[start:end]!r} at [{start}:{end}]"
            )
        return start, end
    found = _occurrences(text, excerpt)
    if not found:
        raise Unprocessable(f"{field}.excerpt", f"not found in source {item.source!r}")
    if len(found) > 1:
        raise Unprocessable(
            f"{field}.excerpt", f"occurs more than once; give start, one of {found[:MAX_LISTED]}"
        )
    return found[0], found[0] + len(excerpt)


def _occurrences(text: str, excerpt: str) -> list[int]:
    positions, at = [], text.find(excerpt)
    while at != -1:
        positions.append(at)
        at = text.find(excerpt, at + 1)
    return positions


def store(session: Session, row: R, subject: RecordKey, items: Sequence[ExcerptWrite]) -> R:
    """Write the record's row, then make `items` its own evidence; returns the row."""
    session.add(row)
    session.flush()
    replace_evidence(session, subject, items)
    return row


def replace_evidence(
    session: Session,
    subject: RecordKey,
    items: Sequence[ExcerptWrite],
    field: str = "body.evidence",
) -> None:
    """Make `items` the record's own evidence, replacing what it had."""
    rows = [_row(session, subject, item, f"{field}[{i}]") for i, item in enumerate(items)]
    drop_evidence(session, subject)
    session.add_all(rows)
    session.flush()


def _row(session: Session, subject: RecordKey, item: ExcerptWrite, field: str) -> Evidence:
    start, end = locate(session, item, field)
    located = item.model_copy(update={"start": start, "end": end})
    return evidence_row(subject, located)


def drop_evidence(session: Session, subject: RecordKey) -> None:
    session.execute(
        delete(Evidence).where(
            col(Evidence.subject_type) == subject[0], col(Evidence.subject_id) == subject[1]
        )
    )


def evidence_of(session: Session, subject: RecordKey) -> list[dict[str, Any]]:
    """The record's own evidence in write shape, in a stable order."""
    rows = session.exec(
        select(Evidence)
        .where(col(Evidence.subject_type) == subject[0], col(Evidence.subject_id) == subject[1])
        .order_by(col(Evidence.source_id), col(Evidence.start_offset), col(Evidence.id))
    )
    return [evidence_doc(e) for e in rows]
