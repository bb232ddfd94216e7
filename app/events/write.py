"""Writing events: the event, the articles that report it and its typed links."""

from typing import Any

from sqlmodel import Session, col, delete, select

from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Unprocessable
from app.curation.excerpts import drop_evidence, evidence_of
from app.curation.spec import require, slug_id
from app.events.schemas import EventWrite
from app.models import Event, EventLink, EventSource, Participation, Place, Quote, Source


def _check(session: Session, data: EventWrite, record_id: str) -> None:
    require(session, Place, data.place, "body.place")
    for i, source_id in enumerate(data.sources):
        require(session, Source, source_id, f"body.sources[{i}]")
    for i, link in enumerate(data.links):
        require(session, Event, link.event, f"body.links[{i}].event")
        if link.event == record_id:
            raise Unprocessable(f"body.links[{i}].event", "an event cannot link to itself")


def _written(data: EventWrite) -> EventWrite:
    return data.model_copy(update={"sources": sorted(set(data.sources))})


def _drop_links(session: Session, event_id: str) -> None:
    for old in session.exec(select(EventLink).where(col(EventLink.event_id) == event_id)):
        drop_evidence(session, ("event_link", old.id))
        session.delete(old)
    session.flush()


def _snapshot(session: Session, row: Event) -> dict[str, Any]:
    sources = session.exec(
        select(EventSource.source_id)
        .where(col(EventSource.event_id) == row.id)
        .order_by(col(EventSource.source_id))
    ).all()
    links = session.exec(
        select(EventLink).where(col(EventLink.event_id) == row.id).order_by(col(EventLink.id))
    ).all()
    return {
        "id": row.id,
        "title": row.title,
        "event_type": row.event_type,
        "modality": row.modality,
        "summary": row.summary,
        "occurred": row.occurred,
        "announced": row.announced,
        "place": row.place_id,
        "sources": list(sources),
        "links": [
            {
                "link_type": x.link_type,
                "event": x.target_event_id,
                "evidence": evidence_of(session, ("event_link", x.id)),
            }
            for x in links
        ],
        "evidence": evidence_of(session, ("event", row.id)),
    }


def _dependents(session: Session, row: Event) -> list[RecordKey]:
    found: list[RecordKey] = [
        ("participation", i)
        for i in session.exec(select(Participation.id).where(col(Participation.event_id) == row.id))
    ]
    found += [
        ("quote", i) for i in session.exec(select(Quote.id).where(col(Quote.event_id) == row.id))
    ]
    found += [
        ("event", i)
        for i in session.exec(
            select(EventLink.event_id).where(col(EventLink.target_event_id) == row.id)
        )
    ]
    return found


def _cleanup(session: Session, row: Event) -> None:
    session.execute(delete(EventSource).where(col(EventSource.event_id) == row.id))
    _drop_links(session, row.id)


EVENTS = WriteSpec(
    "event",
    Event,
    EventWrite,
    None,  # written as its document (app/events/document.py)
    _snapshot,
    _dependents,
    new_id=lambda session, data: slug_id(session, Event, data.title),
    cleanup=_cleanup,
    check=_check,
    written=_written,
)
