"""How events travel as documents: seed files, NDJSON imports and exports."""

from collections.abc import Iterator

from app.core.registry import Child, Document
from app.imports.export import Record, claims_of, evidence_of
from app.imports.repository import Bundle
from app.models import Event, EventLink, EventSource, Participation, Quote
from app.seeding.plan import plan_events
from app.seeding.schema import EventIn


def _assemble(bundle: Bundle, event: Event) -> Record:
    sources: list[EventSource] = bundle.of(EventSource, event.id)
    return {
        "id": event.id,
        "title": event.title,
        "event_type": event.event_type,
        "modality": event.modality,
        "summary": event.summary,
        "occurred": event.occurred,
        "announced": event.announced,
        "place": event.place_id,
        "sources": [s.source_id for s in sources],
        "evidence": evidence_of(bundle, "event", event.id),
        "participants": [_participant(bundle, p) for p in bundle.of(Participation, event.id)],
        "links": [_link(bundle, link) for link in bundle.of(EventLink, event.id)],
        "quotes": [_quote(bundle, q) for q in bundle.of(Quote, event.id)],
        "claims": claims_of(bundle, "event", event.id),
    }


def _participant(bundle: Bundle, part: Participation) -> Record:
    return {
        "actor": part.actor_id,
        "role": part.role,
        "description": part.description,
        "evidence": evidence_of(bundle, "participation", part.id),
        "claims": claims_of(bundle, "participation", part.id),
    }


def _link(bundle: Bundle, link: EventLink) -> Record:
    return {
        "link_type": link.link_type,
        "event": link.target_event_id,
        "evidence": evidence_of(bundle, "event_link", link.id),
    }


def _quote(bundle: Bundle, quote: Quote) -> Record:
    return {
        "id": quote.id,
        "speaker": quote.speaker_id,
        "text": quote.text,
        "language": quote.language,
        "evidence": evidence_of(bundle, "quote", quote.id),
        "claims": claims_of(bundle, "quote", quote.id),
    }


def _references(event: EventIn) -> Iterator[tuple[str, str]]:
    if event.place is not None:
        yield "place", event.place
    yield from (("source", source) for source in event.sources)
    yield from (("actor", part.actor) for part in event.participants)
    yield from (("event", link.event) for link in event.links)
    yield from (("actor", q.speaker) for q in event.quotes if q.speaker is not None)


EVENT_DOCUMENT = Document(
    model=EventIn,
    order=3,
    plan=plan_events,
    assemble=_assemble,
    references=_references,
    claims=True,
    children=(
        Child(EventSource, EventSource.event_id),
        Child(Participation, Participation.event_id, "participation", evidence=True, claims=True),
        Child(EventLink, EventLink.event_id, "event_link", evidence=True),
        Child(Quote, Quote.event_id, "quote", evidence=True, claims=True),
    ),
)
