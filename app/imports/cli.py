"""`python -m app import FILE` and `python -m app export [FILE|-]`."""

import argparse
import gc
import itertools
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlmodel import Session
from tqdm import tqdm

from app.core.db import get_engine
from app.core.errors import DomainError
from app.core.migrate import upgrade
from app.imports.export import export_records, left_out
from app.imports.reader import EXTENSIONS, Entry, document_entries, ndjson_entries, sniff
from app.imports.schemas import ImportReport
from app.imports.service import import_entries

_UNITS = {"checking": "row", "loading": "row"}  # a dry run writes too, then rolls back
_LIST_IDS = 10  # list the ids of a kind in the text report up to this many
_GC_THRESHOLD = 50_000  # allocations between collections of the youngest generation


def add_import_commands(commands: Any) -> None:
    """Declare `import` and `export` on the `python -m app` parser's subcommands."""
    cmd = commands.add_parser(
        "import", help="check NDJSON or a seed document, then load all of it or nothing"
    )
    cmd.add_argument("file", help="an .ndjson, .yaml or .json file, or - for standard input")
    cmd.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )
    cmd.add_argument("--reason", default=None, help="why, kept in each record's history")
    cmd.add_argument(
        "--progress", action="store_true", help="draw the progress bar even when stderr is no TTY"
    )
    cmd.add_argument("--json", action="store_true", help="print the whole report as JSON")
    cmd.set_defaults(run=run_import)
    cmd = commands.add_parser("export", help="write the whole database as NDJSON records")
    cmd.add_argument("file", nargs="?", default="-", help="where to write; - (default): stdout")
    cmd.set_defaults(run=run_export)


class BarProgress:
    """A status line per phase on stderr, and a tqdm bar when asked or on a terminal."""

    def __init__(self, *, bar: bool):
        self._show_bar = bar
        self._bar: tqdm[Any] | None = None

    def start(self, label: str, total: int | None = None) -> None:
        self.close()
        count = "" if total is None else f" {total} {_UNITS.get(label, 'item')}s"
        print(f"import: {label}{count}", file=sys.stderr, flush=True)  # noqa: T201
        if self._show_bar and label in _UNITS:
            unit = _UNITS[label]
            self._bar = tqdm(total=total, desc=label, unit=unit, file=sys.stderr, leave=False)

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def run_import(args: argparse.Namespace) -> int:
    """Migrate, then import the file in one transaction; exit 1 if anything is rejected."""
    engine = get_engine()
    upgrade(engine)
    progress = BarProgress(bar=args.progress or sys.stderr.isatty())
    try:
        with rare_collections(), Session(engine) as session, _input(args.file) as stream:
            report = import_entries(
                session,
                read_entries(stream, args.file),
                dry_run=args.dry_run,
                key_id=None,
                reason=args.reason,
                progress=progress,
                # The text report lists a kind's ids only when there are few: keep no more.
                id_limit=None if args.json else _LIST_IDS + 1,
            )
            session.commit()  # nothing is pending after a dry run or a rejection
    except DomainError as exc:
        print(f"import: {exc.detail}", file=sys.stderr)  # noqa: T201
        return 1
    finally:
        progress.close()
    print(report.model_dump_json(indent=2) if args.json else render(report))  # noqa: T201
    return 1 if report.rejected else 0


@contextmanager
def rare_collections() -> Iterator[None]:
    """Run the block with the cyclic garbage collector waking rarely.

    An import allocates millions of short-lived objects (parsed lines, planned rows,
    parameter tuples) and frees them by reference counting; at the default thresholds the
    collector ran every 700 allocations and walked the batch's live rows each time, about a
    quarter of the import's CPU (measured: 12-14 s against 8.5 s for 10,000 events). The
    objects of start-up are frozen out of its walks; what cycles the import leaves are
    still collected, so memory stays flat.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextmanager
def _input(name: str) -> Iterator[IO[bytes]]:
    if name == "-":
        yield sys.stdin.buffer
        return
    with Path(name).open("rb") as stream:
        yield stream


def read_entries(stream: IO[bytes], name: str) -> Iterator[Entry]:
    """The records of a file: NDJSON line by line, a document (YAML, JSON) whole; the
    format by the file's extension, else by its first line."""
    head: list[bytes] = []
    for line in stream:
        head.append(line)
        if line.strip():
            break
    fmt = EXTENSIONS.get(Path(name).suffix.lower())
    if fmt is None:
        fmt = sniff(b"".join(head).decode("utf-8", errors="replace"))
    lines = itertools.chain(head, stream)
    if fmt == "ndjson":
        return ndjson_entries(lines)
    return document_entries(b"".join(lines), fmt)


def render(report: ImportReport) -> str:
    """The report as a few lines of text."""
    lines = [f"import: {report.summary}"]
    for kind, counts in report.kinds.items():
        lines.append(
            f"  {kind}: {counts.inserted} inserted, {counts.updated} updated, "
            f"{counts.unchanged} unchanged"
        )
        for status, ids in (("inserted", counts.inserted_ids), ("updated", counts.updated_ids)):
            if 0 < len(ids) <= _LIST_IDS:
                lines.append(f"    {status}: {', '.join(ids)}")
    for rejected in report.rejected:
        where = f"line {rejected.line}" if rejected.line is not None else rejected.pointer
        record = f" {rejected.record} {rejected.id!r}" if rejected.id else ""
        lines.extend(f"  {where}{record}: {reason}" for reason in rejected.reasons)
    return "\n".join(lines + _curation_lines(report))


def _curation_lines(report: ImportReport) -> list[str]:
    """What the import left as merges and curators made it (app/imports/curated.py)."""
    lines = [
        f"  merged, not written: {m.record} {m.id!r} "
        + (f"into {m.into!r}" if m.into is not None else f"({m.reason})")
        for m in report.merged
    ]
    lines += [
        f"  deleted by a curator, not re-created: {d.record} {d.id!r} (change {d.change})"
        for d in report.deleted
    ]
    for ref in report.dropped:
        left = "not written" if ref.skipped else "left out"
        lines.append(
            f"  {ref.record} {ref.id!r}: {left}, cites deleted {ref.cites} {ref.cites_id!r}"
        )
    for value in report.curated:
        record = f"{value.record} {value.id!r} {value.field}"
        lines.append(
            f"  curated, kept: {record}: {_short(value.stored)} (file: {_short(value.incoming)})"
        )
    return lines


def _short(value: object, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def run_export(args: argparse.Namespace) -> int:
    """Write every record as NDJSON, a batch at a time."""
    counts: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    with Session(get_engine()) as session, _output(args.file) as out:
        for record in export_records(session, rows):
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            counts[record["record"]] += 1
        missing = left_out(session, rows)
    where = "standard output" if args.file == "-" else args.file
    kinds = ", ".join(f"{n} {kind}s" for kind, n in counts.items())
    print(f"export: wrote {counts.total()} records ({kinds}) to {where}", file=sys.stderr)  # noqa: T201
    if missing:
        tables = ", ".join(f"{n} {table}" for table, n in missing.items())
        print(f"export: left out rows the format has no place for: {tables}", file=sys.stderr)  # noqa: T201
    return 0


@contextmanager
def _output(name: str) -> Iterator[IO[bytes]]:
    """Standard output, or a file that appears whole only once the export has finished."""
    if name == "-":
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    partial = Path(f"{name}.partial")
    with partial.open("wb") as stream:
        yield stream
    os.replace(partial, name)
