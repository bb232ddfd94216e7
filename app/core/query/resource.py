"""What a collection declares: its fields, relation filters, includes and facets."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement
from sqlmodel import Session, SQLModel
from sqlmodel.sql.expression import SelectOfScalar

from app.core.query.copies import Drive
from app.core.query.fields import Field

Rows = Sequence[Any]


@dataclass(frozen=True)
class RelationFilter:
    """A filter on related records, compiled to EXISTS or IN (subquery) so rows never multiply.

    `build(values, companions)` gets the filter's values and those of its companion
    filters given beside it (e.g. `role` beside `actor`), which narrow the same subquery.
    `drive(values, companions)`, if set, gives the link table and its condition instead.
    """

    name: str
    description: str
    build: Callable[[list[str], Mapping[str, list[str]]], ColumnElement[bool]]
    companions: tuple[str, ...] = ()
    # Whether it takes a list (`name__in=a,b`); a single structured value (a box) does not.
    multiple: bool = True
    # Set when a link table copies the columns the list sorts and filters on: a page's keys
    # are then read from the link table alone (app/core/query/driving.py).
    drive: Drive | None = None


@dataclass(frozen=True)
class Include:
    """A related collection that `include=` can embed, loaded for a whole page at once.

    `load(session, rows)` returns, for each parent id, its related rows; `many=False`
    embeds one record (or null) instead of a list.
    """

    name: str
    target: str
    load: Callable[[Session, Rows], Mapping[str, Rows]]
    many: bool = True
    description: str = ""


@dataclass(frozen=True)
class Facet:
    """Counts of the filtered records by one value; `histogram` facets bucket a date span."""

    name: str
    description: str
    counts: Callable[[Session, Any, str | None], list[tuple[Any, int]]]
    histogram: bool = False
    refers_to: str | None = None  # the record type its values are ids of, for labels


@dataclass(frozen=True)
class ResourceSpec:
    """A collection as the query layer sees it."""

    name: str
    table: type[SQLModel]
    read_model: type[BaseModel]
    convert: Callable[[Session, Rows], list[Any]]
    fields: Sequence[Field]
    relations: Sequence[RelationFilter] = ()
    includes: Sequence[Include] = ()
    facets: Sequence[Facet] = ()
    default_sort: str = "id"
    base_query: Callable[[], SelectOfScalar[Any]] | None = None
    # Each row's GeoJSON geometry (or None), for `format=geojson`; None: no GeoJSON answer.
    geometry: Callable[[Session, Rows], list[dict[str, Any] | None]] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Rows straight to the JSON of `read_model`, for lists: building and validating a read
    # model per row, then dumping it, was most of a list's CPU. It must give exactly what
    # `convert` then `model_dump(mode="json")` gives; None: that is what lists do.
    dump: Callable[[Session, Rows], list[dict[str, Any]]] | None = None

    def dumped(self, session: Session, rows: Rows) -> list[dict[str, Any]]:
        """`rows` as the JSON objects the API shows."""
        if self.dump is not None:
            return self.dump(session, rows)
        return [m.model_dump(mode="json") for m in self.convert(session, rows)]

    @property
    def id_column(self) -> Any:
        return getattr(self.table, "id")  # noqa: B009  (every record table has `id`)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def relation(self, name: str) -> RelationFilter | None:
        return next((r for r in self.relations if r.name == name), None)

    def include(self, name: str) -> Include | None:
        return next((i for i in self.includes if i.name == name), None)
