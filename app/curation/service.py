"""Create, replace, patch, delete and restore any record type, with history and ETags.

Every function works in the caller's session; the request's unit of work commits it all
at once, or nothing (a failure anywhere rolls back every row and the history entry).
"""

from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, col, select

from app.attributes.values import refresh
from app.core.errors import InvalidParam, NotFound
from app.core.records import RecordKey, a_record, href, record_etag
from app.core.registry import registry
from app.core.write_spec import WriteSpec
from app.curation.batch import write_document
from app.curation.errors import Conflict, PreconditionFailed, PreconditionRequired, Unprocessable
from app.history.service import record_change
from app.models import Change, Claim, Evidence
from app.models.base import utcnow


def read(session: Session, record_type: str, row: Any) -> BaseModel:
    """The record as GET shows it."""
    shown: BaseModel = (
        registry().resource(registry().get(record_type).collection).convert(session, [row])[0]
    )
    return shown


def check_if_match(
    session: Session, record_type: str, row: Any, if_match: str | None, required: bool
) -> None:
    """RFC 9110 §13.1.1: a write based on a stale representation fails with 412."""
    if if_match is None:
        if required:
            raise PreconditionRequired("Send If-Match with the ETag of the record you changed.")
        return
    current = record_etag(read(session, record_type, row))
    tags = {t.strip() for t in if_match.split(",")}
    if "*" not in tags and current not in tags:
        raise PreconditionFailed(
            "The record changed since that ETag; fetch it and retry.", extensions={"etag": current}
        )


def create(
    session: Session,
    spec: WriteSpec,
    data: Any,
    *,
    key_id: str | None,
    reason: str | None,
    action: str = "create",
) -> Any:
    """A new record from `data`; its id is taken from the data or derived."""
    record_id = data.id or spec.new_id(session, data)
    if session.get(spec.table, record_id) is not None:
        raise Conflict(
            f"There is already {a_record(spec.record_type)} with id {record_id!r}.",
            extensions={
                "existing": {
                    "type": spec.record_type,
                    "id": record_id,
                    "href": href(spec.record_type, record_id),
                }
            },
        )
    if spec.apply is None:
        return write_document(
            session, spec, data, record_id, action=action, key_id=key_id, reason=reason
        )
    row = spec.apply(session, None, data, record_id)
    record_change(
        session,
        record_type=spec.record_type,
        record_id=record_id,
        action=action,
        before=None,
        after=spec.snapshot(session, row),
        key_id=key_id,
        reason=reason,
    )
    return row


def replace(
    session: Session,
    spec: WriteSpec,
    row: Any,
    data: Any,
    *,
    key_id: str | None,
    reason: str | None,
) -> Any:
    """The record made exactly `data` (PUT); a changed id in the body is refused."""
    if data.id is not None and data.id != row.id:
        raise Unprocessable("body.id", f"the id is {row.id!r}; ids never change")
    if spec.apply is None:
        return write_document(
            session, spec, data, row.id, action="update", key_id=key_id, reason=reason
        )
    before = spec.snapshot(session, row)
    row = spec.apply(session, row, data, row.id)
    row.updated_at = utcnow()  # also bumps the version, even when only owned rows changed
    session.add(row)
    session.flush()  # a stale version raises StaleDataError: 412
    after = spec.snapshot(session, row)
    if after != before:
        record_change(
            session,
            record_type=spec.record_type,
            record_id=row.id,
            action="update",
            before=before,
            after=after,
            key_id=key_id,
            reason=reason,
        )
    return row


def patch(
    session: Session,
    spec: WriteSpec,
    row: Any,
    changes: Any,
    *,
    key_id: str | None,
    reason: str | None,
) -> Any:
    """RFC 7396 JSON Merge Patch of the record's written form, validated like a PUT."""
    if not isinstance(changes, dict):
        raise Unprocessable("body", "a merge patch is a JSON object")
    merged = merge_patch(spec.snapshot(session, row), changes)
    try:
        data = spec.model.model_validate(merged)
    except ValidationError as exc:
        params = [
            InvalidParam(name=".".join(["body", *map(str, e["loc"])]), reason=e["msg"])
            for e in exc.errors()
        ]
        raise Unprocessable(params[0].name, params[0].reason) from exc
    return replace(session, spec, row, data, key_id=key_id, reason=reason)


