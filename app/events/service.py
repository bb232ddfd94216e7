"""Event reads: records with their links, sources and place, built in batches."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from sqlmodel import Session

from app.attributes.schemas import EventAttributes
from app.attributes.values import values_of
from app.core.records import RecordKey, href, resolve_refs
from app.core.timespec import TimeSpec
from app.events import repository
from app.events.schemas import EventLinkRead, EventLinkRecord, EventRead, TimelineItem
from app.models import Event, EventLink

Direction = Literal["outgoing", "incoming"]


def read_events(session: Session, events: Sequence[Event]) -> list[EventRead]:
    """Events as the API shows them, in a fixed number of queries however many there are."""
    ids = [e.id for e in events]
    links = repository.links_of(session, ids)
    reports = repository.sources_of(session, ids)
    keys: set[RecordKey] = {("source", r.source_id) for r in reports}
    keys |= {("place", e.place_id) for e in events if e.place_id}
    keys |= {("event", eid) for link in links for eid in (link.event_id, link.target_event_id)}
    refs = resolve_refs(session, keys)
    link_reads: dict[str, list[EventLinkRead]] = defaultdict(list)
    for link in links:
        ends: tuple[tuple[str, str, Direction], ...] = (
            (link.event_id, link.target_event_id, "outgoing"),
            (link.target_event_id, link.event_id, "incoming"),
        )
        for this, other, direction in ends:
            link_reads[this].append(
                EventLinkRead(
                    id=link.id,
                    link_type=link.link_type,
                    direction=direction,
                    event=refs[("event", other)],
                )
            )
    attributes = values_of(session.connection(), "event", ids)
    sources = defaultdict(list)
    for report in reports:
        sources[report.event_id].append(refs[("source", report.source_id)])
    return [
        EventRead(
            id=e.id,
            title=e.title,
            event_type=e.event_type,
            modality=e.modality,
            summary=e.summary,
            occurred=TimeSpec.model_validate(e.occurred) if e.occurred else None,
            announced=TimeSpec.model_validate(e.announced) if e.announced else None,
            recorded_at=e.created_at,
            updated_at=e.updated_at,
            place=refs[("place", e.place_id)] if e.place_id else None,
            sources=sources[e.id],
            links=link_reads[e.id],
            attributes=EventAttributes(**attributes.get(e.id, {})),
        )
        for e in events
    ]


def read_timeline(session: Session, events: Sequence[Event]) -> list[TimelineItem]:
    """Events as timeline entries: their span, precision and the sources' wording."""
    items = []
    for event in events:
        spec = TimeSpec.model_validate(event.occurred) if event.occurred else None
        items.append(
            TimelineItem(
                id=event.id,
                title=event.title,
                content=event.title,
                event_type=event.event_type,
                modality=event.modality,
                start=event.occurred_start,
                end=event.occurred_end,
                precision=spec.precision.value if spec and spec.precision else None,
                timezone=spec.timezone if spec else None,
                as_reported=spec.as_reported if spec else None,
                href=href("event", event.id),
            )
        )
    return items


def read_event_links(session: Session, rows: Sequence[EventLink]) -> list[EventLinkRecord]:
    """Links on their own, naming both events."""
    refs = resolve_refs(
        session, {("event", eid) for r in rows for eid in (r.event_id, r.target_event_id)}
    )
    return [
        EventLinkRecord(
            id=r.id,
            link_type=r.link_type,
            event=refs[("event", r.event_id)],
            target=refs[("event", r.target_event_id)],
        )
        for r in rows
    ]
