"""Routes under /events."""

from fastapi import APIRouter, Depends, Request
from sqlmodel import col, select

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.lookup import page_of
from app.core.pagination import Page, PageParams, page_params
from app.core.read_routes import Collection, add_read_routes
from app.events.dependencies import EventDep
from app.events.schemas import EventRead
from app.events.service import read_events
from app.models import Event, EventSource, Participation, Quote, Source
from app.quotes.schemas import QuoteRead
from app.quotes.service import read_quotes
from app.relations.schemas import ParticipationRead
from app.relations.service import read_participations
from app.sources.schemas import SourceRead
from app.sources.service import read_sources, without_text

router = APIRouter(prefix="/events", tags=["events"], responses=PROBLEM_RESPONSES)
Paging = Depends(page_params)
add_read_routes(
    router,
    Collection(
        Event,
        "event",
        "events",
        EventRead,
        read_events,
        "nac-decides-rok-nato-office",
        get_doc="One event with its preferred values, place, sources and links to other events.",
    ),
)


@router.get("/{event_id}/participants", response_model=Page[ParticipationRead])
def list_participants(
    event: EventDep, session: SessionDep, request: Request, params: PageParams = Paging
) -> Page[ParticipationRead]:
    """The actors in an event, each with its role."""
    statement = select(Participation).where(Participation.event_id == event.id)
    return page_of(session, statement, Participation.id, params, request, read_participations)


@router.get("/{event_id}/sources", response_model=Page[SourceRead])
def list_event_sources(
    event: EventDep, session: SessionDep, request: Request, params: PageParams = Paging
) -> Page[SourceRead]:
    """The articles that report an event."""
    reported = select(EventSource.source_id).where(EventSource.event_id == event.id)
    statement = without_text(select(Source).where(col(Source.id).in_(reported)))
    return page_of(session, statement, Source.id, params, request, read_sources)


@router.get("/{event_id}/quotes", response_model=Page[QuoteRead])
def list_event_quotes(
    event: EventDep, session: SessionDep, request: Request, params: PageParams = Paging
) -> Page[QuoteRead]:
    """The statements quoted in an event's reports."""
    statement = select(Quote).where(Quote.event_id == event.id)
    return page_of(session, statement, Quote.id, params, request, read_quotes)
