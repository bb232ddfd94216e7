"""SQLite: events, sources and quotes found through the FTS5 table `search_fts`.

The table, its rowid map `search_fts_row`, and the triggers on `event`, `source` and `quote`
that keep them in step with every insert, update and delete come from the migration
`..._search_index`. Its columns are
`record_type` and `record_id` (not indexed), `title` and `body`, tokenized by unicode61 with
diacritics removed, then stemmed by porter (https://sqlite.org/fts5.html; migration
`..._native_search`). Queries are built from the parsed units,
every token quoted, so user syntax never reaches FTS5.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import bindparam, text
from sqlmodel import Session

from app.search.backend import (
    FIELDS,
    MAX_CANDIDATES,
    RANKED_MATCHES,
    Candidate,
    Highlight,
    HitKey,
    HitType,
    highlight_fields,
)
from app.search.matching import rank
from app.search.query import SearchQuery, Unit
from app.search.snippets import CLOSE, OPEN, parse_highlight, render

FTS_TABLE = "search_fts"
# The trigger-kept copies of an event's span on participation (migration
# participation_when_copies; queried through app/events/when_copies.py, which search may not
# import: events depends on search).
_COPIES = ("occurred_start", "occurred_end", "occurred_first", "occurred_last")
_COPIES_INDEX = "ix_participation_when"
# bm25() weights per column: record_type, record_id, title, body. A word in a title says
# more about a record than the same word somewhere in an article.
_WEIGHTS = "0.0, 0.0, 2.0, 1.0"
# The statements name the table through a constant; user input only ever arrives as a bound
# parameter (hence the S608 waivers).
_CANDIDATES = text(
    f"SELECT rowid, record_type, record_id, title, bm25({FTS_TABLE}, {_WEIGHTS}) AS score "  # noqa: S608
    f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expr ORDER BY score LIMIT :cap"
)
# Whether more than RANKED_MATCHES rows match: read in rowid order without scoring, cheap for
# any word. bm25() would read every match to weigh the words (FTS5 counts their rows).
_COMMON = text(
    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expr "  # noqa: S608
    f"ORDER BY rowid DESC LIMIT 1 OFFSET :ranked"
)
_NEWEST = text(
    f"SELECT rowid, record_type, record_id, title, 0.0 AS score "  # noqa: S608
    f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expr ORDER BY rowid DESC LIMIT :cap"
)
# Which of the candidates (at most MAX_CANDIDATES rowids) also hold the whole phrase: bounded
# by the candidates rather than by every row that holds it.
_ROWIDS = text(
    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expr AND rowid IN :rowids"  # noqa: S608
).bindparams(bindparam("rowids", expanding=True))
_HIGHLIGHTS = text(
    f"SELECT rowid, record_type, record_id, length(title), length(body), "  # noqa: S608
    f"highlight({FTS_TABLE}, 2, :open, :close), highlight({FTS_TABLE}, 3, :open, :close) "
    f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expr AND rowid IN :rowids"
).bindparams(bindparam("rowids", expanding=True))
_TEXTS = text(f"SELECT title, body FROM {FTS_TABLE} WHERE rowid = :rowid")  # noqa: S608


def is_index_table(name: str) -> bool:
    """Whether `name` is an FTS5 table, the rowid map or a shadow table (`search_fts_data`)."""
    return name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_")


def include_name(name: str | None, type_: str, parent_names: Mapping[str, str | None]) -> bool:
    """Alembic's `include_name` hook: autogenerate leaves the search indexes alone.

    No model describes them: the FTS5 tables on SQLite, and on PostgreSQL the generated
    `search_vector` columns and the `ix_search_*` GIN indexes. Nor the copies of an event's
    span that triggers keep on its participations (app/core/query/driving.py).
    """
    if name is None:
        return True
    copy = parent_names.get("table_name") == "participation" and name in _COPIES
    search_only = {
        "table": is_index_table(name),
        "column": name == "search_vector" or copy,
        "index": name.startswith("ix_search_") or name == _COPIES_INDEX,
    }
    return not search_only.get(type_, False)


def fts_phrase(unit: Unit) -> str:
    """One unit as an FTS5 phrase: tokens inside double quotes, `*` after for a prefix."""
    quoted = " ".join(token.replace('"', '""') for token in unit.tokens)
    return f'"{quoted}"' + (" *" if unit.prefix else "")


def fts_expression(query: SearchQuery, wanted: Iterable[Unit] | None = None) -> str:
    """The MATCH expression: every wanted unit, none of the excluded ones."""
    positive = " AND ".join(fts_phrase(u) for u in (wanted or query.positives))
    return f"({positive})" + "".join(f" NOT {fts_phrase(u)}" for u in query.negatives)


class Fts5Backend:
    """Candidates, bm25 relevance and highlights from FTS5; tiers by the shared `rank`."""

    def find(self, session: Session, query: SearchQuery) -> list[Candidate]:
        params = {"expr": fts_expression(query), "cap": MAX_CANDIDATES}
        common = session.execute(_COMMON, {**params, "ranked": RANKED_MATCHES}).first()
        rows = session.execute(_NEWEST if common else _CANDIDATES, params).all()
        phrased = self._phrase_rowids(session, query, [row[0] for row in rows])
        return [
            Candidate(
                type=cast(HitType, record_type),
                id=record_id,
                label=title,
                tier=rank(query, title, phrase=rowid in phrased),
                relevance=-score,
                handle=rowid,
            )
            for rowid, record_type, record_id, title, score in rows
        ]

    def _phrase_rowids(
        self, session: Session, query: SearchQuery, candidates: list[int]
    ) -> set[int]:
        whole = query.whole_phrase()
        if whole is None or query.has_phrase or not candidates:
            return set()
        params = {"expr": fts_expression(query, [whole]), "rowids": candidates}
        rows = session.execute(_ROWIDS, params)
        return {rowid for (rowid,) in rows}

    def highlights(
        self, session: Session, query: SearchQuery, page: Sequence[Candidate]
    ) -> dict[HitKey, Highlight]:
        rowids = [c.handle for c in page if c.handle is not None]
        if not rowids:
            return {}
        params = {"expr": fts_expression(query), "open": OPEN, "close": CLOSE, "rowids": rowids}
        found: dict[HitKey, Highlight] = {}
        for row in session.execute(_HIGHLIGHTS, params):
            highlight = _highlight(row) or _recount(session, query, row)
            if highlight is not None:
                found[(row[1], row[2])] = highlight
        return found


def _highlight(row: Any) -> Highlight | None:
    """The snippet from highlight() output: from the body if it matched, else the title.

    None when a text holds a marker character itself (its parse then misses its length).
    """
    _, record_type, _, title_length, body_length, title_marked, body_marked = row
    title_name, body_name = FIELDS[record_type]
    fields = (
        (body_name, body_marked or "", body_length or 0),
        (title_name, title_marked, title_length),
    )
    for name, marked, length in fields:
        text, spans = parse_highlight(marked)
        if len(text) != length:
            return None
        if name is not None and spans:
            return Highlight(name, render(text, spans))
    return None


def _recount(session: Session, query: SearchQuery, row: Any) -> Highlight | None:
    """Matches found in Python, for the rare text that contains a highlight marker."""
    title, body = session.execute(_TEXTS, {"rowid": row[0]}).one()
    return highlight_fields(query, cast(HitType, row[1]), title, body)
