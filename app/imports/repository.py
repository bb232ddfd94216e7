"""Database reads for import and export: what is stored under given ids, in batches.

A record of the seed format is stored as several rows (an event: its row, its sources,
participations, links, quotes, and the claims and evidence of each). `load_bundle` reads
all of them for a batch of records with a fixed number of queries, whatever the batch holds.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_, inspect, or_, tuple_
from sqlmodel import Session, SQLModel, col, select

from app.imports.schemas import carried, document, main_table
from app.models import ActorIdentifier, Claim, Evidence, Source

# Ids per IN list: well under SQLite's 32,766 and PostgreSQL's 65,535 bind parameters,
# even where one statement repeats the list once per kind of subject.
BATCH = 200
RowKey = tuple[str, tuple[Any, ...]]  # (table name, primary key)


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def table_name(model: type[SQLModel]) -> str:
    return str(model.__tablename__)


@cache
def _key_attributes(model: type[SQLModel]) -> tuple[str, tuple[str, ...]]:
    mapper = inspect(model)
    return table_name(model), tuple(
        mapper.get_property_by_column(c).key for c in mapper.primary_key
    )


def row_key(row: SQLModel) -> RowKey:
    """The row's table and primary key (read directly: the mapper's way is many times slower
    and an import asks for hundreds of thousands)."""
    table, names = _key_attributes(type(row))
    return table, tuple(getattr(row, name) for name in names)


def _primary_key(model: type[SQLModel]) -> Any:
    return inspect(model).primary_key[0]


def stored_rows(session: Session, rows: Iterable[SQLModel]) -> dict[RowKey, SQLModel]:
    """The stored rows having the primary key of any of `rows`, by key."""
    wanted: dict[type[SQLModel], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        wanted[type(row)].append(row_key(row)[1])
    found: dict[RowKey, SQLModel] = {}
    for model, keys in wanted.items():
        columns = inspect(model).primary_key
        for batch in chunks(keys):
            match = (
                columns[0].in_([key[0] for key in batch])
                if len(columns) == 1
                else tuple_(*columns).in_(batch)
            )
            found.update((row_key(row), row) for row in session.exec(select(model).where(match)))
    return found


def source_ids_by_hash(session: Session, hashes: Sequence[str]) -> dict[str, str]:
    """The stored source id of each of these SHA-256 text hashes that is stored."""
    found: dict[str, str] = {}
    for batch in chunks(hashes):
        statement = select(Source.sha256, Source.id).where(col(Source.sha256).in_(batch))
        found.update((sha, source_id) for sha, source_id in session.exec(statement))
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
            self.main[row_key(row)[1][0]] = row
        else:
            for child in self._children:
                if isinstance(row, child.table):
                    self.children[(child.table, getattr(row, child.parent.key))].append(row)

    def of(self, model: type[SQLModel], parent_id: str) -> list[Any]:
        """The child rows of `model` under one record, in primary-key order."""
        return sorted(self.children.get((model, parent_id), []), key=lambda row: row_key(row)[1])

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
