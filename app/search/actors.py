"""Actors, found by any spelling of any of their names, the same way on every database.

A name matches by its words (as records do), by its letters with the spaces taken out
("yoonsukyeol", "Sukyeol"), or by its romanisation key (`app.core.text.romanisation_key`:
"Yun Suk-yeol" and "Kim Geon" find "Yoon Suk-yeol" and "Kim Gun"). LIKE narrows the names
portably; Python decides the match and its tier. An actor's hit is its best-matching name.
"""

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session, col

from app.core.text import words
from app.models import Actor, ActorName
from app.search.backend import MAX_CANDIDATES, Candidate
from app.search.matching import Field, Tier, contains, matches, phrase_in, rank, spans, starts
from app.search.query import SearchQuery
from app.search.snippets import Span, render


def actor_candidates(session: Session, query: SearchQuery) -> list[Candidate]:
    """The best-matching name of each actor that any name of matches."""
    statement = (
        select(
            col(ActorName.actor_id), col(ActorName.name), col(ActorName.name_key), col(Actor.name)
        )
        .join(Actor, col(Actor.id) == ActorName.actor_id)
        .where(_narrow(query))
        .order_by(col(ActorName.actor_id), col(ActorName.name))
        .limit(MAX_CANDIDATES)
    )
    best: dict[str, tuple[Tier, bool, Candidate]] = {}
    for actor_id, name, name_key, label in session.execute(statement):
        hit = _match(query, actor_id, name, name_key, label)
        # Among equally good names, the actor's own (canonical) one shows best.
        ranked = (hit.tier, name == label, hit) if hit is not None else None
        if ranked and (actor_id not in best or ranked[:2] > best[actor_id][:2]):
            best[actor_id] = ranked
    return [hit for _, _, hit in best.values()]


def _narrow(query: SearchQuery) -> ColumnElement[bool]:
    """A superset of the matching names: each unit's letters in the name or in its key."""
    romanised = query.romanised()
    name = func.replace(col(ActorName.search_key), " ", "")
    key = func.replace(col(ActorName.name_key), " ", "")
    return and_(
        *(
            or_(_has(name, "".join(unit.tokens)), _has(key, "".join(roman.tokens)))
            for unit, roman in zip(query.positives, romanised.positives, strict=True)
        )
    )


def _has(column: Any, letters: str) -> ColumnElement[bool]:
    result: ColumnElement[bool] = column.contains(letters, autoescape=True)
    return result


def _match(
    query: SearchQuery, actor_id: str, name: str, name_key: str, label: str
) -> Candidate | None:
    """The tier and snippet of one name, or None when it does not match."""
    field = Field(name)
    if any(contains(unit, field) for unit in query.negatives):
        return None
    if matches(query, [field]):
        tier = rank(query, name, phrase=phrase_in(query, [field]))
        return _candidate(actor_id, label, tier, field, spans(query.positives, field))
    other = _letters_tier(query, name) or _key_tier(query, name_key)
    if other is None:
        return None
    return _candidate(actor_id, label, other, field, [Span(0, len(name))])


def _letters_tier(query: SearchQuery, name: str) -> Tier | None:
    """Matching on letters alone, spaces ignored, from the start of a word of the name.

    Equal is exact ("yoonsukyeol"), from the first word a prefix ("Yoonsuk"), from a later
    one a match of words ("Sukyeol").
    """
    name_words = words(name)
    at = _letters_at(name_words, query.compact)
    if at is None:
        return None
    if at == 0:
        return Tier.EXACT if "".join(name_words) == query.compact else Tier.PREFIX
    return Tier.TERMS


def _key_tier(query: SearchQuery, name_key: str) -> Tier | None:
    """Matching through the romanisation key: word by word, or whole words run together.

    Whole words only: a key is lossy ("zzzz" is "z"), so it must not match inside a word.
    """
    romanised = query.romanised()
    key_words = name_key.split()
    by_words = all(starts(unit, key_words) for unit in romanised.positives)
    return Tier.KEY if by_words or _spelt_by_words(key_words, romanised.compact) else None


def _spelt_by_words(name_words: list[str], letters: str) -> bool:
    """Whether some run of whole words of the name, spaces taken out, is `letters`."""
    return any(
        "".join(name_words[i:j]) == letters
        for i in range(len(name_words))
        for j in range(i + 1, len(name_words) + 1)
    )


def _letters_at(name_words: list[str], letters: str) -> int | None:
    """The first word from which the name, spaces taken out, starts with `letters`."""
    for i in range(len(name_words)):
        if "".join(name_words[i:]).startswith(letters):
            return i
    return None


def _candidate(actor_id: str, label: str, tier: Tier, field: Field, found: list[Span]) -> Candidate:
    return Candidate(
        type="actor",
        id=actor_id,
        label=label,
        tier=tier,
        field="name",
        snippet=render(field.text, found),
    )
