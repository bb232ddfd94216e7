"""An import never silently undoes a curator's change: curated records are kept, and
every value the import would have changed is reported.

The rule, read from the history: a stored record is *curated* when its latest change was
made through the write API (an entry with an API key that is not an import: a create,
update, restore or merge) — a curator changed it after it was last imported or seeded. An
import that would update a curated record leaves it as stored (its row, names, claims,
evidence and the rest) and lists, per top-level field of the record's document, the stored
and the incoming value. Nothing is written for it, so no import entry is added and the
record stays curated: importing the same file again reports the same values, and changes
nothing. A curator who wants the file's value writes it through the API.

The history is read only for records an import would update (none on a fresh load), with
one query per batch.
"""

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, tuple_
from sqlmodel import Session, col, select

from app.imports.repository import chunks
from app.imports.schemas import CuratedValue, record_models
from app.imports.writer import RecordDiff
from app.models import Change
from app.seeding.plan import Owner
from app.seeding.schema import IMPORT_CONTEXT


def keep_curated(session: Session, diffs: Sequence[RecordDiff]) -> list[CuratedValue]:
    """Turn every update of a curated record into no change; the values kept."""
    updates = [diff for diff in diffs if diff.status == "updated"]
    if not updates:
        return []
    curated = curated_records(session, [diff.owner for diff in updates])
    kept: list[CuratedValue] = []
    for diff in updates:
        if diff.owner in curated:
            kept += _differences(diff)
            diff.status, diff.new, diff.changed, diff.stale = "unchanged", [], [], []
            diff.before = None
    return kept


def curated_records(session: Session, owners: Sequence[Owner]) -> set[Owner]:
    """Those of these records whose latest change came through the write API."""
    found: set[Owner] = set()
    pair = tuple_(col(Change.record_type), col(Change.record_id))
    for batch in chunks(sorted(set(owners))):
        latest = (
            select(func.max(Change.id))
            .where(pair.in_(batch))
            .group_by(col(Change.record_type), col(Change.record_id))
        )
        statement = select(Change.record_type, Change.record_id).where(
            col(Change.id).in_(latest),
            col(Change.action) != "import",
            col(Change.key_id).is_not(None),
        )
        found.update((kind, record_id) for kind, record_id in session.exec(statement))
    return found


def _differences(diff: RecordDiff) -> list[CuratedValue]:
    """The document fields whose stored and incoming values differ (order aside)."""
    kind, record_id = diff.owner
    incoming = diff.entry.model.model_dump(mode="json") if diff.entry.model else {}
    stored = _as_document(kind, diff.before or {})
    return [
        CuratedValue(record=kind, id=record_id, field=name, stored=stored.get(name), incoming=value)
        for name, value in incoming.items()
        if _canonical(stored.get(name)) != _canonical(value)
    ]


def _as_document(kind: str, assembled: dict[str, Any]) -> dict[str, Any]:
    """The stored record as the input's model dumps it, defaults filled alike."""
    try:
        model = record_models()[kind].model_validate(assembled, context=IMPORT_CONTEXT)
    except ValidationError:  # a curated state the format cannot hold: compare it as it is
        return dict(json.loads(json.dumps(assembled, default=str)))
    return model.model_dump(mode="json")


def _canonical(value: Any) -> str:
    """A value's text with every list sorted: the input's order is no change."""
    return json.dumps(_sorted(value), sort_keys=True, ensure_ascii=False)


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_sorted(item) for item in value), key=_canonical)
    return value
