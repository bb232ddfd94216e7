"""Which existing records a name, title, date or excerpt may mean (reconciliation).

In the manner of OpenRefine's reconciliation API and yente's /match: candidates with a
score in [0, 1] and the reasons behind it, so a curator or an importer can decide. Actor
names score, best first: spelt exactly so (1.0), folded (0.95), spaceless (0.9), another
romanisation (0.8), a near-miss spelling (fuzzy: 0.75 of rapidfuzz's similarity, 0.6 to
0.75), a whole name within the query ("Barack Obama" holds "OBAMA", 0.6), the query within
a name (0.5), and a code the actor carries as an attribute ("USA" is the `country_code` of
many GDELT actors, 0.7). All inexact kinds stay under the 0.8 at which a new actor is
refused as a duplicate: they are hints for a curator, not conflicts.
"""

import re
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session, col, or_, select

from app.core.query.fields import parse_span
from app.core.records import RecordRef, resolve_refs
from app.core.text import compact, fold, romanisation_key, skeleton
from app.core.vocab import ActorKind
from app.curation.errors import Conflict
from app.curation.schemas import ActorMatchRequest, EventMatchRequest
from app.models import (
    Actor,
    ActorName,
    AttributeValue,
    Claim,
    Event,
    Evidence,
    Participation,
)
from app.search.matching import FUZZY_MIN, FUZZY_MIN_LETTERS, fuzzy_reason, similarity
from app.search.names import similar as similar_names

AUTO_CONFLICT = 0.8
# Attributes whose codes name an actor (a country, a known group), not a type of actor.
CODE_ATTRIBUTES = ("country_code", "known_group_code")
CODE_SCORE = 0.7  # under AUTO_CONFLICT: many actors share a code, none is a duplicate by it
_CODE = re.compile(r"^[A-Z0-9]{2,12}$")


class Candidate(BaseModel):
    record: RecordRef
    score: float = Field(ge=0, le=1)
    reasons: list[str]


class Matches(BaseModel):
    """The records the input may mean, best first."""

    candidates: list[Candidate]


def _name_score(name: ActorName, query: str, key: str) -> tuple[float, str] | None:
    if name.name == query:
        return 1.0, f"name {name.name!r} ({name.kind}, {name.lang}) is spelt exactly so"
    if name.search_key == fold(query):
        return 0.95, f"name {name.name!r} matches ignoring case, accents and punctuation"
    if compact(name.name) == compact(query):
        return 0.9, f"name {name.name!r} matches ignoring spaces and hyphens"
    if name.name_key and name.name_key == key:
        return 0.8, f"name {name.name!r} is another romanisation of the same name"
    if skeleton(name.name) == skeleton(query):
        return 0.85, f"name {name.name!r} looks the same (letters of another script)"
    if name.search_key in _runs(query):
        return 0.6, f"the query contains the name {name.name!r} as whole words"
    if fold(query) in name.search_key:
        return 0.5, f"name {name.name!r} contains {query!r}"
    return _fuzzy_score(name, query)


def _fuzzy_score(name: ActorName, query: str) -> tuple[float, str] | None:
    """A near-miss spelling: 0.75 of its similarity, so below every romanisation (0.8)."""
    letters = compact(query)
    alike = similarity(letters, name.name) if len(letters) >= FUZZY_MIN_LETTERS else 0.0
    if alike < FUZZY_MIN:
        return None
    return round(0.75 * alike / 100, 3), f"{fuzzy_reason(name.name, alike)}, a possible misspelling"


def _runs(query: str) -> set[str]:
    """Every run of whole words of the folded query: the names it may contain."""
    words = fold(query).split()
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def match_actors(session: Session, request: ActorMatchRequest) -> Matches:
    """Actors with a name like `request.name`, scored by spelling, kind and language."""
    key, folded = romanisation_key(request.name), fold(request.name)
    first = folded.split()[0] if folded else folded
    near = {row[0] for row in similar_names(session, folded)}
    looks = skeleton(request.name).split()[:1] or [first]  # look-alikes of another script
    names = session.exec(
        select(ActorName).where(
            or_(
                col(ActorName.name_key) == key,
                col(ActorName.search_key).contains(first),
                col(ActorName.search_key).in_(_runs(request.name)),
                col(ActorName.actor_id).in_(near),
                col(ActorName.search_key).contains(looks[0]),
            )
        )
    ).all()
    best: dict[str, tuple[float, list[str]]] = {}
    for name in names:
        found = _name_score(name, request.name, key)
        if found is None:
            continue
        score, reason = found
        if request.lang and name.lang == request.lang:
            reason += "; same language"
        if found[0] > best.get(name.actor_id, (0.0, []))[0]:
            best[name.actor_id] = (score, [reason])
    _add_codes(session, request.name, best)
    return _ranked(session, "actor", _with_kind(session, best, request), request.limit)


def _add_codes(session: Session, query: str, best: dict[str, tuple[float, list[str]]]) -> None:
    """Actors carrying the query as a code attribute ("USA", "usa"): a reason more, or a
    candidate at CODE_SCORE."""
    code = query.strip().upper()
    if not _CODE.match(code):
        return
    rows = session.exec(
        select(AttributeValue.subject_id, AttributeValue.name).where(
            col(AttributeValue.subject_type) == "actor",
            col(AttributeValue.name).in_(CODE_ATTRIBUTES),
            col(AttributeValue.code) == code,
        )
    ).all()
    for actor_id, attribute in rows:
        score, reasons = best.get(actor_id, (0.0, []))
        best[actor_id] = (max(score, CODE_SCORE), [*reasons, f"its {attribute} is {code!r}"])


