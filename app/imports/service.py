"""Import: check every record, then load them all in the caller's transaction, or nothing.

A record in the input replaces the stored record of that id: its row, names, identifiers,
claims, evidence, participants, links and quotes become those given (rows it no longer
has are deleted), so importing an edited export makes the database say what the file says.
Records the input does not mention are left alone. Services flush; the caller commits.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from app.core.errors import BadParameter, DomainError, InvalidParam
from app.history.service import record_change
from app.imports.checks import Checked, check_entries, where
from app.imports.export import assemble
from app.imports.reader import Entry
from app.imports.repository import (
    Bundle,
    RowKey,
    chunks,
    load_bundle,
    row_key,
    stored_rows,
    table_name,
)
from app.imports.schemas import (
    KINDS,
    MAIN_TABLES,
    ImportReport,
    KindReport,
    RejectedRecord,
    report_extensions,
)
from app.models.base import Timestamped, utcnow
from app.seeding.loader import TABLE_ORDER, row_data
from app.seeding.plan import Owner

Status = Literal["inserted", "updated", "unchanged"]
REASON_LENGTH = 2000  # Change.reason
_INSERT_BATCH = 1000


class ImportConflict(DomainError):
    status = 409
    slug = "import-conflict"
    title = "Import conflicts with the stored data"


class ImportRejected(DomainError):
    status = 422
    slug = "import-rejected"
    title = "Import rejected"


class Progress(Protocol):
    """Where an import reports how far it got (the CLI draws a bar; HTTP ignores it)."""

    def start(self, label: str, total: int | None = None) -> None: ...

    def advance(self, count: int = 1) -> None: ...


class NoProgress:
    def start(self, label: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


@dataclass
class RecordDiff:
    """How one input record differs from what is stored under its id."""

    entry: Entry
    status: Status
    new: list[SQLModel] = field(default_factory=list)
    changed: list[tuple[SQLModel, dict[str, Any]]] = field(default_factory=list)
    stale: list[SQLModel] = field(default_factory=list)
    before: dict[str, Any] | None = None


def import_entries(
    session: Session,
    entries: Iterable[Entry],
    *,
    dry_run: bool,
    key_id: str | None,
    reason: str | None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every record; unless one is rejected or it is a dry run, load them all."""
    if reason is not None and len(reason) > REASON_LENGTH:
        raise BadParameter("reason", f"at most {REASON_LENGTH} characters")
    progress = progress or NoProgress()
    progress.start("reading")
    read = _read(entries, progress)
    progress.start("checking")
    checked = check_entries(session, read)
    if checked.rejected:
        return rejected_report(read, dry_run=dry_run)
    progress.start("comparing", total=len(read))
    diffs = compare(session, checked, progress)
    if not dry_run:
        write(session, checked, diffs, progress, key_id=key_id, reason=reason)
    return _report(diffs, dry_run=dry_run)


def import_or_reject(
    session: Session,
    entries: Iterable[Entry],
    *,
    dry_run: bool,
    key_id: str | None,
    reason: str | None,
) -> ImportReport:
    """`import_entries`, raising ImportRejected (a 422 carrying the report) on any fault."""
    report = import_entries(session, entries, dry_run=dry_run, key_id=key_id, reason=reason)
    if report.rejected:
        params = [
            InvalidParam(name=_param_name(r), reason="; ".join(r.reasons)) for r in report.rejected
        ]
        raise ImportRejected(
            report.summary, invalid_params=params, extensions=report_extensions(report)
        )
    return report


def _param_name(rejected: RejectedRecord) -> str:
    if rejected.line is not None:
        return f"body.line.{rejected.line}"
    return "body" + str(rejected.pointer).replace("/", ".")


def _read(entries: Iterable[Entry], progress: Progress) -> list[Entry]:
    read = []
    for entry in entries:
        read.append(entry)
        progress.advance()
    return read


def compare(session: Session, checked: Checked, progress: Progress) -> list[RecordDiff]:
    """What loading would change, record by record, in input order."""
    rows = checked.plan.rows
    stored = stored_rows(session, rows)
    planned = {row_key(row) for row in rows}
    bundles = _bundles(session, checked, stored)
    diffs = []
    for entry in checked.entries:
        owner = _owner(entry)
        diffs.append(
            _diff(entry, checked.plan.rows_by_owner[owner], stored, planned, bundles.get(owner))
        )
        progress.advance()
    return diffs


def _owner(entry: Entry) -> Owner:
    owner = entry.owner
    if owner is None:  # a record without kind or id was rejected before this point
        raise ValueError(f"record at {where(entry)} has no id")
    return owner


def _main_key(owner: Owner) -> RowKey:
    return (table_name(MAIN_TABLES[owner[0]]), (owner[1],))


def _bundles(
    session: Session, checked: Checked, stored: dict[RowKey, SQLModel]
) -> dict[Owner, Bundle]:
    """The stored rows of every input record that exists already, read in batches."""
    existing: dict[str, list[str]] = defaultdict(list)
    for owner in checked.plan.rows_by_owner:
        if _main_key(owner) in stored:
            existing[owner[0]].append(owner[1])
    bundles: dict[Owner, Bundle] = {}
    for kind in KINDS:
        for ids in chunks(existing[kind]):
            bundle = load_bundle(session, kind, ids)
            bundles.update(((kind, record_id), bundle) for record_id in ids)
    return bundles


