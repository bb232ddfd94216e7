"""Routes under /sources."""

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import col, select

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.pagination import Page
from app.core.query.listing import list_page
from app.core.query.params import ListQuery, list_dependency
from app.core.read_routes import add_read_routes
from app.curation.history import add_history_route
from app.curation.router import add_write_routes
from app.curation.sources import SOURCES as SOURCES_WRITE
from app.events.resource import EVENTS
from app.events.schemas import EventRead
from app.models import Event, EventSource, Evidence
from app.provenance.resource import EVIDENCE
from app.provenance.schemas import EvidenceRead
from app.sources.dependencies import SourceDep
from app.sources.resource import SOURCES
from app.sources.schemas import SourceText
from app.sources.service import source_text

router = APIRouter(prefix="/sources", tags=["sources"], responses=PROBLEM_RESPONSES)
add_read_routes(
    router,
    SOURCES,
    record_type="source",
    example_id="asiae-nato-approves-rok-representative-office",
    list_doc="List source articles (metadata; the text is under /text): filter, sort, "
    "include, pick fields; a page at a time.",
    get_doc="One source article's metadata.",
)


@router.get("/{source_id}/text", response_model=SourceText)
def get_source_text(source: SourceDep, session: SessionDep) -> SourceText:
    """A source's verbatim text, with each excerpt drawn from it and what it supports."""
    return source_text(session, source)


@router.get("/{source_id}/excerpts", response_model=Page[EvidenceRead])
def list_source_excerpts(
    source: SourceDep,
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(EVIDENCE)),
) -> Response:
    """The excerpts taken from a source as evidence, with what each supports."""
    return list_page(session, EVIDENCE, request, query, scope=col(Evidence.source_id) == source.id)


@router.get("/{source_id}/events", response_model=Page[EventRead])
def list_source_events(
    source: SourceDep,
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(list_dependency(EVENTS)),
) -> Response:
    """The events a source reports (event filters apply)."""
    reported = select(EventSource.event_id).where(EventSource.source_id == source.id)
    return list_page(session, EVENTS, request, query, scope=col(Event.id).in_(reported))


add_write_routes(router, SOURCES_WRITE, example_id="asiae-nato-approves-rok-representative-office")
add_history_route(router, "source", "asiae-nato-approves-rok-representative-office")