def _with_kind(
    session: Session, best: dict[str, tuple[float, list[str]]], request: ActorMatchRequest
) -> dict[str, tuple[float, list[str]]]:
    if request.kind is None:
        return best

    kinds = dict(session.exec(select(Actor.id, Actor.kind).where(col(Actor.id).in_(best))).all())
    adjusted = {}
    for actor_id, (score, reasons) in best.items():
        same = kinds.get(actor_id) == request.kind.value
        adjusted[actor_id] = (
            min(1.0, score + 0.05) if same else score * 0.6,
            [*reasons, "same kind" if same else f"kind is {kinds.get(actor_id)}"],
        )
    return adjusted


def refuse_duplicate_actor(session: Session, name: str, kind: ActorKind) -> None:
    """A new actor whose name matches an existing one is refused with the candidates."""
    found = match_actors(session, ActorMatchRequest(name=name, kind=kind))
    likely = [c for c in found.candidates if c.score >= AUTO_CONFLICT]
    if likely:
        raise Conflict(
            f"{len(likely)} existing actors may be {name!r}; use one of them, "
            "or send new=true if this is another actor.",
            extensions={"candidates": [c.model_dump(mode="json") for c in likely]},
        )


def match_events(session: Session, request: EventMatchRequest) -> Matches:
    """Events like the request: title words, date, shared actors, excerpt in their evidence."""
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)
    for event in session.exec(_prefilter(request)):
        _score_event(event, request, scores, reasons)
    _score_actors(session, request, scores, reasons)
    _score_excerpt(session, request, scores, reasons)
    found = {k: (min(1.0, v), reasons[k]) for k, v in scores.items() if v > 0}
    return _ranked(session, "event", found, request.limit)


def _prefilter(request: EventMatchRequest) -> Any:
    """Only events that share a title word or may fall in the date: no full scan."""
    words = [w for w in fold(request.title or "").split() if len(w) > 2][:8]
    where = [col(Event.search_key).contains(w, autoescape=True) for w in words]
    if request.date:
        lo, hi = parse_span("body.date", request.date)
        where.append((col(Event.occurred_start) <= hi) & (col(Event.occurred_end) >= lo))
    return select(Event).where(or_(*where)) if where else select(Event).where(col(Event.id) == "")


def _score_event(
    event: Event,
    request: EventMatchRequest,
    scores: dict[str, float],
    reasons: dict[str, list[str]],
) -> None:
    if request.title:
        asked, have = set(fold(request.title).split()), set(fold(event.title).split())
        overlap = len(asked & have) / max(1, len(asked | have))
        if overlap >= 0.2:
            scores[event.id] += 0.5 * overlap
            reasons[event.id].append(f"title shares {len(asked & have)} words")
    if request.date and event.occurred_start and event.occurred_end:
        lo, hi = parse_span("body.date", request.date)
        if event.occurred_start <= hi and event.occurred_end >= lo:
            scores[event.id] += 0.2
            reasons[event.id].append(f"may have occurred within {request.date}")


def _score_actors(
    session: Session,
    request: EventMatchRequest,
    scores: dict[str, float],
    reasons: dict[str, list[str]],
) -> None:
    if not request.actors:
        return
    rows = session.exec(
        select(Participation.event_id, Participation.actor_id).where(
            col(Participation.actor_id).in_(request.actors)
        )
    ).all()
    shared: dict[str, set[str]] = defaultdict(set)
    for event_id, actor_id in rows:
        shared[event_id].add(actor_id)
    for event_id, actors in shared.items():
        scores[event_id] += 0.3 * len(actors) / len(request.actors)
        reasons[event_id].append(f"involves {', '.join(sorted(actors))}")


def _score_excerpt(
    session: Session,
    request: EventMatchRequest,
    scores: dict[str, float],
    reasons: dict[str, list[str]],
) -> None:
    if not request.excerpt:
        return
    claims = select(Claim.id).where(col(Claim.subject_type) == "event")
    rows = session.exec(
        select(Evidence).where(
            or_(col(Evidence.subject_type) == "event", col(Evidence.subject_id).in_(claims)),
            col(Evidence.excerpt).contains(request.excerpt, autoescape=True),
        )
    ).all()
    via_claims = [e.subject_id for e in rows if e.subject_type == "claim"]
    claim_subjects = dict(
        session.exec(select(Claim.id, Claim.subject_id).where(col(Claim.id).in_(via_claims))).all()
    )
    best: dict[str, tuple[float, str]] = {}
    for evidence in rows:
        event_id = claim_subjects.get(evidence.subject_id, evidence.subject_id)
        # The very excerpt outranks a longer one that merely contains it.
        found = (
            (0.6, "the excerpt is evidence of it")
            if evidence.excerpt == request.excerpt
            else (0.4, "the excerpt is part of its evidence")
        )
        if found[0] > best.get(event_id, (0.0, ""))[0]:
            best[event_id] = (found[0], f"{found[1]} ({evidence.source_id})")
    for event_id, (score, reason) in best.items():
        scores[event_id] += score
        reasons[event_id].append(reason)


def _ranked(
    session: Session, record_type: str, found: dict[str, tuple[float, list[str]]], limit: int
) -> Matches:
    refs = resolve_refs(session, {(record_type, k) for k in found})
    ordered = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    return Matches(
        candidates=[
            Candidate(record=refs[(record_type, k)], score=round(score, 3), reasons=why)
            for k, (score, why) in ordered
            if (record_type, k) in refs
        ]
    )
