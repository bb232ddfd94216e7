"""`GET /{collection}/facets`: counts of the filtered records by value, for dashboards."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.core.errors import BadParameter
from app.core.query.filters import Filters, parse_filters
from app.core.query.idset import id_set
from app.core.query.listing import filtered_statement
from app.core.query.params import filter_pairs, filter_params, split_first, with_signature
from app.core.query.resource import Facet, ResourceSpec
from app.core.records import RecordKey, RecordRef, resolve_refs

FACET_PARAMS = frozenset({"facet", "interval", "top"})
MAX_TOP = 1000
# Facets count at most this many matching records (the first in id order), as `count=exact`
# counts at most COUNT_CAP: six grouped passes over a million events took 7-9 s; over 10,000
# records the actor facet alone took 150-240 ms, over 2,000 about 10 ms.
FACET_CAP = 2_000


class Bucket(BaseModel):
    value: Any = Field(description="The value counted; null for records without one.")
    label: str | None = Field(
        default=None, description="The record's label, where the values are record ids."
    )
    count: int


class Facets(BaseModel):
    """Counts of the records that match the filters, by each requested facet."""

    facets: dict[str, list[Bucket]]
    counted: int = Field(
        description=f"How many matching records were counted (at most {FACET_CAP})."
    )
    truncated: bool = Field(
        description=f"Whether more records match than were counted: then the counts are "
        f"those of the first {FACET_CAP} matching records in id order."
    )


@dataclass(frozen=True)
class FacetQuery:
    """The facets asked for, the histogram interval and the parsed filters."""

    wanted: list[str]
    interval: str
    filters: Filters
    top: int | None = None


def facet_dependency(spec: ResourceSpec) -> tuple[Callable[..., FacetQuery], dict[str, Any]]:
    """Takes the facet options and `spec`'s filters, returning the facets asked for; and the
    `openapi_extra` documenting the parameters it checks itself (`Deferred`)."""
    names = ", ".join(f.name for f in spec.facets)
    params = {
        "facet": Annotated[
            str | None, Query(description=f"Comma-separated facets; default all: {names}.")
        ],
        "interval": Annotated[
            Literal["year", "month", "day"], Query(description="Bucket width of date histograms.")
        ],
        "top": Annotated[
            int | None,
            Query(
                ge=1,
                le=MAX_TOP,
                description="Only the N largest buckets of each facet (histograms keep all).",
            ),
        ],
    } | filter_params(spec)
    defaults = {"interval": "month"}
    declared, later = split_first(params, defaults)

    def dependency(request: Request, **values: Any) -> FacetQuery:
        values |= later.values(request)
        filters = parse_filters(spec, filter_pairs(request, FACET_PARAMS))
        wanted = [n.strip() for n in (values["facet"] or names).split(",") if n.strip()]
        for name in wanted:
            if not any(f.name == name for f in spec.facets):
                raise BadParameter("query.facet", f"unknown facet {name!r}; facets: {names}")
        return FacetQuery(wanted, values["interval"], filters, values["top"])

    with_signature(dependency, declared, defaults)
    return dependency, later.openapi_extra


def count_facets(session: Session, spec: ResourceSpec, query: FacetQuery) -> Facets:
    """Each requested facet over the records matching the request's filters."""
    # The ids counted are read once, here, and bound into each facet's query: as a subquery
    # each of the dozen facets ran the filters again (a 2,001-row count first, then the first
    # 2,000 ids per facet).
    statement = filtered_statement(spec, query.filters).with_only_columns(spec.id_column)
    # Read on the connection: plain values, without the ORM's result machinery.
    limited = statement.order_by(spec.id_column).limit(FACET_CAP + 1)
    found = list(session.connection().execute(limited).scalars())
    truncated = len(found) > FACET_CAP
    ids: Any = id_set(session, found[:FACET_CAP])
    if not truncated and not query.filters.clauses and spec.base_query is None:
        ids = None  # every record: counted without a list of all ids
    facets = {f.name: f for f in spec.facets}
    return Facets(
        counted=min(len(found), FACET_CAP),
        truncated=truncated,
        facets={name: _buckets(session, facets[name], ids, query) for name in query.wanted},
    )


def _buckets(session: Session, facet: Facet, ids: Any, query: FacetQuery) -> list[Bucket]:
    counts = facet.counts(session, ids, query.interval)
    if query.top is not None and not facet.histogram:
        # The largest first; ties in value order (the counts come in value order).
        ranked = sorted(enumerate(counts), key=lambda item: (-item[1][1], item[0]))
        counts = [pair for _, pair in ranked[: query.top]]
    refs = {}
    if facet.refers_to is not None:
        keys = {(facet.refers_to, str(v)) for v, _ in counts if v is not None}
        refs = resolve_refs(session, keys)
    return [Bucket(value=v, count=c, label=_label(refs, facet.refers_to, v)) for v, c in counts]


def _label(refs: dict[RecordKey, RecordRef], refers_to: str | None, value: Any) -> str | None:
    if refers_to is None or value is None:
        return None
    ref = refs.get((refers_to, str(value)))
    return ref.label if ref is not None else None
