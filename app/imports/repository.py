"""Database reads for import and export: what is stored under given ids, in batches.

A record of the seed format is stored as several rows (an event: its row, its sources,
participations, links, quotes, and the claims and evidence of each). `load_bundle` reads
all of them for a batch of records with a fixed number of queries, whatever the batch holds.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Dialect,
    and_,
    bindparam,
    inspect,
    or_,
    tuple_,
)
from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel, col, select

from app.imports.schemas import carried, document, main_table
from app.models import ActorIdentifier, Claim, Evidence, Source
from app.seeding.rows import Row, data_keys, key_names

# Ids per IN list: well under SQLite's 32,766 and PostgreSQL's 65,535 bind parameters,
# even where one statement repeats the list once per kind of subject.
BATCH = 200
LOOKUP = 2000  # keys per IN list where a statement has one list: fewer round trips
RowKey = tuple[str, tuple[Any, ...]]  # (table name, primary key)


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@cache
def table_name(model: type[SQLModel]) -> str:
    return str(model.__tablename__)


def row_key(row: Row) -> RowKey:
    """A planned row's table and primary key."""
    return table_name(row.model), row.key


def instance_key(row: SQLModel) -> RowKey:
    """A stored (ORM) row's table and primary key (read directly: the mapper's way is many
    times slower)."""
    model = type(row)
    return table_name(model), tuple(getattr(row, name) for name in key_names(model))


def _primary_key(model: type[SQLModel]) -> Any:
    return inspect(model).primary_key[0]


