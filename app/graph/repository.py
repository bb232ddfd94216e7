"""Graph queries: the edges around a whole BFS level, and node labels, a query per kind.

Every function takes the frontier as sets of ids by node type and runs one statement,
whatever their number, so a level costs the same few queries with 1 node or 1,000.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from app.core.records import RecordKey
from app.core.registry import registry
from app.graph.schemas import EdgeType
from app.models import Event, EventLink, EventSource, Participation, Place, Relationship, Source

Frontier = dict[str, set[str]]


@dataclass(frozen=True)
class Window:
    """The `since`/`until` dates; None leaves that side open."""

    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Link:
    """One edge as read from the database, before it is shaped for the response."""

    kind: EdgeType
    source: RecordKey
    target: RecordKey
    label: str
    record_id: str | None = None

    @property
    def id(self) -> str:
        # Edges without a record of their own are named by what they join.
        if self.record_id is not None:
            return f"{self.kind}:{self.record_id}"
        if self.kind is EdgeType.REPORTS:
            return f"reports:{self.source[1]}:{self.target[1]}"
        return f"{self.kind}:{self.source[1]}"


def _any_in(*pairs: tuple[Any, set[str] | None]) -> ColumnElement[bool] | None:
    """`a IN (…) OR b IN (…)` over the non-empty sets; None when all are empty."""
    clauses = [col(column).in_(sorted(ids)) for column, ids in pairs if ids]
    return or_(*clauses) if clauses else None


def overlaps(start: Any, end: Any, window: Window) -> list[ColumnElement[bool]]:
    """Conditions for a span that may overlap the window; a null end is open, so kept."""
    conditions = []
    if window.until is not None:
        conditions.append(or_(col(start).is_(None), col(start) <= window.until))
    if window.since is not None:
        conditions.append(or_(col(end).is_(None), col(end) >= window.since))
    return conditions


def _participations(session: Session, frontier: Frontier, _window: Window) -> list[Link]:
    where = _any_in(
        (Participation.event_id, frontier.get("event")),
        (Participation.actor_id, frontier.get("actor")),
    )
    if where is None:
        return []
    statement = select(
        Participation.id, Participation.actor_id, Participation.event_id, Participation.role
    ).where(where)
    return [
        Link(EdgeType.PARTICIPATION, ("actor", actor), ("event", event), role, pid)
        for pid, actor, event, role in session.exec(statement)
    ]


def _relationships(session: Session, frontier: Frontier, window: Window) -> list[Link]:
    actors = frontier.get("actor")
    where = _any_in((Relationship.subject_id, actors), (Relationship.object_id, actors))
    if where is None:
        return []
    dated = overlaps(Relationship.valid_from, Relationship.valid_until, window)
    statement = select(
        Relationship.id,
        Relationship.subject_id,
        Relationship.object_id,
        Relationship.relationship_type,
    ).where(and_(where, *dated))
    return [
        Link(EdgeType.RELATIONSHIP, ("actor", subject), ("actor", obj), kind, rid)
        for rid, subject, obj, kind in session.exec(statement)
    ]


def _event_links(session: Session, frontier: Frontier, _window: Window) -> list[Link]:
    events = frontier.get("event")
    where = _any_in((EventLink.event_id, events), (EventLink.target_event_id, events))
    if where is None:
        return []
    statement = select(
        EventLink.id, EventLink.event_id, EventLink.target_event_id, EventLink.link_type
    ).where(where)
    return [
        Link(EdgeType.EVENT_LINK, ("event", event), ("event", target), kind, lid)
        for lid, event, target, kind in session.exec(statement)
    ]


def _reports(session: Session, frontier: Frontier, _window: Window) -> list[Link]:
    where = _any_in(
        (EventSource.event_id, frontier.get("event")),
        (EventSource.source_id, frontier.get("source")),
    )
    if where is None:
        return []
    statement = select(EventSource.source_id, EventSource.event_id).where(where)
    return [
        Link(EdgeType.REPORTS, ("source", source), ("event", event), "reports")
        for source, event in session.exec(statement)
    ]


def _outlets(session: Session, frontier: Frontier, _window: Window) -> list[Link]:
    where = _any_in((Source.id, frontier.get("source")), (Source.outlet_id, frontier.get("actor")))
    if where is None:
        return []
    # Only the two id columns: an article's text is never read for the graph.
    statement = select(Source.id, Source.outlet_id).where(col(Source.outlet_id).is_not(None), where)
    return [
        Link(EdgeType.OUTLET, ("source", source), ("actor", outlet), "outlet")
        for source, outlet in session.exec(statement)
        if outlet is not None
    ]


def _located(session: Session, frontier: Frontier, _window: Window) -> list[Link]:
    where = _any_in((Event.id, frontier.get("event")), (Event.place_id, frontier.get("place")))
    if where is None:
        return []
    statement = select(Event.id, Event.place_id).where(col(Event.place_id).is_not(None), where)
    return [
        Link(EdgeType.LOCATED, ("event", event), ("place", place), "located")
        for event, place in session.exec(statement)
        if place is not None
    ]


def _within(session: Session, frontier: Frontier, _window: Window) -> list[Link]:
    """A place's parent (up) and its parts (down): the hierarchy, one level per hop."""
    places = frontier.get("place")
    where = _any_in((Place.id, places), (Place.part_of_id, places))
    if where is None:
        return []
    statement = select(Place.id, Place.part_of_id).where(col(Place.part_of_id).is_not(None), where)
    return [
        Link(EdgeType.WITHIN, ("place", place), ("place", parent), "within")
        for place, parent in session.exec(statement)
        if parent is not None
    ]


_FETCHERS: dict[EdgeType, Callable[[Session, Frontier, Window], list[Link]]] = {
    EdgeType.PARTICIPATION: _participations,
    EdgeType.RELATIONSHIP: _relationships,
    EdgeType.EVENT_LINK: _event_links,
    EdgeType.REPORTS: _reports,
    EdgeType.OUTLET: _outlets,
    EdgeType.LOCATED: _located,
    EdgeType.WITHIN: _within,
}


def links_around(
    session: Session, keys: Iterable[RecordKey], kinds: Iterable[EdgeType], window: Window
) -> list[Link]:
    """Every edge of the chosen kinds that touches any of these nodes: one query per kind."""
    frontier: Frontier = {}
    for node_type, node_id in keys:
        frontier.setdefault(node_type, set()).add(node_id)
    found = [link for kind in kinds for link in _FETCHERS[kind](session, frontier, window)]
    return sorted(set(found), key=lambda link: link.id)


def labels(
    session: Session, keys: Iterable[RecordKey], window: Window | None = None
) -> dict[RecordKey, str]:
    """The label of each node that exists (and, for events, may fall in `window`)."""
    wanted: Frontier = {}
    for node_type, node_id in keys:
        wanted.setdefault(node_type, set()).add(node_id)
    found: dict[RecordKey, str] = {}
    for node_type, ids in sorted(wanted.items()):
        declared = registry().get(node_type)
        table, label_attr = declared.table, declared.label
        id_col: Any = getattr(table, "id")  # noqa: B009  (every record table has `id`)
        conditions: list[ColumnElement[bool]] = [col(id_col).in_(sorted(ids))]
        if node_type == "event" and window is not None:
            conditions += overlaps(Event.occurred_start, Event.occurred_end, window)
        statement = select(id_col, getattr(table, label_attr)).where(*conditions)
        found |= {(node_type, rid): str(label) for rid, label in session.exec(statement)}
    return found
