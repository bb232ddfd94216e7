"""Places, found by their name or any of their alternate names ("Bruxelles" finds Brussels).

The database narrows the spellings to those holding every query word (a LIKE on the folded
`place_name.search_key` and on the lowercased `place.name`); Python decides the match and its
tier as for any name. A place's hit is its best-matching spelling.
"""

from typing import Any

from sqlalchemy import and_, func, select, union_all
from sqlmodel import Session, col

from app.models import Place, PlaceName
from app.search.backend import Candidate
from app.search.matching import Field, matches, phrase_in, rank, spans
from app.search.query import SearchQuery
from app.search.snippets import render

MAX_SPELLINGS = 1000


def place_candidates(session: Session, query: SearchQuery) -> list[Candidate]:
    """The best-matching spelling of each place that any of its spellings matches."""
    best: dict[str, tuple[int, bool, Candidate]] = {}
    for place_id, spelling, label in session.execute(_narrowed(query)):
        hit = _match(query, place_id, spelling, label)
        if hit is None:
            continue
        ranked = (int(hit.tier), spelling == label, hit)
        if place_id not in best or ranked[:2] > best[place_id][:2]:
            best[place_id] = ranked
    return [hit for _, _, hit in best.values()]


def _narrowed(query: SearchQuery) -> Any:
    tokens = sorted({t for unit in query.positives for t in unit.tokens})
    own = select(col(Place.id), col(Place.name), col(Place.name)).where(
        and_(*(func.lower(col(Place.name)).like(f"%{t}%") for t in tokens))
    )
    alternate = (
        select(col(PlaceName.place_id), col(PlaceName.name), col(Place.name))
        .join(Place, col(Place.id) == PlaceName.place_id)
        .where(and_(*(col(PlaceName.search_key).like(f"%{t}%") for t in tokens)))
    )
    return union_all(own, alternate).limit(MAX_SPELLINGS)


def _match(query: SearchQuery, place_id: str, spelling: str, label: str) -> Candidate | None:
    field = Field(spelling)
    if not matches(query, [field]):
        return None
    found = spans(query.positives, field)
    if not found:
        return None
    return Candidate(
        type="place",
        id=place_id,
        label=label,
        tier=rank(query, spelling, phrase=phrase_in(query, [field])),
        field="name",
        snippet=render(spelling, found),
        reason="" if spelling == label else f"an alternate name: {spelling!r}",
    )