def merge_patch(target: Any, changes: Any) -> Any:
    """The merge of `changes` into `target`, exactly as RFC 7396 §2 defines it."""
    if not isinstance(changes, dict):
        return changes
    result = dict(target) if isinstance(target, dict) else {}
    for name, value in changes.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = merge_patch(result.get(name), value)
    return result


def delete(
    session: Session,
    spec: WriteSpec,
    row: Any,
    *,
    cascade: bool,
    key_id: str | None,
    reason: str | None,
) -> list[RecordKey]:
    """Remove the record (and, with `cascade`, what depends on it); returns what went."""
    dependents = [d for d in spec.dependents(session, row) if d != (spec.record_type, row.id)]
    if dependents and not cascade:
        raise Conflict(
            f"{len(dependents)} records depend on this {spec.record_type}; delete "
            "them first or ask for cascade=true.",
            extensions={"dependents": [_ref(d) for d in dependents]},
        )
    removed: list[RecordKey] = []
    for record_type, record_id in dependents:
        other = session.get(registry().write(record_type).table, record_id)
        if other is not None:  # an earlier cascade may have taken it already
            removed += delete(
                session,
                registry().write(record_type),
                other,
                cascade=True,
                key_id=key_id,
                reason=reason,
            )
    return removed + _remove(session, spec, row, key_id=key_id, reason=reason)


def _remove(
    session: Session, spec: WriteSpec, row: Any, *, key_id: str | None, reason: str | None
) -> list[RecordKey]:
    removed: list[RecordKey] = []
    for claim in session.exec(
        select(Claim).where(
            col(Claim.subject_type) == spec.record_type, col(Claim.subject_id) == row.id
        )
    ):
        removed += _remove(session, registry().write("claim"), claim, key_id=key_id, reason=reason)
    before = spec.snapshot(session, row)
    spec.cleanup(session, row)
    for evidence in session.exec(
        select(Evidence).where(
            col(Evidence.subject_type) == spec.record_type, col(Evidence.subject_id) == row.id
        )
    ):
        session.delete(evidence)
    session.delete(row)
    session.flush()  # a stale version raises StaleDataError: 412
    if isinstance(row, Claim):  # the value its subject shows may change with it
        refresh(session.connection(), [(row.subject_type, row.subject_id)])
    record_change(
        session,
        record_type=spec.record_type,
        record_id=row.id,
        action="delete",
        before=before,
        after=None,
        key_id=key_id,
        reason=reason,
    )
    return [*removed, (spec.record_type, row.id)]


def restore(
    session: Session, spec: WriteSpec, record_id: str, *, key_id: str | None, reason: str | None
) -> Any:
    """Bring a deleted record back from the snapshot its deletion recorded."""
    last = session.exec(
        select(Change)
        .where(
            col(Change.record_type) == spec.record_type,
            col(Change.record_id) == record_id,
        )
        .order_by(col(Change.id).desc())
    ).first()
    if last is None:
        raise NotFound(f"No {spec.record_type} {record_id!r} has ever been recorded.")
    if last.action != "delete" or last.before is None:
        raise Conflict(f"The {spec.record_type} {record_id!r} is not deleted.")
    try:
        data = spec.model.model_validate(last.before)
    except ValidationError as exc:
        raise Conflict(
            f"The recorded {spec.record_type} no longer validates: {exc.errors()[0]['msg']}"
        ) from exc
    try:
        return create(session, spec, data, key_id=key_id, reason=reason, action="restore")
    except Unprocessable as exc:
        raise Conflict(f"Cannot restore: {exc.detail} (restore what it refers to first).") from exc


def _ref(key: RecordKey) -> dict[str, str]:
    return {"type": key[0], "id": key[1], "href": href(*key)}
