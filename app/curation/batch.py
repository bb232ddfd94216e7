"""A single API write as a batch of one: the record's document through the import's path.

The body is the type's written form; its excerpts are located in their sources (offsets
found when omitted), it is laid over the record's stored document (so what the write form
does not carry, a relationship's claims, stays as it is), and the result goes through
`import_entries` like one line of an NDJSON import: the same checks, the same rows, the
same upserts. Only the history differs: the API's change entry (create, update or restore,
with the before and after snapshots) instead of the import's.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from app.core.registry import registry
from app.core.write_spec import WriteSpec
from app.curation.errors import Unprocessable
from app.curation.excerpts import locate
from app.curation.schemas import ExcerptWrite
from app.imports.export import assemble
from app.imports.reader import Entry
from app.imports.repository import load_bundle
from app.imports.schemas import main_table, record_models
from app.imports.service import import_entries
from app.models.base import utcnow
from app.seeding.rows import Row
from app.seeding.schema import IMPORT_CONTEXT


@dataclass(frozen=True)
class ApiHistory:
    """The write API's change entry for the one record written, if it changed."""

    spec: WriteSpec
    action: str
    before: dict[str, Any] | None
    key_id: str | None
    reason: str | None

    def changes(
        self,
        session: Session,
        diffs: Sequence[Any],
        written: Sequence[tuple[str, Row]],
        now: datetime,
    ) -> list[dict[str, Any]]:
        entries = []
        for diff in diffs:
            row = session.get(self.spec.table, diff.owner[1])
            entries.append(
                {
                    "record_type": self.spec.record_type,
                    "record_id": diff.owner[1],
                    "action": self.action,
                    "at": now,
                    "key_id": self.key_id,
                    "reason": self.reason,
                    "before": self.before,
                    "after": self.spec.snapshot(session, row),
                }
            )
        return entries


def write_document(
    session: Session,
    spec: WriteSpec,
    data: BaseModel,
    record_id: str,
    *,
    action: str,
    key_id: str | None,
    reason: str | None,
) -> Any:
    """Write `data` as record `record_id` through the import's batch path; returns its row."""
    spec.check(session, data, record_id)
    row = session.get(spec.table, record_id)
    before = None
    if row is not None:
        before = spec.snapshot(session, row)
        # Claim the row first, checking the version read (StaleDataError: 412): of two
        # writes based on one version, the second fails, as the ORM's UPDATE would.
        row.updated_at = utcnow()
        session.add(row)
        session.flush()
    document = {
        **_stored(session, spec.record_type, record_id),
        **_written(session, spec.written(data)),
    }
    entry = Entry(line=None, pointer="/body", kind=spec.record_type, id=record_id)
    entry.model = _model(spec.record_type, record_id, document)
    history = ApiHistory(spec, action, before, key_id, reason)
    report = import_entries(
        session,
        [entry],
        dry_run=False,
        key_id=key_id,
        reason=reason,
        history=history,
        keep_curated=False,
    )
    if report.rejected:
        raise Unprocessable("body", "; ".join(r for x in report.rejected for r in x.reasons))
    return session.get(spec.table, record_id)


def _stored(session: Session, kind: str, record_id: str) -> dict[str, Any]:
    if session.get(main_table(kind), record_id) is None:
        return {}
    return assemble(load_bundle(session, kind, [record_id]), record_id)


def _written(session: Session, data: BaseModel) -> dict[str, Any]:
    """The body as a document: every excerpt with its offsets, located and checked."""
    located: dict[str, Any] = _located(session, data, "body")
    return located


def _located(session: Session, value: Any, where: str) -> Any:
    if isinstance(value, ExcerptWrite):
        start, end = locate(session, value, where)
        item = {**value.model_dump(mode="json", exclude_none=True), "start": start, "end": end}
        return {name: v for name, v in item.items() if v is not None}
    if isinstance(value, BaseModel):
        dumped = value.model_dump(mode="json")
        return {
            name: _located(session, getattr(value, name), f"{where}.{name}")
            if isinstance(getattr(value, name), BaseModel | list)
            else dumped[name]
            for name in type(value).model_fields
        }
    if isinstance(value, list):
        return [_located(session, item, f"{where}[{i}]") for i, item in enumerate(value)]
    return value


def _model(kind: str, record_id: str, document: dict[str, Any]) -> BaseModel:
    """The document validated, under `record_id` (left out where the format derives it)."""
    model = record_models()[kind]
    try:
        return model.model_validate({**document, "id": record_id}, context=IMPORT_CONTEXT)
    except ValidationError as exc:
        bare = _derived(kind, record_id, {k: v for k, v in document.items() if k != "id"})
        if bare is not None:
            return bare
        error = exc.errors()[0]
        raise Unprocessable(".".join(["body", *map(str, error["loc"])]), error["msg"]) from exc


def _derived(kind: str, record_id: str, document: dict[str, Any]) -> BaseModel | None:
    """The document without its id, if the format derives `record_id` from the rest (a
    relationship's "subject--type--object" is no slug)."""
    try:
        bare = record_models()[kind].model_validate(document, context=IMPORT_CONTEXT)
    except ValidationError:
        return None
    return bare if registry().document(kind).record_id(bare) == record_id else None
