"""Checking an import before anything is written: every record, reference and excerpt.

References and excerpts may point at records stored already; every fault is pinned on the
input record it came from, so the report can name its line.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import String
from sqlmodel import Session, SQLModel

from app.imports.reader import Entry
from app.imports.repository import (
    RowKey,
    StoredIds,
    StoredTexts,
    identifier_owners,
    row_key,
    source_ids_by_hash,
)
from app.imports.schemas import KINDS, MAIN_TABLES
from app.models import ActorIdentifier, Source
from app.seeding.plan import Owner, Plan, build_plan
from app.seeding.schema import SeedData, SourceIn

Fault = tuple[Owner, str]


@dataclass
class Checked:
    """The input's records, each with its faults, and the rows they stand for."""

    entries: list[Entry]
    plan: Plan

    @property
    def rejected(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.reasons]


def check_entries(session: Session, entries: list[Entry]) -> Checked:
    """Run every check on every record; faults land in each entry's `reasons`."""
    _require_inline_text(entries)
    _flag_repeated_ids(entries)
    good = [entry for entry in entries if not entry.reasons]
    plan = build_plan(_seed_data(good), _texts(session, entries), _known(session, entries))
    by_owner = {entry.owner: entry for entry in good}
    for owner, message in [*plan.faults, *_row_faults(session, plan)]:
        by_owner[owner].reasons.append(message)
    return Checked(entries, plan)


def where(entry: Entry) -> str:
    """How the report names a record's place in the input."""
    return f"line {entry.line}" if entry.line is not None else str(entry.pointer)


def _require_inline_text(entries: list[Entry]) -> None:
    for entry in entries:
        if isinstance(entry.model, SourceIn) and entry.model.file is not None:
            entry.reasons.append("text: an import carries the article inline as `text`")


def _flag_repeated_ids(entries: list[Entry]) -> None:
    first: dict[Owner, Entry] = {}
    for entry in entries:
        owner = entry.owner
        if owner is None or entry.reasons:
            continue
        if owner in first:
            entry.reasons.append(f"{owner[0]} {owner[1]!r} is also at {where(first[owner])}")
        else:
            first[owner] = entry


def _seed_data(entries: list[Entry]) -> SeedData:
    sections: dict[str, list[Any]] = {f"{kind}s": [] for kind in KINDS}
    for entry in entries:
        sections[f"{entry.kind}s"].append(entry.model)
    # The records are validated already: pydantic keeps model instances as they are.
    return SeedData.model_validate(sections)


def _texts(session: Session, entries: list[Entry]) -> StoredTexts:
    given: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry.model, SourceIn):
            text = entry.model.text
        else:  # a rejected source's text still checks the excerpts drawn from it
            text = (entry.raw or {}).get("text") if entry.kind == "source" else None
        if entry.id is not None and isinstance(text, str):
            given.setdefault(entry.id, text)
    return StoredTexts(session, given)


def _known(session: Session, entries: list[Entry]) -> dict[str, StoredIds]:
    # Rejected records count as known, so records citing them are not flagged as well.
    ids: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.kind is not None and entry.id is not None:
            ids[entry.kind].add(entry.id)
    return {kind: StoredIds(session, MAIN_TABLES[kind], ids[kind]) for kind in KINDS}


def _row_faults(session: Session, plan: Plan) -> Iterator[Fault]:
    """Faults the database would otherwise find only while loading."""
    yield from _repeated_rows(plan)
    yield from _too_long(plan)
    yield from _same_article(session, plan)
    yield from _identifier_taken(session, plan)


def _repeated_rows(plan: Plan) -> Iterator[Fault]:
    owners: dict[RowKey, list[Owner]] = defaultdict(list)
    for owner, rows in plan.rows_by_owner.items():
        for row in rows:
            owners[row_key(row)].append(owner)
    for (table, key), holders in owners.items():
        if len(holders) > 1:
            name = repr(key[0]) if len(key) == 1 else repr(key)
            for owner in dict.fromkeys(holders):
                yield owner, f"{table} {name} is defined {len(holders)} times"


@cache
def _limits(model: type[SQLModel]) -> list[tuple[str, int]]:
    table = model.__table__  # type: ignore[attr-defined]
    return [
        (column.key, column.type.length)
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    ]


def _too_long(plan: Plan) -> Iterator[Fault]:
    # SQLite ignores VARCHAR lengths and PostgreSQL enforces them: check here, alike on both.
    for owner, rows in plan.rows_by_owner.items():
        for row in rows:
            for name, limit in _limits(type(row)):
                value = getattr(row, name)
                if isinstance(value, str) and len(value) > limit:
                    yield owner, f"{name} has {len(value)} characters; at most {limit} are kept"


def _same_article(session: Session, plan: Plan) -> Iterator[Fault]:
    """A text is one article: two sources may not hold the same text (its hash is unique)."""
    sources = [row for row in plan.rows if isinstance(row, Source)]
    in_file: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        in_file[source.sha256].append(source.id)
    stored = source_ids_by_hash(session, list(in_file))
    ids = {source.id for source in sources}
    for source in sources:
        others = [i for i in in_file[source.sha256] if i != source.id]
        holder = stored.get(source.sha256)
        if holder is not None and holder != source.id and holder not in ids:
            others.append(f"{holder} (stored)")
        if others:
            yield ("source", source.id), f"text: the same article as source {', '.join(others)}"


def _identifier_taken(session: Session, plan: Plan) -> Iterator[Fault]:
    """An outside id (a Wikidata QID) names one actor."""
    rows = [row for row in plan.rows if isinstance(row, ActorIdentifier)]
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        holders[(row.scheme, row.value)].append(row.actor_id)
    stored = identifier_owners(session, list(holders))
    actors = {owner[1] for owner in plan.rows_by_owner if owner[0] == "actor"}
    for row in rows:
        pair = (row.scheme, row.value)
        others = [actor for actor in holders[pair] if actor != row.actor_id]
        holder = stored.get(pair)
        if holder is not None and holder != row.actor_id and holder not in actors:
            others.append(f"{holder} (stored)")
        if others:
            also = ", ".join(others)
            yield (
                ("actor", row.actor_id),
                f"identifiers.{row.scheme}: {row.value!r} is also {also}'s",
            )
