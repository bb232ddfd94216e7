"""Writing claims (sourced values with rank) and standalone evidence."""

import json
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from app.attributes.declarations import attribute_adapters
from app.attributes.values import refresh
from app.core.evidence import evidence_doc, evidence_id, evidence_row
from app.core.properties import field_properties, plain, set_time
from app.core.registry import registry
from app.core.text import stable_id
from app.core.timespec import TimeSpec
from app.core.vocab import Rank
from app.core.write_spec import WriteSpec, no_dependents
from app.curation.errors import Unprocessable
from app.curation.excerpts import evidence_of, locate, replace_evidence
from app.models import Claim, Evidence
from app.provenance.schemas import ClaimWrite, EvidenceWrite


def _subject(session: Session, subject_type: str, subject_id: str) -> Any:
    if subject_type not in registry():
        raise Unprocessable("body.subject_type", f"unknown record type {subject_type!r}")
    row = session.get(registry().get(subject_type).table, subject_id)
    if row is None:
        raise Unprocessable("body.subject_id", f"no {subject_type} with id {subject_id!r}")
    return row


def _value(data: ClaimWrite) -> Any:
    adapters = {**field_properties(data.subject_type), **attribute_adapters(data.subject_type)}
    adapter = adapters.get(data.property)
    if adapter is None:
        return data.value
    try:
        value = adapter.validate_python(data.value)
    except ValidationError as exc:
        raise Unprocessable("body.value", exc.errors()[0]["msg"]) from exc
    return plain(value)


def _show(subject: Any, prop: str, value: Any) -> None:
    """A preferred claim is what the record's field shows."""
    if prop in ("occurred", "announced"):
        set_time(subject, prop, TimeSpec.model_validate(value))
    elif prop in ("start", "end"):
        spec = TimeSpec.model_validate(value)
        setattr(subject, prop, value)
        bound = "valid_from" if prop == "start" else "valid_until"
        setattr(subject, bound, spec.bounds()[0 if prop == "start" else 1])
    elif prop == "published":
        subject.published = value
        subject.published_start, subject.published_end = TimeSpec.model_validate(value).bounds()
    else:
        setattr(subject, prop, value)


def _claim(session: Session, row: Claim | None, data: ClaimWrite, record_id: str) -> Claim:
    subject = _subject(session, data.subject_type, data.subject_id)
    value = _value(data)
    row = row or Claim(
        id=record_id,
        subject_type=data.subject_type,
        subject_id=data.subject_id,
        property=data.property,
        value=value,
    )
    row.subject_type, row.subject_id, row.property = (
        data.subject_type,
        data.subject_id,
        data.property,
    )
    row.value, row.rank, row.note = value, data.rank.value, data.note
    row.disagreement = data.disagreement and data.disagreement.value
    session.add(row)
    session.flush()
    replace_evidence(session, ("claim", record_id), data.evidence)
    if data.rank is Rank.PREFERRED:
        _demote_others(session, row)
        if data.property in field_properties(data.subject_type):
            _show(subject, data.property, value)
            session.add(subject)
            session.flush()
    refresh(session.connection(), [(data.subject_type, data.subject_id)])
    return row


def _demote_others(session: Session, row: Claim) -> None:
    others = session.exec(
        select(Claim).where(
            col(Claim.subject_type) == row.subject_type,
            col(Claim.subject_id) == row.subject_id,
            col(Claim.property) == row.property,
            col(Claim.rank) == Rank.PREFERRED.value,
            col(Claim.id) != row.id,
        )
    )
    for other in others:
        other.rank = Rank.NORMAL.value
        session.add(other)
    session.flush()


def _claim_snapshot(session: Session, row: Claim) -> dict[str, Any]:
    return {
        "id": row.id,
        "subject_type": row.subject_type,
        "subject_id": row.subject_id,
        "property": row.property,
        "value": row.value,
        "rank": row.rank,
        "note": row.note,
        "disagreement": row.disagreement,
        "evidence": evidence_of(session, ("claim", row.id)),
    }


def _claim_id(session: Session, data: ClaimWrite) -> str:
    key = json.dumps(data.value, sort_keys=True, ensure_ascii=False)
    return stable_id("clm", data.subject_type, data.subject_id, data.property, key)


CLAIMS = WriteSpec(
    "claim", Claim, ClaimWrite, _claim, _claim_snapshot, no_dependents, new_id=_claim_id
)


def _evidence(
    session: Session, row: Evidence | None, data: EvidenceWrite, record_id: str
) -> Evidence:
    _subject(session, data.subject_type, data.subject_id)
    start, end = locate(session, data, "body")
    located = data.model_copy(update={"start": start, "end": end})
    fresh = evidence_row((data.subject_type, data.subject_id), located, id=record_id)
    if row is None:
        row = fresh
    for name in _EVIDENCE_COLUMNS:
        setattr(row, name, getattr(fresh, name))
    session.add(row)
    session.flush()
    return row


_EVIDENCE_COLUMNS = (
    "subject_type",
    "subject_id",
    "source_id",
    "kind",
    "excerpt",
    "start_offset",
    "end_offset",
    "sentence",
    "record",
    "field",
)


def _evidence_snapshot(session: Session, row: Evidence) -> dict[str, Any]:
    return {
        "id": row.id,
        "subject_type": row.subject_type,
        "subject_id": row.subject_id,
        **evidence_doc(row),
    }


def _evidence_id(session: Session, data: EvidenceWrite) -> str:
    start, end = locate(session, data, "body")
    located = data.model_copy(update={"start": start, "end": end})
    return evidence_id((data.subject_type, data.subject_id), located)


EVIDENCE = WriteSpec(
    "evidence",
    Evidence,
    EvidenceWrite,
    _evidence,
    _evidence_snapshot,
    no_dependents,
    new_id=_evidence_id,
)
