"""Search: actors and places (every spelling of every name), events, sources and quotes,
ranked together.

The ranking rule: by tier (`Tier`, the hit's `score`: exact name or title > phrase > prefix
> words > romanisation key > a misspelt name > a name within the query); within a tier by
type (actor, event, place, quote, source), then by relevance (bm25 on SQLite, ts_rank on
PostgreSQL, the number of matches elsewhere), then by id, so the order is stable and
pages never overlap.
"""

from sqlmodel import Session

from app.core.errors import BadParameter
from app.core.pagination import decode_cursor, encode_cursor
from app.core.records import href
from app.search.actors import actor_candidates
from app.search.backend import FIELDS, Candidate, Highlight, HitKey, SearchBackend
from app.search.matching import REASONS
from app.search.places import place_candidates
from app.search.query import SearchQuery
from app.search.schemas import SearchHit
from app.search.snippets import unmarked


def search(
    session: Session,
    backend: SearchBackend,
    query: SearchQuery,
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[SearchHit], str | None]:
    """One page of hits, best first, and the cursor of the next page (None on the last)."""
    candidates = [
        *actor_candidates(session, query),
        *place_candidates(session, query),
        *backend.find(session, query),
    ]
    candidates.sort(key=_order)
    offset = _offset(cursor)
    page = candidates[offset : offset + limit]
    highlights = backend.highlights(session, query, [c for c in page if c.snippet is None])
    more = offset + limit < len(candidates)
    return [_hit(c, highlights) for c in page], encode_cursor(str(offset + limit)) if more else None


def _order(candidate: Candidate) -> tuple[int, str, float, str]:
    return (-candidate.tier, candidate.type, -candidate.relevance, candidate.id)


def _offset(cursor: str | None) -> int:
    """How many hits the cursor's page starts after; a 400 naming `cursor` if not ours."""
    if cursor is None:
        return 0
    after = decode_cursor(cursor)
    if not after.isdigit():
        raise BadParameter("query.cursor", "not a cursor this API issued")
    return int(after)


def _hit(candidate: Candidate, highlights: dict[HitKey, Highlight]) -> SearchHit:
    if candidate.snippet is not None:
        highlight = Highlight(candidate.field, candidate.snippet)
    else:
        # Only when the row changed between finding and highlighting it: show its label.
        default = Highlight(FIELDS[candidate.type][0], unmarked(candidate.label))
        highlight = highlights.get(candidate.key, default)
    snippet = highlight.snippet
    return SearchHit(
        type=candidate.type,
        id=candidate.id,
        label=candidate.label,
        href=href(candidate.type, candidate.id),
        matched=snippet.matched,
        field=highlight.field,
        start=snippet.start,
        end=snippet.end,
        score=int(candidate.tier),
        reason=candidate.reason or REASONS[candidate.tier],
        snippet=snippet.html,
    )
