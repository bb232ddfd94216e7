"""The record types the API serves, each declared once, collected into one registry.

Each domain package declares its type whole (`app/events/record.py`: table, collection,
read and write specs, sub-lists, extra routes, JSON-LD mapping, field properties);
`app/records.py` lists them, and `create_app()` and the CLI install that registry. The
generic machinery (query layer, write service, history, merge, import, export, graph)
reads it and knows no type by name.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import ColumnElement
from sqlmodel import SQLModel

from app.core.query.resource import ResourceSpec
from app.core.write_spec import WriteSpec

JsonLdMapper = Callable[[dict[str, Any], Request], dict[str, Any]]
# (kind, id) -> the id that record lives under now (itself unless a merge redirected it).
Resolve = Callable[[str, str], str]
# (kind, id) -> whether a curator deleted that record (an import must not cite it).
Gone = Callable[[str, str], bool]


@dataclass(frozen=True)
class SubList:
    """Another collection's records scoped to one record: `/events/{id}/participants`.

    `scope(record_id)` narrows the target collection to the records under that one; its
    filters, sorts, includes and formats all apply.
    """

    path: str
    collection: str
    scope: Callable[[str], ColumnElement[bool]]
    doc: str


@dataclass(frozen=True)
class Child:
    """Rows stored under a record besides its main row (an event's participations)."""

    table: type[SQLModel]
    parent: Any  # the column naming the record they belong to
    subject: str | None = None  # the subject type of their claims and evidence, if any
    evidence: bool = False  # whether the document carries their evidence
    claims: bool = False  # and their claims


@dataclass(frozen=True)
class Document:
    """How a record type travels as a document: seed files, NDJSON imports and exports.

    Documents are planned and exported kind by kind in `order`: a kind may cite those
    before it (and its own kind). Other record types travel inside one of these.
    """

    model: type[BaseModel]  # the document's shape, validated before anything is planned
    order: int
    # (plan, its documents, the ids known by kind): add the rows and faults of each.
    plan: Callable[[Any, Sequence[Any], Any], None]
    # (bundle of stored rows, the main row): the document again, as an export writes it.
    assemble: Callable[[Any, Any], dict[str, Any]]
    # The (kind, id) pairs a document's fields cite (its evidence's sources are found alone).
    references: Callable[[Any], Iterable[tuple[str, str]]] = lambda document: ()
    # (document, resolve): the document citing what its references resolve to, so that an
    # import after a merge cites the survivor. Must cover every field `references` reads.
    redirect: Callable[[Any, Resolve], Any] = lambda document, resolve: document
    # A redirected document that cannot be stored any more, and why (a relationship whose
    # two ends merged into one actor); None when it can.
    folded: Callable[[Any], str | None] = lambda document: None
    # (document, gone): the document without what it cites that a curator deleted (a
    # participant, a link), or None when it cannot exist without it (a relationship's end).
    # Must cover every field `references` reads; evidence is handled alone.
    drop: Callable[[Any, Gone], Any | None] = lambda document, gone: document
    record_id: Callable[[Any], str] = lambda document: str(document.id)
    children: Sequence[Child] = ()
    evidence: bool = True  # whether the document carries the record's evidence
    claims: bool = False  # and its claims
    section: str = ""  # its list in a seed document: the type's name + "s" unless given


@dataclass(frozen=True)
class RecordType:
    """Everything the API knows of one record type."""

    name: str
    table: type[SQLModel]
    collection: str
    label: str  # the attribute that names a record in another's response
    example_id: str = ""
    resource: ResourceSpec | None = None
    write: WriteSpec | None = None
    tag: str = ""
    list_doc: str = ""
    get_doc: str = ""
    evidence_route: bool = True
    sublists: Sequence[SubList] = ()
    # Routes only this type has (/actors/match, /sources/{id}/text), added to its router.
    routes: Callable[[APIRouter], None] | None = None
    # Claim properties that are also a field of the record, with their value's type: a
    # preferred claim for one is what the field shows.
    field_properties: Mapping[str, TypeAdapter[Any]] = field(default_factory=dict)
    jsonld: JsonLdMapper | None = None
    # Whether it is seeded, imported and exported on its own, and how.
    document: Document | None = None


class Registry:
    """The record types by name and by collection path, in declaration order."""

    def __init__(self, types: Iterable[RecordType]):
        self._types: dict[str, RecordType] = {}
        self._resources: dict[str, ResourceSpec] = {}
        for record_type in types:
            self.add(record_type)

    def add(self, record_type: RecordType) -> None:
        if record_type.name in self._types:
            raise ValueError(f"record type {record_type.name!r} is declared twice")
        self._types[record_type.name] = record_type
        if record_type.resource is not None:
            self._resources[record_type.resource.name] = record_type.resource

    def __iter__(self) -> Iterator[RecordType]:
        return iter(self._types.values())

    def __contains__(self, name: object) -> bool:
        return name in self._types

    def get(self, name: str) -> RecordType:
        return self._types[name]

    def resource(self, collection: str) -> ResourceSpec:
        return self._resources[collection]

    def write(self, name: str) -> WriteSpec:
        spec = self._types[name].write
        if spec is None:
            raise KeyError(f"{name} records are not writable")
        return spec

    def writable(self) -> Sequence[RecordType]:
        return [t for t in self._types.values() if t.write is not None]

    def documented(self) -> Sequence[RecordType]:
        """The types that travel as documents, in their planning and export order."""
        found = [t for t in self._types.values() if t.document is not None]
        return sorted(found, key=lambda t: t.document.order if t.document else 0)

    def document(self, name: str) -> Document:
        found = self._types[name].document
        if found is None:
            raise KeyError(f"{name} records travel inside another record's document")
        return found


_installed: list[Registry] = []


def install(registry: Registry) -> Registry:
    """Make `registry` the one the generic machinery reads (create_app and the CLI call it)."""
    _installed[:] = [registry]
    return registry


def registry() -> Registry:
    if not _installed:
        raise RuntimeError("no record registry installed: build the app with create_app()")
    return _installed[0]
