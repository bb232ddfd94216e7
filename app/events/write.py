"""Writing events: the event, the articles that report it and its typed links."""

from typing import Any

from sqlmodel import Session, col, delete, select

from app.core.properties import set_time
from app.core.text import fold
from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Unprocessable
from app.curation.excerpts import drop_evidence, evidence_of, replace_evidence
from app.curation.spec import require, slug_id
from app.events.schemas import EventWrite, LinkWrite
from app.models import Event, EventLink, EventSource, Participation, Place, Quote, Source


def _apply(session: Session, row: Event | None, data: EventWrite, record_id: str) -> Event:
    require(session, Place, data.place, "body.place")
    for i, source_id in enumerate(data.sources):
        require(session, Source, source_id, f"body.sources[{i}]")
    row = row or Event(
        id=record_id,
        title=data.title,
        event_type=data.event_type.value,
        modality=data.modality.value,
    )
    row.title, row.event_type, row.modality = data.title, data.event_type.value, data.modality.value
    row.summary, row.place_id = data.summary, data.place
    row.search_key = fold(f"{data.title} {data.summary}")
    set_time(row, "occurred", data.occurred)
    set_time(row, "announced", data.announced)
    session.add(row)
    session.flush()
    session.execute(delete(EventSource).where(col(EventSource.event_id) == record_id))
    session.add_all(EventSource(event_id=record_id, source_id=s) for s in sorted(set(data.sources)))
    _replace_links(session, record_id, data.links)
    replace_evidence(session, ("event", record_id), data.evidence)
    return row


def _replace_links(session: Session, event_id: str, links: list[LinkWrite]) -> None:
    _drop_links(session, event_id)
    for i, link in enumerate(links):
        require(session, Event, link.event, f"body.links[{i}].event")
        if link.event == event_id:
            raise Unprocessable(f"body.links[{i}].event", "an event cannot link to itself")
        link_id = f"{event_id}--{link.link_type.value}--{link.event}"
        session.add(
            EventLink(
                id=link_id,
                event_id=event_id,
                link_type=link.link_type.value,
                target_event_id=link.event,
            )
        )
        session.flush()
        replace_evidence(
            session, ("event_link", link_id), link.evidence, f"body.links[{i}].evidence"
        )


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
    _apply,
    _snapshot,
    _dependents,
    new_id=lambda session, data: slug_id(session, Event, data.title),
    cleanup=_cleanup,
)
