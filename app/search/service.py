"""Search over actors (every spelling of every name), events, sources and quotes.

Text is compared folded (case, accents and punctuation removed), both with its spaces and
without them, so "Yoon Suk-yeol", "yoon suk yeol" and "yoonsukyeol" find the same person.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, func, or_
from sqlmodel import Session, col, select

from app.core.records import href
from app.core.text import fold
from app.models import Actor, ActorName, Event, Quote, Source
from app.search.schemas import SearchHit

MAX_CANDIDATES = 1000


@dataclass(frozen=True)
class Query:
    folded: str
    compact: str
    words: tuple[str, ...]


def parse(q: str) -> Query | None:
    """The folded forms of a query; None when nothing searchable is left."""
    folded = fold(q)
    if not folded:
        return None
    return Query(folded=folded, compact=folded.replace(" ", ""), words=tuple(folded.split()))


def _matches(key: SQLColumnExpression[str], query: Query) -> ColumnElement[bool]:
    compacted = func.replace(key, " ", "")
    words = and_(*(key.contains(w, autoescape=True) for w in query.words))
    return or_(compacted.contains(query.compact, autoescape=True), words)


def score(key: str, query: Query) -> int:
    """How well one folded text matches: exact, prefix, inside, or every word somewhere."""
    compacted = key.replace(" ", "")
    if key == query.folded or compacted == query.compact:
        return 100
    if compacted.startswith(query.compact):
        return 50
    if query.compact in compacted:
        return 20
    return 10


def search(session: Session, query: Query) -> list[SearchHit]:
    """Every hit, best first; ties by type and id so the order is stable."""
    hits = [*_actor_hits(session, query), *_record_hits(session, query)]
    return sorted(hits, key=lambda h: (-h.score, h.type, h.id))


def _actor_hits(session: Session, query: Query) -> Iterable[SearchHit]:
    statement = (
        select(ActorName, Actor.name)
        .join(Actor, col(Actor.id) == ActorName.actor_id)
        .where(_matches(col(ActorName.search_key), query))
        .limit(MAX_CANDIDATES)
    )
    best: dict[str, SearchHit] = {}
    for name, label in session.exec(statement):
        hit = SearchHit(
            type="actor",
            id=name.actor_id,
            label=label,
            href=href("actor", name.actor_id),
            matched=name.name,
            score=score(name.search_key, query),
        )
        if name.actor_id not in best or hit.score > best[name.actor_id].score:
            best[name.actor_id] = hit
    return best.values()


def _record_hits(session: Session, query: Query) -> Iterable[SearchHit]:
    targets = (
        ("event", Event, col(Event.title), col(Event.search_key)),
        ("source", Source, col(Source.title), col(Source.search_key)),
        ("quote", Quote, col(Quote.text), col(Quote.search_key)),
    )
    for record_type, table, label_col, key_col in targets:
        id_col = col(getattr(table, "id"))  # noqa: B009  (every record table has `id`)
        statement = select(id_col, label_col, key_col).where(_matches(key_col, query))
        for record_id, label, key in session.exec(statement.limit(MAX_CANDIDATES)):
            yield SearchHit(
                type=record_type,
                id=record_id,
                label=label,
                href=href(record_type, record_id),
                matched=label,
                score=score(key, query),
            )
