"""Routes under /events."""

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import col, select

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.pagination import Page
from app.core.query.listing import list_page
from app.core.query.params import ListQuery, list_dependency
from app.core.read_routes import add_read_routes
from app.curation.events import EVENTS as EVENTS_WRITE
from app.curation.history import add_history_route
from app.curation.matching import Matches, match_events
from app.curation.router import add_write_routes
from app.curation.schemas import EventMatchRequest
from app.events.dependencies import EventDep
from app.events.resource import EVENT_LINKS, EVENTS, TIMELINE
from app.events.schemas import TimelineItem
from app.models import EventSource, Participation, Quote, Source
from app.quotes.resource import QUOTES
from app.quotes.schemas import QuoteRead
from app.relations.resource import PARTICIPATIONS
from app.relations.schemas import ParticipationRead
from app.sources.resource import SOURCES
from app.sources.schemas import SourceRead

router = APIRouter(prefix="/events", tags=["events"], responses=PROBLEM_RESPONSES)
add_read_routes(
    router,
    EVENTS,
    record_type="event",
    example_id="nac-decides-rok-nato-office",
    get_doc="One event with its preferred values, place, sources and links to other events.",
)


@router.post("/match", response_model=Matches, tags=["curation"])
def match_event(request: EventMatchRequest, session: SessionDep) -> Matches:
    """The existing events a title, date, set of actors or article excerpt may mean."""
    return match_events(session, request)


add_write_routes(router, EVENTS_WRITE, example_id="nac-decides-rok-nato-office")
add_history_route(router, "event", "nac-decides-rok-nato-office")


@router.get("/{event_id}/participants", response_model=Page[ParticipationRead])
def list_participants(
    event: EventDep,
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(PARTICIPATIONS)),
) -> Response:
    """The actors in an event, each with its role (participation filters apply)."""
    return list_page(
        session, PARTICIPATIONS, request, query, scope=col(Participation.event_id) == event.id
    )


@router.get("/{event_id}/sources", response_model=Page[SourceRead])
def list_event_sources(
    event: EventDep,
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(SOURCES)),
) -> Response:
    """The articles that report an event (source filters apply)."""
    reported = select(EventSource.source_id).where(EventSource.event_id == event.id)
    return list_page(session, SOURCES, request, query, scope=col(Source.id).in_(reported))


@router.get("/{event_id}/quotes", response_model=Page[QuoteRead])
def list_event_quotes(
    event: EventDep,
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(QUOTES)),
) -> Response:
    """The statements quoted in an event's reports (quote filters apply)."""
    return list_page(session, QUOTES, request, query, scope=col(Quote.event_id) == event.id)


timeline = APIRouter(prefix="/timeline", tags=["events"], responses=PROBLEM_RESPONSES)


@timeline.get("", response_model=Page[TimelineItem])
def list_timeline(
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(TIMELINE)),
) -> Response:
    """Events in time order with their precision, for timeline widgets (event filters apply).

    Sorted by the earliest day each event may fall on, then the latest: an event known only
    as "June 2022" comes before one on 15 June 2022; undated events come last.
    """
    return list_page(session, TIMELINE, request, query)


links = APIRouter(prefix="/event-links", tags=["events"], responses=PROBLEM_RESPONSES)
add_read_routes(
    links,
    EVENT_LINKS,
    record_type="event_link",
    example_id="nac-decides-rok-nato-office--responds_to--rok-requests-nato-office",
    list_doc="List the typed links between events (part of, follows, responds to, …).",
    get_doc="One link between two events, with the excerpts that state it under /evidence.",
)
