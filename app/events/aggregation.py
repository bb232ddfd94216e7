"""The SQL of `/events/aggregate`: filtered events grouped by dimensions, with measures.

Dimensions: a time bucket of the first day an event may fall on (`day`, `week`, `month`,
`year`), `event_type`, `modality`, `place`, `country` and `region` (the places enclosing the
event's, see `app/places/hierarchy.py`), `actor` (an event counts once for each actor taking
part) and any declared code attribute. Measures: the count of events, and the sum,
min and max of numeric attributes, and distinct counts of the non-time dimensions.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, String, cast, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.attributes.declarations import Attribute, declared
from app.core.errors import BadParameter
from app.core.query.filters import Filters
from app.core.query.listing import filtered_statement
from app.core.vocab import AttributeType
from app.events.resource import EVENTS
from app.models import AttributeValue, Event, Participation
from app.places.hierarchy import LEVELS, enclosing, lineage

TIME_BUCKETS = ("day", "week", "month", "year")
_WIDTHS = {"day": 10, "month": 7, "year": 4}
PLAIN = ("event_type", "modality", "place", *LEVELS, "actor")


def code_attributes() -> dict[str, Attribute]:
    return {n: a for n, a in declared("event").items() if a.type is AttributeType.CODE}


def numeric_attributes() -> dict[str, Attribute]:
    return {n: a for n, a in declared("event").items() if a.numeric}


def dimensions() -> tuple[str, ...]:
    """Every name `group_by` takes."""
    return (*TIME_BUCKETS, *PLAIN, *code_attributes())


@dataclass(frozen=True)
class AggregateRequest:
    group_by: list[str]
    count: bool
    sums: list[str]
    mins: list[str]
    maxes: list[str]
    distinct: list[str]
    limit: int
    filters: Filters


@dataclass
class _Source:
    """The joins a request needs, each made once: participants, attribute values, the
    places enclosing the event's."""

    dialect: str
    pairs: Any = None
    values: dict[str, Any] = field(default_factory=dict)
    tree: Any = None
    levels: dict[str, Any] = field(default_factory=dict)

    def actor(self) -> Any:
        if self.pairs is None:
            # One row per (event, actor), whatever roles the actor had: sums stay exact.
            self.pairs = (
                select(col(Participation.event_id), col(Participation.actor_id))
                .distinct()
                .subquery("pairs")
            )
        return self.pairs.c.actor_id

    def value(self, name: str) -> Any:
        if name not in self.values:
            self.values[name] = aliased(AttributeValue, name=f"attr_{name}")
        return self.values[name]

    def level(self, name: str) -> Any:
        if name not in self.levels:
            self.tree = lineage() if self.tree is None else self.tree
            self.levels[name] = enclosing(self.tree, name)
        return self.levels[name].c.ancestor_id

    def joined(self, statement: Any) -> Any:
        statement = statement.select_from(Event)
        if self.pairs is not None:
            statement = statement.outerjoin(self.pairs, self.pairs.c.event_id == Event.id)
        for level in self.levels.values():
            statement = statement.outerjoin(level, level.c.place_id == Event.place_id)
        for name, alias in self.values.items():
            statement = statement.outerjoin(
                alias,
                (alias.subject_type == "event")
                & (alias.subject_id == Event.id)
                & (alias.name == name),
            )
        return statement


def _bucket(source: _Source, width: str) -> Any:
    start = col(Event.occurred_start)
    if width == "week":  # the Monday of the ISO week, as a date
        if source.dialect == "postgresql":
            monday: Any = cast(func.date_trunc("week", start), Date)
        else:
            monday = func.date(start, "-6 days", "weekday 1")
        return func.substr(cast(monday, String), 1, 10)
    # The ISO text of a date is the same on both backends, so a prefix buckets it.
    return func.substr(cast(start, String), 1, _WIDTHS[width])


def _dimension(source: _Source, name: str) -> Any:
    if name in TIME_BUCKETS:
        return _bucket(source, name)
    if name == "actor":
        return source.actor()
    if name == "place":
        return col(Event.place_id)
    if name in LEVELS:
        return source.level(name)
    if name in ("event_type", "modality"):
        return col(getattr(Event, name))
    return source.value(name).code


def check(request: AggregateRequest) -> None:
    """Refuse what would give wrong figures, naming the parameter."""
    if "actor" in request.distinct and "actor" not in request.group_by and request.sums:
        raise BadParameter(
            "query.distinct",
            "distinct=actor counts each event once per actor, which would repeat sums; "
            "group by actor, or ask for the sums separately",
        )


def run(session: Session, request: AggregateRequest) -> tuple[list[dict[str, Any]], bool]:
    """The groups (at most `limit`) and whether more were left out."""
    check(request)
    source = _Source(session.get_bind().dialect.name)
    keys = [_dimension(source, name).label(f"k{i}") for i, name in enumerate(request.group_by)]
    measures = _measures(source, request)
    statement = source.joined(select(*keys, *(m for _, m in measures)))
    if request.filters.clauses:
        ids = filtered_statement(EVENTS, request.filters).with_only_columns(col(Event.id))
        statement = statement.where(col(Event.id).in_(ids))
    order = [term for key in keys for term in (key.is_(None), key)]
    statement = statement.group_by(*keys).order_by(*order).limit(request.limit + 1)
    rows = session.execute(statement).all()
    groups = [_group(request, measures, row) for row in rows[: request.limit]]
    return groups, len(rows) > request.limit


def _measures(source: _Source, request: AggregateRequest) -> list[tuple[tuple[str, str], Any]]:
    """((measure, name), SQL) for each measure asked for, in a fixed order."""
    found: list[tuple[tuple[str, str], Any]] = []
    for measure, names, function in (
        ("sum", request.sums, func.sum),
        ("min", request.mins, func.min),
        ("max", request.maxes, func.max),
    ):
        found += [((measure, n), function(source.value(n).number)) for n in names]
    found += [
        (("distinct", n), func.count(func.distinct(_dimension(source, n))))
        for n in request.distinct
    ]
    if request.count:  # last, once every join is known: with participants, count events
        events = func.count(func.distinct(Event.id)) if source.pairs is not None else func.count()
        found.insert(0, (("count", ""), events))
    return found


def _group(
    request: AggregateRequest, measures: list[tuple[tuple[str, str], Any]], row: Any
) -> dict[str, Any]:
    width = len(request.group_by)
    group: dict[str, Any] = {"key": dict(zip(request.group_by, row[:width], strict=True))}
    numeric = numeric_attributes()
    for ((measure, name), _), value in zip(measures, row[width:], strict=True):
        if measure == "count":
            group["count"] = int(value)
            continue
        if value is not None and measure != "distinct":
            integer = numeric[name].type is AttributeType.INTEGER
            value = int(value) if integer else float(value)
        group.setdefault(measure, {})[name] = value
    return group
