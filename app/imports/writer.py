"""Comparing a batch of planned records with what is stored, and writing the difference.

Planned rows are plain data (`Row`), compared with stored rows read through Core, and go out
through SQLAlchemy Core, a table at a time in one executemany each (inserts and updates
alike, as one upsert), history entries too: no unit of work per row. Only the rows an
updated record no longer has are deleted through the session, with their version check.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

import orjson
from sqlmodel import Session, SQLModel

from app.imports.export import assemble
from app.imports.reader import Entry
from app.imports.repository import (
    Bundle,
    RowKey,
    chunks,
    instance_key,
    load_bundle,
    row_key,
    stored_rows,
    table_name,
)
from app.imports.schemas import kinds, main_table, table_order
from app.imports.upsert import insert_many, upsert
from app.models import Change
from app.models.base import Timestamped
from app.seeding.plan import Owner, Plan
from app.seeding.rows import Row

Status = Literal["inserted", "updated", "unchanged"]
_ROWS_PER_STATEMENT = 2000
# History snapshots may come encoded already, each in one call, not by the column's type.
_ENCODED = frozenset({"before", "after"})


@dataclass
class RecordDiff:
    """How one input record differs from what is stored under its id."""

    entry: Entry
    owner: Owner
    status: Status
    new: list[Row] = field(default_factory=list)
    changed: list[Row] = field(default_factory=list)
    stale: list[SQLModel] = field(default_factory=list)  # stored rows, to delete
    before: dict[str, Any] | None = None


class History(Protocol):
    """The history entries (rows of `change`) a write of these records adds."""

    def changes(
        self,
        session: Session,
        diffs: Sequence[RecordDiff],
        written: Sequence[tuple[str, Row]],
        now: datetime,
    ) -> list[dict[str, Any]]:
        """`diffs`: the records inserted or updated; `written`: their rows (plain data:
        `Row.model`, `Row.key`, `Row.values`), "create" or "update" each, parents first.
        `before` and `after` are dictionaries or their JSON text."""
        ...


def compare(session: Session, entries: Sequence[Entry], plan: Plan) -> list[RecordDiff]:
    """What writing these records of the plan would change, record by record."""
    rows = [row for e in entries for row in plan.rows_by_owner[_owner(e)]]
    stored = stored_rows(session, rows)
    bundles = _bundles(session, [_owner(e) for e in entries], stored)
    # Only an update can leave stored rows out: a batch of new records needs no key set.
    planned = {row_key(row) for row in rows} if bundles else set()
    return [
        _diff(e, plan.rows_by_owner[_owner(e)], stored, planned, bundles.get(_owner(e)))
        for e in entries
    ]


def _owner(entry: Entry) -> Owner:
    owner = entry.owner
    if owner is None:  # a record without kind or id was rejected before this point
        raise ValueError(f"record at line {entry.line} has no id")
    return owner


def _main_key(owner: Owner) -> RowKey:
    return (table_name(main_table(owner[0])), (owner[1],))


def _bundles(
    session: Session, owners: list[Owner], stored: dict[RowKey, dict[str, Any]]
) -> dict[Owner, Bundle]:
    """The stored rows of every record that exists already, read in batches."""
    existing: dict[str, list[str]] = defaultdict(list)
    for owner in owners:
        if _main_key(owner) in stored:
            existing[owner[0]].append(owner[1])
    bundles: dict[Owner, Bundle] = {}
    for kind in kinds():
        for ids in chunks(existing[kind]):
            bundle = load_bundle(session, kind, ids)
            bundles.update(((kind, record_id), bundle) for record_id in ids)
    return bundles


def _diff(
    entry: Entry,
    rows: list[Row],
    stored: dict[RowKey, dict[str, Any]],
    planned: set[RowKey],
    bundle: Bundle | None,
) -> RecordDiff:
    owner = _owner(entry)
    diff = RecordDiff(entry, owner, "unchanged")
    if not stored:  # none of the batch's rows is stored (a fresh load): all are new
        diff.new = list(rows)
    for row in rows if stored else ():
        # Rows of a new record may be stored already too: a quote moving between events.
        existing = stored.get(row_key(row))
        if existing is None:
            diff.new.append(row)
        elif existing != row.data():
            diff.changed.append(row)
    if bundle is None or _main_key(owner) not in stored:
        diff.status = "inserted"
        return diff
    diff.stale = [r for r in bundle.owned_rows(owner[1]) if instance_key(r) not in planned]
    if diff.new or diff.changed or diff.stale:
        diff.status = "updated"
        diff.before = assemble(bundle, owner[1])
    return diff


def write(
    session: Session, plan: Plan, diffs: Sequence[RecordDiff], history: History, now: datetime
) -> int:
    """Apply the differences: deletions, then table by table (parents first) the upserts,
    then the history. Flushes only; the caller commits. The number of rows written."""
    order = table_order()
    stale = [row for diff in diffs for row in diff.stale]
    if stale:  # an update dropping rows; a fresh load has none, and no session work
        for gone in sorted(stale, key=lambda r: -order.index(type(r))):
            session.delete(gone)
        session.flush()
    # By object, not primary key: cheaper than building every key again.
    action = {id(row): "create" for diff in diffs for row in diff.new}
    action.update((id(row), "update") for diff in diffs for row in diff.changed)
    by_table: dict[type[SQLModel], list[Row]] = defaultdict(list)
    # Plan order, not input order: it puts a place after the place it is part of.
    for row in plan.rows:
        if id(row) in action:
            by_table[row.model].append(row)
    connection = session.connection()
    for model in order:
        table = model.__table__  # type: ignore[attr-defined]
        stamps = _stamps(model, now)
        for batch in chunks(by_table[model], _ROWS_PER_STATEMENT):
            upsert(connection, table, [row.values for row in batch], stamps)
    if stale or any(d.changed for d in diffs):
        session.expire_all()  # the session's copies of updated rows are stale now
    written = [(action[id(row)], row) for model in order for row in by_table[model]]
    touched = [d for d in diffs if d.status != "unchanged"]
    changes = history.changes(session, touched, written, now)
    for batch in chunks(changes, _ROWS_PER_STATEMENT):
        insert_many(connection, Change.__table__, batch, _ENCODED)  # type: ignore[attr-defined]
    return len(action) + len(stale)


def _stamps(model: type[SQLModel], now: datetime) -> dict[str, Any]:
    """The bookkeeping columns a written row of `model` gets (one time for the batch)."""
    if issubclass(model, Timestamped):
        return {"created_at": now, "updated_at": now, "version": 1}
    return {}


@dataclass(frozen=True)
class ImportHistory:
    """One `import` change per record inserted or updated, with the record as given."""

    key_id: str | None
    reason: str | None

    def changes(
        self,
        session: Session,
        diffs: Sequence[RecordDiff],
        written: Sequence[tuple[str, Row]],
        now: datetime,
    ) -> list[dict[str, Any]]:
        return [
            {
                "record_type": diff.owner[0],
                "record_id": diff.owner[1],
                "action": "import",
                "at": now,
                "key_id": self.key_id,
                "reason": self.reason,
                "before": None if diff.before is None else orjson.dumps(diff.before).decode(),
                "after": _as_given(diff.entry),
            }
            for diff in diffs
        ]


def _as_given(entry: Entry) -> str:
    """The record as given, as JSON text: the same value `model_dump(mode="json")` then
    `json.dumps` gives (every reader parses it), in one serializer call, half the time."""
    if entry.model is None:  # never: a record without a model was rejected
        raise ValueError(f"record at line {entry.line} has no model")
    return entry.model.model_dump_json(exclude_unset=True)
