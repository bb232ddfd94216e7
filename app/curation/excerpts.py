"""Evidence given in a write: checked against its source's text, offsets found if absent."""

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, delete, select

from app.core.records import RecordKey
from app.core.text import stable_id
from app.curation.errors import Unprocessable
from app.curation.schemas import ExcerptWrite
from app.models import Evidence, Source

MAX_LISTED = 5
R = TypeVar("R", bound=SQLModel)


def locate(session: Session, item: ExcerptWrite, field: str) -> tuple[int, int]:
    """Where the excerpt stands in its source: the given offsets, checked, or found."""
    source = session.get(Source, item.source)
    if source is None:
        raise Unprocessable(f"{field}.source", f"no source {item.source!r}")
    if item.start is not None or item.end is not None:
        start = item.start if item.start is not None else (item.end or 0) - len(item.excerpt)
        end = item.end if item.end is not None else start + len(item.excerpt)
        if source.text[start:end] != item.excerpt:
            raise Unprocessable(
                f"{field}.excerpt",
                f"the source reads {source.text[start:end]!r} at [{start}:{end}]",
            )
        return start, end
    found = _occurrences(source.text, item.excerpt)
    if not found:
        raise Unprocessable(f"{field}.excerpt", f"not found in source {item.source!r}")
    if len(found) > 1:
        raise Unprocessable(
            f"{field}.excerpt", f"occurs more than once; give start, one of {found[:MAX_LISTED]}"
        )
    return found[0], found[0] + len(item.excerpt)


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
    return Evidence(
        id=stable_id("evd", *subject, item.source, start, end),
        subject_type=subject[0],
        subject_id=subject[1],
        source_id=item.source,
        excerpt=item.excerpt,
        start_offset=start,
        end_offset=end,
    )


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
        .order_by(col(Evidence.source_id), col(Evidence.start_offset))
    )
    return [
        {"source": e.source_id, "excerpt": e.excerpt, "start": e.start_offset, "end": e.end_offset}
        for e in rows
    ]
