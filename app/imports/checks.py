"""Checking a batch of an import before it is written: every record, reference and excerpt.

References and excerpts may point at records stored already (or written by an earlier batch
of the same import); every fault is pinned on the input record it came from, so the report
can name its line.
"""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Column, MetaData, String, Table
from sqlmodel import Session, SQLModel

from app.core.evidence import Holding
from app.imports.reader import Entry
from app.imports.repository import (
    LOOKUP,
    RowKey,
    chunks,
    identifier_owners,
    lookup,
    row_key,
    source_ids_by_hash,
)
from app.imports.schemas import kinds
from app.imports.upsert import insert_many
from app.models import ActorIdentifier, Source
from app.models.base import ID_LENGTH
from app.seeding.plan import KnownIds, Owner, Plan, build_plan
from app.seeding.schema import SourceIn

Fault = tuple[Owner, str]


def check_records(entries: list[Entry], seen: "SeenRecords") -> None:
    """The checks on records alone: inline text, ids given twice (in this batch or an
    earlier one). Faults land in each entry's `reasons`."""
    _require_inline_text(entries)
    _flag_repeated_ids(entries, seen)


def plan_batch(
    session: Session, entries: list[Entry], texts: Mapping[str, Holding], known: KnownIds
) -> Plan:
    """The rows of a batch of good records, with every fault pinned on its record."""
    plan = build_plan(_by_kind(entries), texts, known)
    by_owner = {entry.owner: entry for entry in entries}
    for owner, message in [*plan.faults, *_row_faults(session, plan)]:
        by_owner[owner].reasons.append(message)
    return plan


def where(entry: Entry) -> str:
    """How the report names a record's place in the input."""
    return f"line {entry.line}" if entry.line is not None else str(entry.pointer)


def _require_inline_text(entries: list[Entry]) -> None:
    for entry in entries:
        if isinstance(entry.model, SourceIn) and entry.model.file is not None:
            entry.reasons.append("text: an import carries the article inline as `text`")


# One table object for every import (each creates its own temporary table from it), so
# the statements compiled for it are cached once.
_SEEN = Table(
    "import_seen",
    MetaData(),
    # The id first: a batch's ids are looked up with one IN list on the key's first column.
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("place", String(200), nullable=False),
    prefixes=["TEMPORARY"],
)


class SeenRecords:
    """The records an import has read so far and where each stood, in a temporary table:
    the database holds them, so memory stays flat however long the input."""

    def __init__(self, session: Session):
        self._session = session

    def __enter__(self) -> "SeenRecords":
        _SEEN.create(self._session.connection())
        return self

    def __exit__(self, error: type[BaseException] | None, *_rest: object) -> None:
        # After an error the rollback to the savepoint drops it (and PostgreSQL would
        # refuse any statement in the failed transaction, hiding the error).
        if error is None:
            _SEEN.drop(self._session.connection())

    def places(self, owners: list[Owner]) -> dict[Owner, str]:
        """Where each of these records stood, if read before."""
        wanted, found = set(owners), dict[Owner, str]()
        ids = sorted({record_id for _kind, record_id in owners})
        selected = (_SEEN.c.kind, _SEEN.c.id, _SEEN.c.place)
        for batch in chunks(ids, LOOKUP):
            for kind, record_id, place in lookup(
                self._session.connection(), _SEEN.c.id, batch, selected
            ):
                if (kind, record_id) in wanted:
                    found[(kind, record_id)] = place
        return found

    def add(self, entries: list[Entry]) -> None:
        rows = [{"id": e.id, "kind": e.kind, "place": where(e)} for e in entries]
        insert_many(self._session.connection(), _SEEN, rows)


def _flag_repeated_ids(entries: list[Entry], seen: SeenRecords) -> None:
    first: dict[Owner, Entry] = {}
    for entry in entries:
        owner = entry.owner
        if owner is None or entry.reasons:
            continue
        if owner in first:
            entry.reasons.append(f"{owner[0]} {owner[1]!r} is also at {where(first[owner])}")
        else:
            first[owner] = entry
    for owner, place in seen.places(list(first)).items():
        first.pop(owner).reasons.append(f"{owner[0]} {owner[1]!r} is also at {place}")
    seen.add(list(first.values()))


def _by_kind(entries: list[Entry]) -> dict[str, list[Any]]:
    records: dict[str, list[Any]] = {kind: [] for kind in kinds()}
    for entry in entries:
        records[str(entry.kind)].append(entry.model)
    return records


def _row_faults(session: Session, plan: Plan) -> Iterator[Fault]:
    """Faults the database would otherwise find only while loading."""
    yield from _repeated_rows(plan)
    yield from _too_long(plan)
    yield from _same_article(session, plan)
    yield from _identifier_taken(session, plan)


def _repeated_rows(plan: Plan) -> Iterator[Fault]:
    # Nearly every batch has none: a set of the keys says so without a list per row.
    if len({(row.model, row.key) for row in plan.rows}) == len(plan.rows):
        return
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
            values = row.values
            for name, limit in _limits(row.model):
                value = values.get(name)
                if isinstance(value, str) and len(value) > limit:
                    yield owner, f"{name} has {len(value)} characters; at most {limit} are kept"


def _same_article(session: Session, plan: Plan) -> Iterator[Fault]:
    """A text is one article: two sources may not hold the same text (its hash is unique)."""
    sources = [row.values for row in plan.rows if row.model is Source and row.values["sha256"]]
    in_file: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        in_file[source["sha256"]].append(source["id"])
    stored = source_ids_by_hash(session, list(in_file))
    ids = {source["id"] for source in sources}
    for source in sources:
        source_id = source["id"]
        others = [i for i in in_file[source["sha256"]] if i != source_id]
        holder = stored.get(source["sha256"])
        if holder is not None and holder != source_id and holder not in ids:
            others.append(f"{holder} (stored)")
        if others:
            yield ("source", source_id), f"text: the same article as source {', '.join(others)}"


def _identifier_taken(session: Session, plan: Plan) -> Iterator[Fault]:
    """An outside id (a Wikidata QID) names one actor."""
    rows = [row.values for row in plan.rows if row.model is ActorIdentifier]
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        holders[(row["scheme"], row["value"])].append(row["actor_id"])
    stored = identifier_owners(session, list(holders))
    actors = {owner[1] for owner in plan.rows_by_owner if owner[0] == "actor"}
    for row in rows:
        pair, actor_id = (row["scheme"], row["value"]), row["actor_id"]
        others = [actor for actor in holders[pair] if actor != actor_id]
        holder = stored.get(pair)
        if holder is not None and holder != actor_id and holder not in actors:
            others.append(f"{holder} (stored)")
        if others:
            also = ", ".join(others)
            yield (
                ("actor", actor_id),
                f"identifiers.{pair[0]}: {pair[1]!r} is also {also}'s",
            )
