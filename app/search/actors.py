"""Actors, found by any spelling of any of their names, the same way on every database.

A name matches by its words (as records do), by its letters with the spaces taken out
("yoonsukyeol", "Sukyeol"), or by its romanisation key (`app.core.text.romanisation_key`:
"Yun Suk-yeol" and "Kim Geon" find "Yoon Suk-yeol" and "Kim Gun"). Below those, a name
spelt nearly as asked ("Stoltenburg": fuzzy, scored by rapidfuzz), and a name found whole
among the query's words ("Barack Obama" holds "OBAMA"). Each database's index narrows the
names (`app.search.names`); Python decides the match and its tier. An actor's hit is its
best-matching name.
"""

from sqlmodel import Session

from app.core.text import words
from app.search import names
from app.search.backend import Candidate
from app.search.matching import (
    FUZZY_MIN,
    FUZZY_MIN_LETTERS,
    Field,
    Tier,
    contains,
    fuzzy_reason,
    matches,
    phrase_in,
    rank,
    similarity,
    spans,
    starts,
)
from app.search.query import SearchQuery
from app.search.snippets import Span, render


def actor_candidates(session: Session, query: SearchQuery) -> list[Candidate]:
    """The best-matching name of each actor that any name of matches."""
    best: dict[str, tuple[Tier, bool, Candidate]] = {}
    for row in names.narrowed(session, query):
        _keep(best, query, row, _match(query, *row))
    # Misspellings are looked for only when no name matched as spelt: the similarity query
    # is the costliest of the three, and a near miss would rank below every such match.
    if not best and not query.has_prefix and len(query.compact) >= FUZZY_MIN_LETTERS:
        for row in names.similar(session, " ".join(query.tokens)):
            _keep(best, query, row, _fuzzy(query, *row))
    for row in names.containing(session, query):
        _keep(best, query, row, _contained(*row))
    return [hit for _, _, hit in best.values()]


def _keep(
    best: dict[str, tuple[Tier, bool, Candidate]],
    query: SearchQuery,
    row: names.NameRow,
    hit: Candidate | None,
) -> None:
    """Keep `hit` if it is the actor's best so far and its name has no excluded word."""
    actor_id, name, _, label = row
    if hit is None or any(contains(unit, Field(name)) for unit in query.negatives):
        return
    # Among equally good names, the actor's own (canonical) one shows best.
    ranked = (hit.tier, name == label, hit)
    if actor_id not in best or ranked[:2] > best[actor_id][:2]:
        best[actor_id] = ranked


def _contained(actor_id: str, name: str, name_key: str, label: str) -> Candidate:
    reason = f"the query contains the name {name!r}"
    return _candidate(actor_id, label, Tier.CONTAINED, Field(name), [Span(0, len(name))], reason)


def _fuzzy(
    query: SearchQuery, actor_id: str, name: str, name_key: str, label: str
) -> Candidate | None:
    score = similarity(query.compact, name)
    if score < FUZZY_MIN:
        return None
    return Candidate(
        type="actor",
        id=actor_id,
        label=label,
        tier=Tier.FUZZY,
        relevance=score,
        field="name",
        snippet=render(name, [Span(0, len(name))]),
        reason=fuzzy_reason(name, score),
    )


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


def _candidate(
    actor_id: str, label: str, tier: Tier, field: Field, found: list[Span], reason: str = ""
) -> Candidate:
    return Candidate(
        type="actor",
        id=actor_id,
        label=label,
        tier=tier,
        field="name",
        snippet=render(field.text, found),
        reason=reason,
    )
