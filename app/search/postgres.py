"""PostgreSQL: events, sources and quotes found through their generated `search_vector`.

The columns, their GIN indexes and the text search configuration `search_records`
(unaccent, then porter stems: the words FTS5 matches on SQLite) come from the migration
`..._native_search`. Matching and ranking (`ts_rank`, titles weighted above bodies) happen
in the database, one indexed query per record type; only the rows of the page are read
back, and their snippets are cut in Python from the stems the index matched, so the
offsets are code points of the stored text, as on SQLite.

The query is a `tsquery` built from the parsed units: every token is a run of letters and
digits (`app.core.text.words`), quoted, so user syntax never reaches `to_tsquery`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Float, cast, column, func, literal, select, table
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlmodel import Session

from app.search.backend import (
    MAX_CANDIDATES,
    RANKED_MATCHES,
    Candidate,
    Highlight,
    HitKey,
    HitType,
)
from app.search.matching import rank
from app.search.portable import page_highlights
from app.search.query import SearchQuery, Unit

CONFIG = "search_records"


@dataclass(frozen=True)
class _Table:
    type: HitType
    name: str
    title: str
    body: str | None

    @cached_property
    def columns(self) -> Any:
        names = ["id", self.title, *([self.body] if self.body else []), "search_vector"]
        return table(self.name, *map(column, names)).c


_TABLES = (
    _Table("event", "event", "title", "summary"),
    _Table("quote", "quote", "text", None),
    _Table("source", "source", "title", "text"),
)


def ts_unit(unit: Unit) -> str:
    """One unit in tsquery syntax: quoted tokens joined by `<->`, `:*` on a prefix."""
    phrase = " <-> ".join(f"'{token}'" for token in unit.tokens)
    return phrase + (":*" if unit.prefix else "")


def ts_expression(query: SearchQuery, wanted: Sequence[Unit] | None = None) -> str:
    """Every wanted unit, and none of the excluded ones."""
    positive = " & ".join(f"({ts_unit(u)})" for u in (wanted or query.positives))
    return positive + "".join(f" & !({ts_unit(u)})" for u in query.negatives)


def _tsquery(expression: str) -> Any:
    return func.to_tsquery(cast(literal(CONFIG), REGCONFIG), expression)


class PostgresBackend:
    """Candidates and `ts_rank` relevance from the GIN index; tiers by the shared `rank`."""

    def find(self, session: Session, query: SearchQuery) -> list[Candidate]:
        matched = ts_expression(query)
        whole = query.whole_phrase()
        phrase = ts_expression(query, [whole]) if whole and not query.has_phrase else None
        found: list[Candidate] = []
        for spec in _TABLES:
            for record_id, title, score, phrased in session.execute(
                _candidates(spec, matched, phrase)
            ):
                tier = rank(query, title, phrase=bool(phrased))
                found.append(Candidate(spec.type, record_id, title, tier, relevance=score))
        return found

    def highlights(
        self, session: Session, query: SearchQuery, page: Sequence[Candidate]
    ) -> dict[HitKey, Highlight]:
        return page_highlights(session, query, page)


def _candidates(spec: _Table, matched: str, phrase: str | None) -> Any:
    """The best-ranked matches of one table: id, title, ts_rank, whole phrase present."""
    c = spec.columns
    query = _tsquery(matched)
    score = func.ts_rank(c.search_vector, query, type_=Float)
    phrased = c.search_vector.op("@@")(_tsquery(phrase)) if phrase else literal(False)
    matches = c.search_vector.op("@@")(query)
    # At most RANKED_MATCHES are scored: ts_rank reads each match's whole vector.
    bounded = select(c.id).where(matches).limit(RANKED_MATCHES).scalar_subquery()
    return (
        select(c.id, c[spec.title], score.label("score"), phrased)
        .where(c.id.in_(bounded))
        .order_by(score.desc(), c.id)
        .limit(MAX_CANDIDATES)
    )
