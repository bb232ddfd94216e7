"""`GET /events/aggregate`: counts, sums, minima, maxima and distinct counts of the events
matching the event filters, grouped by time bucket, type, place (or its country or region),
actor or code attribute."""

import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES, BadParameter
from app.core.formats import CSV, JSON, FastJSONResponse, csv_lines, negotiate
from app.core.query.filters import parse_filters
from app.core.query.params import filter_pairs, filter_params, with_signature
from app.events.aggregation import (
    TIME_BUCKETS,
    AggregateRequest,
    dimensions,
    numeric_attributes,
    run,
)
from app.events.resource import EVENTS

MAX_GROUPS = 10_000
_OWN = ("group_by", "count", "sum", "min", "max", "distinct", "max_groups", "format")
KeyValue = str | int | float | None


class AggregateGroup(BaseModel):
    """One group: its key (a value per `group_by` name) and the measures asked for."""

    key: dict[str, KeyValue] = Field(examples=[{"month": "2024-01", "event_type": "protest"}])
    count: int | None = Field(default=None, description="Events in the group.")
    sum: dict[str, float | int | None] | None = None
    min: dict[str, float | int | None] | None = None
    max: dict[str, float | int | None] | None = None
    distinct: dict[str, int] | None = Field(
        default=None, description="Distinct values of each `distinct` dimension."
    )


class Aggregate(BaseModel):
    """The groups of the filtered events, in key order; `truncated` if `max_groups` cut them."""

    group_by: list[str]
    groups: list[AggregateGroup]
    max_groups: int
    truncated: bool


def _names(param: str, raw: str | None, allowed: tuple[str, ...]) -> list[str]:
    names = [n.strip() for n in (raw or "").split(",") if n.strip()]
    for name in names:
        if name not in allowed:
            raise BadParameter(f"query.{param}", f"{name!r} is not one of {', '.join(allowed)}")
    if len(set(names)) != len(names):
        raise BadParameter(f"query.{param}", "a name is given twice")
    return names


def _params() -> dict[str, Any]:
    numeric = ", ".join(numeric_attributes())
    groups = ", ".join(dimensions())
    plain = tuple(d for d in dimensions() if d not in TIME_BUCKETS)
    return {
        "group_by": Annotated[
            str,
            Query(description=f"Comma-separated, of: {groups}.", examples=["year,event_type"]),
        ],
        "count": Annotated[bool, Query(description="Count the events of each group.")],
        "sum": Annotated[str | None, Query(description=f"Numeric attributes to sum: {numeric}.")],
        "min": Annotated[str | None, Query(description="Numeric attributes' minimum.")],
        "max": Annotated[str | None, Query(description="Numeric attributes' maximum.")],
        "distinct": Annotated[
            str | None, Query(description=f"Count distinct values of: {', '.join(plain)}.")
        ],
        "max_groups": Annotated[
            int, Query(ge=1, le=MAX_GROUPS, description=f"Groups at most ({MAX_GROUPS} max).")
        ],
        "format": Annotated[Literal["json", "csv"] | None, Query(description="json or csv.")],
    } | filter_params(EVENTS)


def aggregate_dependency() -> Callable[..., AggregateRequest]:
    """Declares the aggregate options and the event filters; returns the parsed request."""
    numeric = tuple(numeric_attributes())
    plain = tuple(d for d in dimensions() if d not in TIME_BUCKETS)

    def dependency(request: Request, **values: Any) -> AggregateRequest:
        group_by = _names("group_by", values["group_by"], dimensions())
        if not group_by:
            raise BadParameter("query.group_by", "name at least one dimension")
        return AggregateRequest(
            group_by=group_by,
            count=values["count"],
            sums=_names("sum", values["sum"], numeric),
            mins=_names("min", values["min"], numeric),
            maxes=_names("max", values["max"], numeric),
            distinct=_names("distinct", values["distinct"], plain),
            limit=values["max_groups"],
            filters=parse_filters(EVENTS, filter_pairs(request, frozenset(_OWN))),
        )

    required = inspect.Parameter.empty
    with_signature(dependency, _params(), {"group_by": required, "count": True, "max_groups": 1000})
    return dependency


aggregate = APIRouter(prefix="/events", tags=["events"], responses=PROBLEM_RESPONSES)


@aggregate.get(
    "/aggregate",
    response_model=Aggregate,
    responses={200: {"content": {CSV: {"schema": {"type": "string"}}}}},
)
def aggregate_events(
    session: SessionDep,
    request: Request,
    query: AggregateRequest = Depends(aggregate_dependency()),
) -> Response:
    """Figures over the events matching the filters, grouped: e.g. fatalities per month.

    `group_by=month,event_type&sum=fatalities` gives one group per month and type with the
    events' count and summed fatalities. Time buckets use the first day an event may fall
    on (undated events form a null group); `week` is named by its Monday. `country` is the
    event's place or the nearest place enclosing it of kind country, `region` the outermost
    region below that country (ADM1, ACLED's admin1); events without one form a null group.
    An event counts once in each actor's group. At most `max_groups` groups, in key order.
    """
    groups, truncated = run(session, query)
    if negotiate(request, (JSON, CSV)) == CSV:
        return Response("".join(_csv(query, groups)), media_type=CSV)
    body = {"group_by": query.group_by, "groups": groups, "max_groups": query.limit}
    return FastJSONResponse({**body, "truncated": truncated})


def _csv(query: AggregateRequest, groups: list[dict[str, Any]]) -> Any:
    measures = [f"{m}_{n}" for m, names in _measure_names(query) for n in names]
    columns = [*query.group_by, *(["count"] if query.count else []), *measures]
    rows = [
        {
            **g["key"],
            "count": g.get("count"),
            **{f"{m}_{n}": v for m in _MEASURES for n, v in (g.get(m) or {}).items()},
        }
        for g in groups
    ]
    return csv_lines(columns, [rows])


_MEASURES = ("sum", "min", "max", "distinct")


def _measure_names(query: AggregateRequest) -> list[tuple[str, list[str]]]:
    return list(zip(_MEASURES, (query.sums, query.mins, query.maxes, query.distinct), strict=True))
