"""Running an importer: its documents become import entries, fed to the one write path
(`import_entries`) in a single transaction, with the field report beside the import's."""

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Protocol

from sqlmodel import Session

from app.importers.documents import Dataset, Doc
from app.importers.fields import Column, FieldReport
from app.importers.stored import SHARED, keep_others, stored_events, stored_ids
from app.imports.reader import Entry, ndjson_entries
from app.imports.schemas import ImportReport
from app.imports.service import Progress, import_entries

CHUNK = 2000  # documents checked against the database together


class Converter(Protocol):
    name: str
    columns: list[Column]
    source: Dataset

    def documents(self, stream: IO[bytes], report: FieldReport) -> Iterator[tuple[int, Doc]]: ...


def import_foreign(
    session: Session,
    converter: Converter,
    stream: IO[bytes],
    *,
    dry_run: bool,
    reason: str | None,
    progress: Progress | None = None,
    id_limit: int | None = None,
) -> tuple[ImportReport, FieldReport]:
    """Convert and import the file; nothing is kept on a rejection or a dry run."""
    fields = FieldReport(columns=converter.columns)
    entries = foreign_entries(session, converter, converter.documents(stream, fields), fields)
    report = import_entries(
        session,
        entries,
        dry_run=dry_run,
        key_id=None,
        reason=reason,
        progress=progress,
        id_limit=id_limit,
    )
    return report, fields


def foreign_entries(
    session: Session,
    converter: Converter,
    documents: Iterable[tuple[int, Doc]],
    fields: FieldReport,
) -> Iterator[Entry]:
    """The documents as entries, numbered by their input line; shared records once per run
    and only if not stored yet; stored events keep what other sources gave them."""
    emitted: set[tuple[str, str]] = set()
    iterator = iter(documents)
    while chunk := list(islice(iterator, CHUNK)):
        fresh = []
        for line, doc in chunk:
            key = (doc["record"], doc["id"])
            if doc["record"] in SHARED and key in emitted:
                continue
            emitted.add(key)
            fresh.append((line, doc))
        yield from _entries(session, converter, fresh, fields)


def _entries(
    session: Session, converter: Converter, chunk: list[tuple[int, Doc]], fields: FieldReport
) -> Iterator[Entry]:
    stored = {
        kind: stored_ids(session, kind, (d["id"] for _, d in chunk if d["record"] == kind))
        for kind in SHARED
    }
    events = stored_events(session, [d["id"] for _, d in chunk if d["record"] == "event"])
    for line, doc in chunk:
        if doc["id"] in stored.get(doc["record"], ()):
            fields.documents[f"{doc['record']} already stored, left as is"] += 1
            continue
        if doc["id"] in events:
            keep_others(doc, events[doc["id"]], converter.source.id)
        fields.documents[doc["record"]] += 1
        yield entry(line, doc)


def entry(line: int, doc: Doc) -> Entry:
    """One document checked as an NDJSON line would be, reported under its input line."""
    found = next(ndjson_entries([json.dumps(doc, ensure_ascii=False).encode("utf-8")]))
    found.line = line or None
    found.pointer = None if line else f"/{doc['record']}/{doc['id']}"
    return found


def stem(name: str) -> str:
    """The file's name without directories or extensions: the dataset's id and title."""
    return Path(name).name.split(".")[0] or "stdin"
