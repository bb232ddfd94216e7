"""Import: read, check and write the records a batch at a time, all in one transaction.

A record in the input replaces the stored record of that id: its row, names, identifiers,
claims, evidence, participants, links and quotes become those given (rows it no longer
has are deleted), so importing an edited export makes the database say what the file says.
Records the input does not mention are left alone.

The input streams: a batch of records is checked (against itself, the database and what
earlier batches wrote), compared and written before the next is read, so memory stays flat
whatever the input's size. Everything happens under a savepoint: a rejected record anywhere,
even in the last batch, or a dry run rolls it all back, so nothing is loaded. Services
flush; the caller commits.
"""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.core.errors import BadParameter, DomainError, InvalidParam
from app.imports.batch import ImportRun
from app.imports.checks import SeenRecords
from app.imports.reader import Entry
from app.imports.schemas import ImportReport, RejectedRecord, report_extensions
from app.imports.writer import History, ImportHistory

REASON_LENGTH = 2000  # Change.reason
BATCH_RECORDS = 1000  # records read, checked and written together


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


def import_entries(
    session: Session,
    entries: Iterable[Entry],
    *,
    dry_run: bool,
    key_id: str | None,
    reason: str | None,
    progress: Progress | None = None,
    history: History | None = None,
    id_limit: int | None = None,
    keep_curated: bool = True,
) -> ImportReport:
    """Check every record and write them a batch at a time; keep them only if none is
    rejected and it is no dry run. `id_limit` caps the ids the report lists per kind (and
    its curated values and merged records). `keep_curated`: leave records a curator changed
    as they are (app/imports/curated.py); the write API, a curator itself, does not."""
    if reason is not None and len(reason) > REASON_LENGTH:
        raise BadParameter("reason", f"at most {REASON_LENGTH} characters")
    progress = progress or NoProgress()
    history = history or ImportHistory(key_id, reason)
    run = ImportRun(session, history, id_limit, curated=keep_curated)
    savepoint = session.begin_nested()
    try:
        with SeenRecords(session) as seen:
            progress.start("checking" if dry_run else "loading")
            for batch in _batches(entries):
                progress.advance(run.step(batch, seen))
            progress.advance(run.finish(seen))
    except IntegrityError as exc:
        savepoint.rollback()
        raise ImportConflict(
            f"The database refused the records, so nothing was loaded: {exc.orig}"
        ) from exc
    except BaseException:
        savepoint.rollback()
        raise
    report = run.report(dry_run=dry_run)
    if report.loaded:
        savepoint.commit()
    else:
        savepoint.rollback()
    return report


def _batches(entries: Iterable[Entry]) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, BATCH_RECORDS)):
        yield batch


def import_or_reject(
    session: Session,
    entries: Iterable[Entry],
    *,
    dry_run: bool,
    key_id: str | None,
    reason: str | None,
    progress: Progress | None = None,
) -> ImportReport:
    """`import_entries`, raising ImportRejected (a 422 carrying the report) on any fault."""
    report = import_entries(
        session, entries, dry_run=dry_run, key_id=key_id, reason=reason, progress=progress
    )
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
