"""The one interface behind which each database searches events, sources and quotes.

Actor names are searched the same way on every database (`app.search.actors`); the records
with long texts are each backend's business: SQLite's FTS5 index (`fts5.py`) or a portable
LIKE-and-Python fallback (`portable.py`) until PostgreSQL gets its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from sqlmodel import Session

from app.search.matching import Field, Tier, spans
from app.search.query import SearchQuery, Unit
from app.search.snippets import AFTER, Snippet, Span, render

HitType = Literal["actor", "event", "source", "quote", "place"]
FieldName = Literal["name", "title", "summary", "text"]
HitKey = tuple[HitType, str]
# How much of a long text is matched first for its snippet, and how far past the snippet.
_FIRST_PREFIX = 2048
_MARGIN = 1000
# Most candidates one query collects per backend; ranking and paging happen within them.
MAX_CANDIDATES = 1000
# Which field of each record is its title and which its body, as indexed. A quote's words
# are its title: they are also its label.
FIELDS: dict[HitType, tuple[FieldName, FieldName | None]] = {
    "event": ("title", "summary"),
    "source": ("title", "text"),
    "quote": ("text", None),
}


@dataclass(frozen=True)
class Candidate:
    """A record that matched, how well, and (when already known) its snippet."""

    type: HitType
    id: str
    label: str
    tier: Tier
    # Order within a tier and type: FTS5's bm25 (negated) or the number of matches.
    relevance: float = 0.0
    field: FieldName = "title"
    snippet: Snippet | None = None
    # The backend's own handle on the row (FTS5's rowid), for fetching snippets later.
    handle: int | None = None
    # Why it matched, when the tier alone does not say it all (a fuzzy match's similarity).
    reason: str = ""

    @property
    def key(self) -> HitKey:
        return (self.type, self.id)


@dataclass(frozen=True)
class Highlight:
    """A snippet and the field it was cut from."""

    field: FieldName
    snippet: Snippet


class SearchBackend(Protocol):
    def find(self, session: Session, query: SearchQuery) -> list[Candidate]:
        """Every event, source and quote that matches, with its tier and relevance."""
        ...

    def highlights(
        self, session: Session, query: SearchQuery, page: Sequence[Candidate]
    ) -> dict[HitKey, Highlight]:
        """The snippet of each candidate on the page, from the text that matched."""
        ...


def record_fields(title: str, body: str | None) -> list[Field]:
    """A record's title and (when it has one) body, as the full-text indexes match them."""
    fields = [Field(title, stemmed=True)]
    return [*fields, Field(body, stemmed=True)] if body else fields


def highlight_fields(
    query: SearchQuery, record_type: HitType, title: str, body: str | None
) -> Highlight | None:
    """The snippet of a record from its body when the body matched, else from its title."""
    title_name, body_name = FIELDS[record_type]
    units = query.stemmed().positives
    if body and body_name is not None:
        found = leading_spans(units, body)
        if found:
            return Highlight(body_name, render(body, found))
    found = spans(units, Field(title, stemmed=True))
    return Highlight(title_name, render(title, found)) if found else None


def leading_spans(units: Sequence[Unit], text: str) -> list[Span]:
    """`spans` of a long text as far as its snippet shows: a growing prefix, not all of it.

    The prefix ends at a space and reaches `_MARGIN` past the snippet's end, so a phrase
    that starts within the snippet is found whole.
    """
    size = _FIRST_PREFIX
    while True:
        space = text.find(" ", size)
        cut = len(text) if space < 0 else space
        found = spans(units, Field(text[:cut], stemmed=True))
        if cut == len(text) or (found and found[0].end + AFTER + _MARGIN <= cut):
            return found
        size *= 4