def stored_rows(session: Session, rows: Iterable[Row]) -> dict[RowKey, dict[str, Any]]:
    """The data columns (`Row.data`) of the stored rows having the primary key of any of
    `rows`, by key. Read through Core: no ORM instance is built for a row only compared."""
    wanted: dict[type[SQLModel], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        wanted[row.model].append(row.key)
    found: dict[RowKey, dict[str, Any]] = {}
    connection = session.connection()
    for model, keys in wanted.items():
        table, names = model.__table__, key_names(model)  # type: ignore[attr-defined]
        columns = [table.c[name] for name in names]
        if len(columns) == 1:  # most are new: find which are stored first, cheaply
            keys = [
                (key,) for batch in chunks(keys, LOOKUP) for key in _probe(connection, model, batch)
            ]
        statement = core_select(*(table.c[name] for name in data_keys(model)))
        name = table_name(model)
        for batch in chunks(keys, LOOKUP):
            match = (
                columns[0].in_([key[0] for key in batch])
                if len(columns) == 1
                else tuple_(*columns).in_(batch)
            )
            for stored in connection.execute(statement.where(match)).mappings():
                found[(name, tuple(stored[n] for n in names))] = dict(stored)
    return found


def _probe(
    connection: Connection, model: type[SQLModel], keys: Sequence[tuple[Any, ...]]
) -> list[Any]:
    """Which of these single-column keys are stored."""
    column = model.__table__.c[key_names(model)[0]]  # type: ignore[attr-defined]
    return [row[0] for row in lookup(connection, column, [key[0] for key in keys], (column,))]


def lookup(
    connection: Connection,
    column: Column[Any],
    values: Sequence[Any],
    selected: tuple[Column[Any], ...],
) -> list[Any]:
    """The `selected` columns of the rows whose `column` is one of `values` (at most
    LOOKUP), by a statement compiled once per size: an `IN` list SQLAlchemy expands at each
    execution cost more than the lookup itself."""
    if not values:
        return []
    size = max(8, 1 << (len(values) - 1).bit_length())  # a few sizes, each compiled once
    sql, order = _lookup_sql(connection.dialect, column, selected, size)
    padded = [*values, *[values[-1]] * (size - len(values))]  # repeats: no harm
    params: Any = tuple(padded) if order is None else dict(zip(order, padded, strict=True))
    return list(connection.exec_driver_sql(sql, params))


@cache
def _lookup_sql(
    dialect: Dialect, column: Column[Any], selected: tuple[Column[Any], ...], size: int
) -> tuple[str, list[str] | None]:
    """The SQL of `SELECT selected FROM table WHERE column IN (size parameters)`, and the
    parameter names in order where the driver takes them by name (None: by position)."""
    names = [f"k{index}" for index in range(size)]
    statement = core_select(*selected).where(column.in_([bindparam(name) for name in names]))
    compiled = statement.compile(dialect=dialect)
    if dialect.positional and list(compiled.positiontup or ()) != names:
        raise ValueError(f"{column}: unexpected parameter order")
    return str(compiled), None if dialect.positional else names


def source_ids_by_hash(session: Session, hashes: Sequence[str]) -> dict[str, str]:
    """The stored source id of each of these SHA-256 text hashes that is stored."""
    found: dict[str, str] = {}
    for batch in chunks(hashes):
        statement = select(Source.sha256, Source.id).where(col(Source.sha256).in_(batch))
        found.update((sha, source_id) for sha, source_id in session.exec(statement) if sha)
    return found


def identifier_owners(
    session: Session, pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The stored actor holding each of these (scheme, value) identifiers."""
    found: dict[tuple[str, str], str] = {}
    columns = (ActorIdentifier.scheme, ActorIdentifier.value)
    for batch in chunks(pairs):
        statement = select(*columns, ActorIdentifier.actor_id).where(tuple_(*columns).in_(batch))
        found.update(((scheme, value), actor) for scheme, value, actor in session.exec(statement))
    return found


def id_pages(session: Session, kind: str, size: int = BATCH) -> Iterator[list[str]]:
    """Every stored id of a kind, in order, a page at a time (keyset: no OFFSET rescans)."""
    pk = _primary_key(main_table(kind))
    last: str | None = None
    while True:
        statement = select(pk).order_by(pk).limit(size)
        if last is not None:
            statement = statement.where(pk > last)
        page: list[str] = list(session.exec(statement))
        if not page:
            return
        yield page
        last = page[-1]


class Bundle:
    """Every stored row of a batch of records of one kind, indexed for assembling them."""

    def __init__(self, kind: str, rows: Iterable[SQLModel]):
        self.kind = kind
        self._main_table = main_table(kind)
        self._children = document(kind).children
        self._carried = carried()
        self.main: dict[str, SQLModel] = {}
        self.children: dict[tuple[type[SQLModel], str], list[Any]] = defaultdict(list)
        self.claims: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        self.evidence: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
        for row in rows:
            self._index(row)

    def _index(self, row: SQLModel) -> None:
        if isinstance(row, Claim):
            self.claims[(row.subject_type, row.subject_id)].append(row)
        elif isinstance(row, Evidence):
            self.evidence[(row.subject_type, row.subject_id)].append(row)
        elif isinstance(row, self._main_table):
            self.main[instance_key(row)[1][0]] = row
        else:
            for child in self._children:
                if isinstance(row, child.table):
                    self.children[(child.table, getattr(row, child.parent.key))].append(row)

    def of(self, model: type[SQLModel], parent_id: str) -> list[Any]:
        """The child rows of `model` under one record, in primary-key order."""
        rows = self.children.get((model, parent_id), [])
        return sorted(rows, key=lambda row: instance_key(row)[1])

    def owned_rows(self, record_id: str) -> list[SQLModel]:
        """Every stored row of one record that the format carries: what an export writes and
        an import replaces when it updates the record."""
        rows: list[SQLModel] = [self.main[record_id]]
        rows += self._attached(self.kind, record_id)
        for child in self._children:
            for row in self.of(child.table, record_id):
                rows.append(row)
                if child.subject is not None:
                    rows += self._attached(child.subject, row.id)
        return rows

    def _attached(self, subject_type: str, subject_id: str) -> list[SQLModel]:
        has_evidence, has_claims = self._carried[subject_type]
        rows: list[SQLModel] = []
        if has_evidence:
            rows += self.evidence.get((subject_type, subject_id), [])
        for claim in self.claims.get((subject_type, subject_id), []) if has_claims else []:
            rows.append(claim)
            rows += self.evidence.get(("claim", claim.id), [])
        return rows


def load_bundle(session: Session, kind: str, ids: Sequence[str]) -> Bundle:
    """Every stored row of these records of `kind`, in a fixed number of queries."""
    main = main_table(kind)
    rows: list[SQLModel] = list(session.exec(select(main).where(_primary_key(main).in_(ids))))
    subjects: list[tuple[str, Any]] = [(kind, list(ids))]
    for child in document(kind).children:
        rows += session.exec(select(child.table).where(child.parent.in_(ids)))
        if child.subject is not None:
            owned = select(_primary_key(child.table)).where(child.parent.in_(ids))
            subjects.append((child.subject, owned))
    claimed = _about(Claim, subjects)
    claims = session.exec(select(Claim).where(claimed)).all()
    subjects.append(("claim", select(Claim.id).where(claimed)))
    evidence = session.exec(select(Evidence).where(_about(Evidence, subjects))).all()
    rows += [*claims, *evidence]
    return Bundle(kind, rows)


def _about(
    model: type[Claim] | type[Evidence], subjects: list[tuple[str, Any]]
) -> ColumnElement[bool]:
    """Rows of `model` whose subject is any of (subject type, ids or a select of ids)."""
    return or_(
        *(
            and_(col(model.subject_type) == subject_type, col(model.subject_id).in_(ids))
            for subject_type, ids in subjects
        )
    )
