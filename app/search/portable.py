"""The portable fallback: any database, no index; matching and snippets in Python.

Events and quotes are narrowed with LIKE on their folded `search_key` (every query word
must occur in it) before Python matches the words exactly. Article bodies have no folded
column, so sources are read in batches and matched in Python: correct, but linear in the
size of the articles (see bench/search_bench.py). SQLite and PostgreSQL have their own
backends; this one serves any other database, and checks them in the tests.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, literal, select
from sqlmodel import Session, col

from app.models import Event, Quote, Source
from app.search.backend import (
    MAX_CANDIDATES,
    Candidate,
    Highlight,
    HitKey,
    HitType,
    highlight_fields,
    record_fields,
)
from app.search.matching import count, matches, phrase_in, rank
from app.search.query import SearchQuery
from app.search.stems import stem

_BATCH = 200


@dataclass(frozen=True)
class _Table:
    """Where a record type keeps its id, title, body and (if any) folded search key."""

    type: HitType
    id: Any
    title: Any
    body: Any
    key: Any | None

    def rows(self) -> Select[Any]:
        return select(self.id, self.title, self.body)


_TABLES = (
    _Table("event", col(Event.id), col(Event.title), col(Event.summary), col(Event.search_key)),
    _Table("quote", col(Quote.id), col(Quote.text), literal(""), col(Quote.search_key)),
    _Table("source", col(Source.id), col(Source.title), col(Source.text), None),
)


class PortableBackend:
    """Matches, tiers, relevance (matches counted, title ones twice) and snippets in Python."""

    def find(self, session: Session, query: SearchQuery) -> list[Candidate]:
        found: list[Candidate] = []
        for table in _TABLES:
            hits = (_candidate(query, table.type, *row) for row in _rows(session, table, query))
            found += sorted(filter(None, hits), key=lambda c: (-c.tier, -c.relevance, c.id))[
                :MAX_CANDIDATES
            ]
        return found

    def highlights(
        self, session: Session, query: SearchQuery, page: Sequence[Candidate]
    ) -> dict[HitKey, Highlight]:
        return page_highlights(session, query, page)


def page_highlights(
    session: Session, query: SearchQuery, page: Sequence[Candidate]
) -> dict[HitKey, Highlight]:
    """Snippets cut in Python from the texts of the page's records (and only those)."""
    found: dict[HitKey, Highlight] = {}
    for table in _TABLES:
        ids = [c.id for c in page if c.type == table.type]
        if not ids:
            continue
        for record_id, title, body in session.execute(table.rows().where(table.id.in_(ids))):
            highlight = highlight_fields(query, table.type, title, body)
            if highlight is not None:
                found[(table.type, record_id)] = highlight
    return found


def _rows(session: Session, table: _Table, query: SearchQuery) -> Iterator[Any]:
    """Rows that may match: narrowed by LIKE where the table has a folded key, else all."""
    if table.key is None:
        yield from session.execute(table.rows().execution_options(yield_per=_BATCH))
        return
    narrowed = and_(*_contains_every_token(table.key, query.tokens))
    yield from session.execute(table.rows().where(narrowed))


def _contains_every_token(key: Any, tokens: Iterable[str]) -> list[ColumnElement[bool]]:
    return [key.contains(_letters_of_every_form(token), autoescape=True) for token in tokens]


def _letters_of_every_form(token: str) -> str:
    """Letters that every word with the token's stem contains, near enough for narrowing.

    Stems are mostly prefixes of their words; where porter rewrote the end ("ponies" and
    "pony" are "poni") the shared start, less its last letter, still is.
    """
    stemmed = stem(token)
    length = next(
        (i for i, (a, b) in enumerate(zip(token, stemmed, strict=False)) if a != b), len(stemmed)
    )
    shared = token[:length]
    return shared[:-1] if len(shared) > 3 else shared


def _candidate(
    query: SearchQuery, record_type: HitType, record_id: str, title: str, body: str
) -> Candidate | None:
    fields, stemmed = record_fields(title, body), query.stemmed()
    if not matches(stemmed, fields):
        return None
    relevance = 2 * count(stemmed.positives, fields[0])
    relevance += sum(count(stemmed.positives, f) for f in fields[1:])
    return Candidate(
        type=record_type,
        id=record_id,
        label=title,
        tier=rank(query, title, phrase=phrase_in(stemmed, fields)),
        relevance=float(relevance),
    )
