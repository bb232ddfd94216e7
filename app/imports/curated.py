"""An import never silently undoes a curator's change: curated records are kept, and
every value the import would have changed is reported.

The rule, read from the history: a stored record is *curated* when, of the history entries
of the record and of the rows the import would add, change or delete under it that are
records of their own (a participation, a quote, a name, a claim, evidence), the latest was
made through the write API (with a key, and not an import: a create, update, restore,
delete or merge) — a curator changed it after it was last imported or seeded. An import
that would update a curated record leaves it as stored (its row, names, claims, evidence
and the rest) and lists, per top-level field of the record's document, the stored and the
incoming value. Nothing is written for it, so no import entry is added and the record
stays curated: importing the same file again reports the same values, and changes
nothing. A curator who wants the file's value writes it through the API.

The history is read only for records an import would update (none on a fresh load), with
one query per batch (and 200 records).
"""

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, tuple_
from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel

from app.core.registry import registry
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
    touched = {id(diff): _touched(diff) for diff in updates}
    latest = latest_changes(session, {ref for refs in touched.values() for ref in refs})
    kept: list[CuratedValue] = []
    for diff in updates:
        found = [latest[ref] for ref in touched[id(diff)] if ref in latest]
        if found and max(found)[1]:  # the latest of them came through the write API
            kept += _differences(diff)
            diff.status, diff.new, diff.changed, diff.stale = "unchanged", [], [], []
            diff.before = None
    return kept


def _touched(diff: RecordDiff) -> set[Owner]:
    """The record and each of its rows the import would add, change or delete that is a
    record type of its own (a participation, a quote, a name, a claim, a piece of
    evidence): the write API records a change to one of those under its own id."""
    types = _record_types()
    refs = {diff.owner}
    for row in [*diff.new, *diff.changed]:
        if row.model in types and "id" in row.values:
            refs.add((types[row.model], str(row.values["id"])))
    for stored in diff.stale:
        if type(stored) in types:
            refs.add((types[type(stored)], str(getattr(stored, "id", ""))))
    return refs


def _record_types() -> dict[type[SQLModel], str]:
    return {record_type.table: record_type.name for record_type in registry()}


def latest_changes(session: Session, refs: set[Owner]) -> dict[Owner, tuple[int, bool]]:
    """The latest change to each of these records that has any: its id, and whether it was
    a write through the API (not an import, and made with a key; a seed has none)."""
    found: dict[Owner, tuple[int, bool]] = {}
    table = Change.__table__  # type: ignore[attr-defined]
    kind, record_id = table.c.record_type, table.c.record_id
    columns = (kind, record_id, table.c.id, table.c.action, table.c.key_id)
    for batch in chunks(sorted(refs)):
        where = tuple_(kind, record_id).in_(batch)
        latest = core_select(func.max(table.c.id)).where(where).group_by(kind, record_id)
        statement = core_select(*columns).where(table.c.id.in_(latest))
        for ref_kind, ref_id, change_id, action, key_id in session.connection().execute(statement):
            found[(ref_kind, ref_id)] = (int(change_id), action != "import" and bool(key_id))
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