def _diff(
    entry: Entry,
    rows: list[SQLModel],
    stored: dict[RowKey, SQLModel],
    planned: set[RowKey],
    bundle: Bundle | None,
) -> RecordDiff:
    owner = _owner(entry)
    diff = RecordDiff(entry, "unchanged")
    for row in rows:
        # Rows of a new record may be stored already too: a quote moving between events.
        existing = stored.get(row_key(row))
        if existing is None:
            diff.new.append(row)
        elif row_data(existing) != (wanted := row_data(row)):
            diff.changed.append((existing, wanted))
    if bundle is None or _main_key(owner) not in stored:
        diff.status = "inserted"
        return diff
    diff.stale = [r for r in bundle.owned_rows(owner[1]) if row_key(r) not in planned]
    if diff.new or diff.changed or diff.stale:
        diff.status = "updated"
        diff.before = assemble(bundle, owner[1])
    return diff


def write(
    session: Session,
    checked: Checked,
    diffs: list[RecordDiff],
    progress: Progress,
    *,
    key_id: str | None,
    reason: str | None,
) -> None:
    """Apply the differences: deletions, then table by table (parents first) inserts and
    updates, then the history. Flushes only; a constraint the checks did not foresee is an
    ImportConflict."""
    new = {row_key(row) for diff in diffs for row in diff.new}
    changed = [pair for diff in diffs for pair in diff.changed]
    touched = [diff for diff in diffs if diff.status != "unchanged"]
    progress.start("loading", total=len(new) + len(changed) + len(touched))
    try:
        _delete([row for diff in diffs for row in diff.stale], session)
        # Plan order, not input order: it puts a place after the place it is part of.
        inserts = [row for row in checked.plan.rows if row_key(row) in new]
        _upsert(session, inserts, changed, progress)
    except IntegrityError as exc:
        raise ImportConflict(
            f"The database refused the records, so nothing was loaded: {exc.orig}"
        ) from exc
    _record_history(session, touched, progress, key_id=key_id, reason=reason)


def _delete(rows: list[SQLModel], session: Session) -> None:
    for row in sorted(rows, key=lambda r: -TABLE_ORDER.index(type(r))):
        session.delete(row)
    session.flush()


def _upsert(
    session: Session,
    inserts: list[SQLModel],
    changed: list[tuple[SQLModel, dict[str, Any]]],
    progress: Progress,
) -> None:
    now = utcnow()
    by_table: dict[type[SQLModel], list[SQLModel]] = defaultdict(list)
    for row in inserts:
        by_table[type(row)].append(row)
    updates: dict[type[SQLModel], list[tuple[SQLModel, dict[str, Any]]]] = defaultdict(list)
    for existing, wanted in changed:
        updates[type(existing)].append((existing, wanted))
    for model in TABLE_ORDER:
        # Core executemany, not the unit of work: many times faster for large files.
        table = model.__table__  # type: ignore[attr-defined]
        for batch in chunks(by_table[model], _INSERT_BATCH):
            session.connection().execute(table.insert(), [_values(row, now) for row in batch])
            progress.advance(len(batch))
        for existing, wanted in updates[model]:
            _update(existing, wanted, now)
        session.flush()  # before the next table, whose rows may refer to these
        progress.advance(len(updates[model]))


def _values(row: SQLModel, now: Any) -> dict[str, Any]:
    values = row_data(row)
    if isinstance(row, Timestamped):
        values.update(created_at=now, updated_at=now, version=1)
    return values


def _update(existing: SQLModel, wanted: dict[str, Any], now: Any) -> None:
    for name, value in wanted.items():
        setattr(existing, name, value)
    if isinstance(existing, Timestamped):
        existing.updated_at = now  # the mapper bumps `version` on flush


def _record_history(
    session: Session,
    touched: list[RecordDiff],
    progress: Progress,
    *,
    key_id: str | None,
    reason: str | None,
) -> None:
    """One change per inserted or updated record, with the record as the input gave it."""
    for diff in touched:
        if diff.entry.model is None:  # never: a record without a model was rejected
            continue
        kind, record_id = _owner(diff.entry)
        record_change(
            session,
            record_type=kind,
            record_id=record_id,
            action="import",
            before=diff.before,
            after=diff.entry.model.model_dump(mode="json", exclude_unset=True),
            key_id=key_id,
            reason=reason,
        )
        progress.advance()


def rejected_report(entries: list[Entry], *, dry_run: bool) -> ImportReport:
    """The report on an input with rejected records: nothing loads."""
    rejected = [
        RejectedRecord(
            line=e.line, pointer=e.pointer, record=e.kind, id=e.id, reasons=list(e.reasons)
        )
        for e in entries
        if e.reasons
    ]
    return ImportReport(
        summary=f"{len(rejected)} of {len(entries)} records rejected; nothing was loaded",
        dry_run=dry_run,
        loaded=False,
        records=len(entries),
        rejected=rejected,
    )


def _report(diffs: list[RecordDiff], *, dry_run: bool) -> ImportReport:
    kinds = {kind: KindReport() for kind in KINDS}
    for diff in diffs:
        kind, record_id = _owner(diff.entry)
        report = kinds[kind]
        setattr(report, diff.status, getattr(report, diff.status) + 1)
        if diff.status != "unchanged":
            getattr(report, f"{diff.status}_ids").append(record_id)
    totals = {s: sum(getattr(k, s) for k in kinds.values()) for s in ("inserted", "updated")}
    unchanged = len(diffs) - totals["inserted"] - totals["updated"]
    counts = f"{totals['inserted']} inserted, {totals['updated']} updated, {unchanged} unchanged"
    summary = f"{len(diffs)} records: {counts}"
    if dry_run:
        summary = f"dry run, nothing written: {len(diffs)} records would be {counts}"
    elif not totals["inserted"] and not totals["updated"]:
        summary += "; nothing changed"
    return ImportReport(
        summary=summary,
        dry_run=dry_run,
        loaded=not dry_run and bool(totals["inserted"] or totals["updated"]),
        records=len(diffs),
        kinds=kinds,
    )
