"""Writing events: the event, the articles that report it and its typed links.

Its document (app/events/document.py) plans the rows and is the snapshot, cut to the
fields the write model has: no field of the event is named here."""

from sqlmodel import Session, col, delete, select

from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Unprocessable
from app.curation.excerpts import drop_evidence
from app.curation.spec import document_snapshot, require, slug_id
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
    document_snapshot("event", EventWrite),
    _dependents,
    new_id=lambda session, data: slug_id(session, Event, data.title),
    cleanup=_cleanup,
    check=_check,
    written=_written,
)
