"""The event record type, declared once: what the registry knows of events."""

from typing import Any

from fastapi import APIRouter, Request
from pydantic import TypeAdapter
from sqlmodel import col, select

from app.core.jsonld import node, time_value
from app.core.registry import RecordType, SubList
from app.core.timespec import TimeSpec
from app.core.vocab import Modality
from app.events.document import EVENT_DOCUMENT
from app.events.resource import EVENT_LINKS, EVENTS
from app.events.write import EVENTS as EVENT_WRITES
from app.models import Event, EventLink, EventSource, Participation, Quote, Source


def _jsonld(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Event",
        "name": item["title"],
        "description": item["summary"],
        "startDate": time_value(item["occurred"]),
        "location": node(request, item["place"]),
        "era:eventType": item["event_type"],
        "era:modality": item["modality"],
        "subjectOf": [node(request, s) for s in item["sources"]],
    }


def _reporting(event_id: str) -> Any:
    reported = select(EventSource.source_id).where(EventSource.event_id == event_id)
    return col(Source.id).in_(reported)


def _routes(router: APIRouter) -> None:
    # Imported when an app is built, not with the declaration: the CLI builds the registry
    # too, and has no use for routes (FastAPI builds each route as its module is imported).
    from app.events.router import add_event_routes

    add_event_routes(router)


EVENT = RecordType(
    name="event",
    table=Event,
    collection="events",
    label="title",
    example_id="nac-decides-rok-nato-office",
    resource=EVENTS,
    write=EVENT_WRITES,
    get_doc="One event with its preferred values, place, sources and links to other events.",
    routes=_routes,
    sublists=(
        SubList(
            "participants",
            "participations",
            lambda event_id: col(Participation.event_id) == event_id,
            "The actors in an event, each with its role (participation filters apply).",
        ),
        SubList(
            "sources",
            "sources",
            _reporting,
            "The articles that report an event (source filters apply).",
        ),
        SubList(
            "quotes",
            "quotes",
            lambda event_id: col(Quote.event_id) == event_id,
            "The statements quoted in an event's reports (quote filters apply).",
        ),
    ),
    field_properties={
        "occurred": TypeAdapter(TimeSpec),
        "announced": TypeAdapter(TimeSpec),
        "modality": TypeAdapter(Modality),
        "title": TypeAdapter(str),
        "summary": TypeAdapter(str),
    },
    jsonld=_jsonld,
    document=EVENT_DOCUMENT,
)

# A link between two events: written as part of its event, read on its own.
EVENT_LINK = RecordType(
    name="event_link",
    table=EventLink,
    collection="event-links",
    label="link_type",
    example_id="nac-decides-rok-nato-office--responds_to--rok-requests-nato-office",
    resource=EVENT_LINKS,
    tag="events",
    list_doc="List the typed links between events (part of, follows, responds to, …).",
    get_doc="One link between two events, with the excerpts that state it under /evidence.",
)
