"""How events travel as documents (seed files, NDJSON imports and exports): planned into
rows with their sources, participants, links and quotes, and assembled from them again."""

from collections.abc import Iterator, Sequence
from typing import TypeVar

from app.core.registry import Child, Document, Gone, Resolve
from app.core.text import fold
from app.events.schemas import EventIn
from app.imports.export import Record, claims_of, evidence_of
from app.imports.repository import Bundle
from app.models import Event, EventLink, EventSource, Participation, Quote
from app.seeding.plan import KnownIds, Plan, bounds, require
from app.seeding.rows import Row
from app.seeding.schema import ParticipantIn

T = TypeVar("T")


def _plan(plan: Plan, events: Sequence[EventIn], ids: KnownIds) -> None:
    for event_in in events:
        _plan_event(plan, event_in, ids)


def _plan_event(plan: Plan, event_in: EventIn, ids: KnownIds) -> None:
    where = f"event {event_in.id!r}"
    subject = ("event", event_in.id)
    plan.begin("event", event_in.id)
    require(plan, ids, "place", event_in.place, where)
    for source_id in event_in.sources:
        require(plan, ids, "source", source_id, where)
    before = set(plan.evidence_sources)
    plan.evidence_sources = set()
    preferred = plan.claims_for(subject, event_in.claims, where)
    occurred = plan.field(where, "occurred", event_in.occurred, preferred, required=False)
    announced = plan.field(where, "announced", event_in.announced, preferred, required=False)
    occurred_start, occurred_end = bounds(occurred)
    announced_start, announced_end = bounds(announced)
    title = plan.field(where, "title", event_in.title, preferred, required=True)
    plan.add(
        Row(
            Event,
            id=event_in.id,
            title=title or "",
            event_type=event_in.event_type.value,
            modality=plan.field(where, "modality", event_in.modality, preferred, required=True),
            summary=plan.field(where, "summary", event_in.summary, preferred, required=False) or "",
            occurred=occurred,
            occurred_start=occurred_start,
            occurred_end=occurred_end,
            announced=announced,
            announced_start=announced_start,
            announced_end=announced_end,
            place_id=event_in.place,
            search_key=fold(f"{title} {event_in.summary}"),
        )
    )
    for source_id in event_in.sources:
        plan.add(Row(EventSource, event_id=event_in.id, source_id=source_id))
    plan.evidence(subject, event_in.evidence, where)
    _plan_participants(plan, event_in, ids, where)
    _plan_links(plan, event_in, ids, where)
    _plan_quotes(plan, event_in, ids, where)
    unlisted = plan.evidence_sources - set(event_in.sources)
    if unlisted:
        plan.fail(f"{where}: evidence cites {sorted(unlisted)} missing from its sources")
    plan.evidence_sources |= before


def _plan_participants(plan: Plan, event_in: EventIn, ids: KnownIds, where: str) -> None:
    for part in event_in.participants:
        part_id = f"{event_in.id}--{part.actor}--{part.role.value}"
        label = f"{where} participant {part.actor!r} ({part.role.value})"
        require(plan, ids, "actor", part.actor, label)
        preferred = plan.claims_for(("participation", part_id), part.claims, label)
        plan.add(
            Row(
                Participation,
                id=part_id,
                event_id=event_in.id,
                actor_id=part.actor,
                role=part.role.value,
                description=plan.field(
                    label, "description", part.description, preferred, required=False
                ),
            )
        )
        plan.evidence(("participation", part_id), part.evidence, label)


def _plan_links(plan: Plan, event_in: EventIn, ids: KnownIds, where: str) -> None:
    for link in event_in.links:
        link_id = f"{event_in.id}--{link.link_type.value}--{link.event}"
        label = f"{where} link {link.link_type.value} {link.event!r}"
        require(plan, ids, "event", link.event, label)
        plan.add(
            Row(
                EventLink,
                id=link_id,
                event_id=event_in.id,
                link_type=link.link_type.value,
                target_event_id=link.event,
            )
        )
        plan.evidence(("event_link", link_id), link.evidence, label)


def _plan_quotes(plan: Plan, event_in: EventIn, ids: KnownIds, where: str) -> None:
    for quote in event_in.quotes:
        label = f"{where} quote {quote.id!r}"
        require(plan, ids, "actor", quote.speaker, label)
        preferred = plan.claims_for(("quote", quote.id), quote.claims, label)
        text = plan.field(label, "text", quote.text, preferred, required=True) or ""
        plan.add(
            Row(
                Quote,
                id=quote.id,
                event_id=event_in.id,
                speaker_id=quote.speaker,
                text=text,
                language=quote.language,
                search_key=fold(text),
            )
        )
        plan.evidence(("quote", quote.id), quote.evidence, label)


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


def _drop(event: EventIn, gone: Gone) -> EventIn:
    """The event without its place, sources, participants, links and quote speakers that a
    curator deleted: each goes alone, and the event stays."""

    def speaker(actor_id: str | None) -> str | None:
        return None if actor_id is None or gone("actor", actor_id) else actor_id

    changes = {
        "place": None if event.place is None or gone("place", event.place) else event.place,
        "sources": [s for s in event.sources if not gone("source", s)],
        "participants": [p for p in event.participants if not gone("actor", p.actor)],
        "links": [ln for ln in event.links if not gone("event", ln.event)],
        "quotes": [q.model_copy(update={"speaker": speaker(q.speaker)}) for q in event.quotes],
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
    plan=_plan,
    assemble=_assemble,
    references=_references,
    redirect=_redirect,
    drop=_drop,
    claims=True,
    children=(
        Child(EventSource, EventSource.event_id),
        Child(Participation, Participation.event_id, "participation", evidence=True, claims=True),
        Child(EventLink, EventLink.event_id, "event_link", evidence=True),
        Child(Quote, Quote.event_id, "quote", evidence=True, claims=True),
    ),
)
