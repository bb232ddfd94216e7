"""Event reads: records with their links, sources and place, built in batches."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

from sqlmodel import Session

from app.attributes.items import attribute_items
from app.core.query.items import iso_datetime, time_item
from app.core.records import RecordKey, href, ref_dicts, resolve_refs
from app.core.timespec import TimeSpec
from app.events import repository
from app.events.schemas import EventLinkRecord, EventRead, TimelineItem
from app.models import Event, EventLink

Direction = Literal["outgoing", "incoming"]


def read_events(session: Session, events: Sequence[Event]) -> list[EventRead]:
    """Events as the API shows them, in a fixed number of queries however many there are."""
    return [EventRead.model_validate(item) for item in event_items(session, events)]


def event_items(session: Session, events: Sequence[Event]) -> list[dict[str, Any]]:
    """Events as the JSON objects `EventRead` dumps to, built from the rows without a model
    per row (validating and dumping one was most of a list page's CPU)."""
    ids = [e.id for e in events]
    links = repository.links_of(session, ids)
    reports = repository.sources_of(session, ids)
    keys: set[RecordKey] = {("source", r.source_id) for r in reports}
    keys |= {("place", e.place_id) for e in events if e.place_id}
    keys |= {("event", eid) for link in links for eid in (link.event_id, link.target_event_id)}
    refs = ref_dicts(session, keys)
    link_items: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        ends: tuple[tuple[str, str, Direction], ...] = (
            (link.event_id, link.target_event_id, "outgoing"),
            (link.target_event_id, link.event_id, "incoming"),
        )
        for this, other, direction in ends:
            link_items[this].append(
                {
                    "id": link.id,
                    "type": "event_link",
                    "link_type": link.link_type,
                    "direction": direction,
                    "event": refs[("event", other)],
                }
            )
    attributes = attribute_items(session, "event", ids)
    sources = defaultdict(list)
    for report in reports:
        sources[report.event_id].append(refs[("source", report.source_id)])
    return [
        {
            "id": e.id,
            "type": "event",
            "title": e.title,
            "event_type": e.event_type,
            "modality": e.modality,
            "summary": e.summary,
            "occurred": time_item(e.occurred),
            "announced": time_item(e.announced),
            "recorded_at": iso_datetime(e.created_at),
            "updated_at": iso_datetime(e.updated_at),
            "place": refs[("place", e.place_id)] if e.place_id else None,
            "sources": sources[e.id],
            "links": link_items[e.id],
            "attributes": attributes.get(e.id, {}),
        }
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
