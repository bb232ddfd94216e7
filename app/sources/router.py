"""Routes under /sources."""

from fastapi import APIRouter, Depends, Request
from sqlmodel import col, select

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.lookup import page_of
from app.core.pagination import Page, PageParams, page_params
from app.core.read_routes import Collection, add_read_routes
from app.events.schemas import EventRead
from app.events.service import read_events
from app.models import Event, EventSource, Evidence, Source
from app.provenance.schemas import EvidenceRead
from app.provenance.service import read_evidence
from app.sources.dependencies import SourceDep
from app.sources.schemas import SourceRead, SourceText
from app.sources.service import read_sources, source_text

router = APIRouter(prefix="/sources", tags=["sources"], responses=PROBLEM_RESPONSES)
Paging = Depends(page_params)
add_read_routes(
    router,
    Collection(
        Source,
        "source",
        "sources",
        SourceRead,
        read_sources,
        "asiae-nato-approves-rok-representative-office",
        list_doc="List source articles, ordered by id (metadata; the text is under /text).",
        get_doc="One source article's metadata.",
    ),
)


@router.get("/{source_id}/text", response_model=SourceText)
def get_source_text(source: SourceDep, session: SessionDep) -> SourceText:
    """A source's verbatim text, with each excerpt drawn from it and what it supports."""
    return source_text(session, source)


@router.get("/{source_id}/excerpts", response_model=Page[EvidenceRead])
def list_source_excerpts(
    source: SourceDep, session: SessionDep, request: Request, params: PageParams = Paging
) -> Page[EvidenceRead]:
    """The excerpts taken from a source as evidence, by id, with what each supports."""
    statement = select(Evidence).where(Evidence.source_id == source.id)
    return page_of(session, statement, Evidence.id, params, request, read_evidence)


@router.get("/{source_id}/events", response_model=Page[EventRead])
def list_source_events(
    source: SourceDep, session: SessionDep, request: Request, params: PageParams = Paging
) -> Page[EventRead]:
    """The events a source reports."""
    reported = select(EventSource.event_id).where(EventSource.source_id == source.id)
    statement = select(Event).where(col(Event.id).in_(reported))
    return page_of(session, statement, Event.id, params, request, read_events)
