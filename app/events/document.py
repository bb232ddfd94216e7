"""How events travel as documents: seed files, NDJSON imports and exports."""

from collections.abc import Iterator
from typing import TypeVar

from app.core.registry import Child, Document, Resolve
from app.imports.export import Record, claims_of, evidence_of
from app.imports.repository import Bundle
from app.models import Event, EventLink, EventSource, Participation, Quote
from app.seeding.plan import plan_events
from app.seeding.schema import EventIn, ParticipantIn

T = TypeVar("T")


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


def _redirect(event: EventIn, resolve: Resolve) -> EventIn:
    def actor(actor_id: str | None) -> str | None:
        return None if actor_id is None else resolve("actor", actor_id)

    changes = {
        "place": None if event.place is None else resolve("place", event.place),
        "sources": list(dict.fromkeys(resolve("source", s) for s in event.sources)),
        "participants": _one_each(
            [p.model_copy(update={"actor": resolve("actor", p.actor)}) for p in event.participants]
        ),
        "links": [
            ln.model_copy(update={"event": resolve("event", ln.event)}) for ln in event.links
        ],
        "quotes": [q.model_copy(update={"speaker": actor(q.speaker)}) for q in event.quotes],
    }
    return event.model_copy(update=changes)


def _one_each(parts: list[ParticipantIn]) -> list[ParticipantIn]:
    """Two participants that became one actor in one role are one participation, backed by
    the evidence and claims of both (as the merge folded them)."""
    found: dict[tuple[str, str], ParticipantIn] = {}
    for part in parts:
        key = (part.actor, part.role.value)
        same = found.get(key)
        if same is None:
            found[key] = part
            continue
        found[key] = same.model_copy(
            update={
                "description": same.description or part.description,
                "evidence": _union(same.evidence, part.evidence),
                "claims": _union(same.claims, part.claims),
            }
        )
    return list(found.values())


def _union(first: list[T], second: list[T]) -> list[T]:
    return first + [item for item in second if item not in first]


EVENT_DOCUMENT = Document(
    model=EventIn,
    order=3,
    plan=plan_events,
    assemble=_assemble,
    references=_references,
    redirect=_redirect,
    claims=True,
    children=(
        Child(EventSource, EventSource.event_id),
        Child(Participation, Participation.event_id, "participation", evidence=True, claims=True),
        Child(EventLink, EventLink.event_id, "event_link", evidence=True),
        Child(Quote, Quote.event_id, "quote", evidence=True, claims=True),
    ),
)
