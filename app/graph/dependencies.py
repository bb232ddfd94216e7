"""Reading the graph's query parameters; every fault is a 400 that names its parameter."""

from datetime import date
from typing import Annotated

from fastapi import Query
from pydantic import ValidationError

from app.core.errors import BadParameter
from app.core.records import RecordKey
from app.core.timespec import TimeSpec
from app.core.vocab import Precision
from app.graph.repository import Window
from app.graph.schemas import EdgeType, NodeType
from app.graph.service import Filters

MAX_START_NODES = 100
_PRECISION_BY_LENGTH = {4: Precision.YEAR, 7: Precision.MONTH, 10: Precision.DAY}
_NODE_TYPES = ", ".join(t.value for t in NodeType)
_EDGE_TYPES = ", ".join(t.value for t in EdgeType)


def parse_node(raw: str, name: str) -> RecordKey:
    """`actor:nato` as ("actor", "nato"); anything else is a 400 naming `name`."""
    node_type, sep, record_id = raw.strip().partition(":")
    if not sep or not record_id:
        raise BadParameter(name, f"{raw!r} is not TYPE:ID (e.g. actor:nato)")
    if node_type not in set(NodeType):
        raise BadParameter(name, f"unknown node type {node_type!r}; use one of {_NODE_TYPES}")
    return node_type, record_id


def parse_nodes(raws: list[str], name: str) -> list[RecordKey]:
    """Each start node parsed, duplicates dropped, at most MAX_START_NODES of them."""
    if len(raws) > MAX_START_NODES:
        raise BadParameter(name, f"at most {MAX_START_NODES} nodes per request")
    return list(dict.fromkeys(parse_node(raw, name) for raw in raws))


def parse_edge_types(raw: str | None) -> tuple[EdgeType, ...]:
    """The comma list as edge types in their canonical order; None means all of them."""
    if raw is None:
        return tuple(EdgeType)
    names = {part.strip() for part in raw.split(",") if part.strip()}
    unknown = sorted(names - set(EdgeType))
    if unknown or not names:
        reason = f"unknown edge type {unknown[0]!r}" if unknown else "names no edge type"
        raise BadParameter("query.edge_types", f"{reason}; use a comma list of {_EDGE_TYPES}")
    return tuple(kind for kind in EdgeType if kind in names)


def parse_day_span(raw: str, name: str) -> tuple[date, date]:
    """The first and last day a year, year-month or date covers."""
    precision = _PRECISION_BY_LENGTH.get(len(raw))
    try:
        start, end = TimeSpec(value=raw, precision=precision).bounds()
    except ValidationError:
        start = end = None
    if start is None or end is None:
        raise BadParameter(name, f"{raw!r} is not a date: use 2022, 2022-10 or 2022-10-26")
    return start, end


def parse_window(since: str | None, until: str | None) -> Window:
    """`since` counts from the start of the span it names, `until` to the end of its span."""
    first = parse_day_span(since, "query.since")[0] if since else None
    last = parse_day_span(until, "query.until")[1] if until else None
    if first is not None and last is not None and last < first:
        raise BadParameter("query.until", "is before `since`")
    return Window(since=first, until=last)


def graph_filters(
    edge_types: Annotated[
        str | None,
        Query(
            description=f"Comma list of edge types to follow: {_EDGE_TYPES}. Default: all.",
            examples=["participation,event_link"],
        ),
    ] = None,
    since: Annotated[
        str | None,
        Query(
            description="Keep events and relationships whose time may fall on or after the "
            "start of this year, month or day (2022, 2022-10, 2022-10-26); undated ones stay.",
            examples=["2022-10"],
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(
            description="Keep events and relationships whose time may fall on or before the "
            "end of this year, month or day; undated ones stay.",
            examples=["2022-10-31"],
        ),
    ] = None,
) -> Filters:
    """The edge-type and date filters `/graph` and `/graph/path` share."""
    return Filters(kinds=parse_edge_types(edge_types), window=parse_window(since, until))
