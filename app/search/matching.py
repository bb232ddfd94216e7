"""Query units matched against text in Python, with the rule that ranks a match.

The portable backend and actor names are matched here; the SQLite backend lets FTS5 do the
matching with the same word rules (`app.core.text.split_words`) and shares `rank`, so both
backends put a record in the same tier.
"""

from collections.abc import Iterable, Sequence
from enum import IntEnum
from functools import cached_property

from rapidfuzz import fuzz

from app.core.text import Word, split_words, words
from app.search.query import SearchQuery, Unit
from app.search.snippets import Span, merge_spans
from app.search.stems import stem


class Tier(IntEnum):
    """How a hit matched, best last; the value is the hit's `score`."""

    CONTAINED = 10  # a whole name among the query's words ("Barack Obama" holds "Obama")
    FUZZY = 15  # a name spelt nearly as asked (`similarity` at least FUZZY_MIN)
    KEY = 20  # only through the romanisation key of a name
    TERMS = 40  # every word somewhere
    PREFIX = 60  # through a prefix (`stolten*`), or the name or title starts with the query
    PHRASE = 80  # a quoted phrase, or all the words next to each other in order
    EXACT = 100  # the whole name or title, ignoring case, accents, punctuation and spaces


class Field:
    """A text to match units against: its folded words, and their offsets when needed.

    Matching works on the folded words joined by single spaces and padded with one at each
    end, so a unit is a substring test (" stolten" for `stolten*`, " north atlantic " for a
    phrase): the same answer as comparing word by word, at the speed of `str.find`. A
    `stemmed` field (a record's title or text, not a name) holds the words' stems, to be
    matched by a query's `stemmed()` units, as the full-text indexes match.
    """

    def __init__(self, text: str, *, stemmed: bool = False):
        self.text = text
        self.stemmed = stemmed

    @cached_property
    def padded(self) -> str:
        # Cutting a snippet needs only `forms`; this is for matching and counting.
        return f" {' '.join(self._forms(words(self.text)))} "

    def _forms(self, folded: list[str]) -> list[str]:
        return [stem(w) for w in folded] if self.stemmed else folded

    @cached_property
    def words(self) -> list[Word]:
        return split_words(self.text)

    @cached_property
    def forms(self) -> list[str]:
        """What each of `words` is compared as: folded, stemmed if the field is."""
        return self._forms([w.folded for w in self.words])


def pattern(unit: Unit) -> str:
    """What `unit` is in a field's padded words: its tokens, space-delimited."""
    return f" {' '.join(unit.tokens)}" + ("" if unit.prefix else " ")


def starts(unit: Unit, folded: Sequence[str]) -> list[int]:
    """The word indexes at which `unit` matches."""
    *head, last = unit.tokens
    width = len(unit.tokens)
    hits = []
    for i in range(len(folded) - width + 1):
        if list(folded[i : i + width - 1]) != head:
            continue
        word = folded[i + width - 1]
        if word == last or (unit.prefix and word.startswith(last)):
            hits.append(i)
    return hits


def contains(unit: Unit, field: Field) -> bool:
    return pattern(unit) in field.padded


def count(units: Iterable[Unit], field: Field) -> int:
    """How many times the units occur in the field (a rough relevance)."""
    return sum(field.padded.count(pattern(unit)) for unit in units)


def matches(query: SearchQuery, fields: Sequence[Field]) -> bool:
    """Every wanted unit is in one of the fields, and no excluded one is in any."""
    wanted = all(any(contains(u, f) for f in fields) for u in query.positives)
    return wanted and not any(contains(u, f) for u in query.negatives for f in fields)


def phrase_in(query: SearchQuery, fields: Iterable[Field]) -> bool:
    """All the query's words next to each other, in order, in one field."""
    whole = query.whole_phrase()
    return whole is not None and any(contains(whole, f) for f in fields)


def spans(units: Iterable[Unit], field: Field) -> list[Span]:
    """Where each unit matches in the field's text, merged as `merge_spans` does."""
    found = []
    for unit in units:
        width = len(unit.tokens)
        for i in starts(unit, field.forms):
            found.append(Span(field.words[i].start, field.words[i + width - 1].end))
    return merge_spans(field.text, found)


def rank(query: SearchQuery, label: str, *, phrase: bool) -> Tier:
    """The tier of a hit whose words all matched: `label` is its name or title."""
    label_compact = "".join(words(label))
    if label_compact == query.compact:
        return Tier.EXACT
    if query.has_phrase or phrase:
        return Tier.PHRASE
    if query.has_prefix or label_compact.startswith(query.compact):
        return Tier.PREFIX
    return Tier.TERMS


# How alike (0-100) a misspelt name must be to count: "Stoltenburg" is 91 to "Stoltenberg",
# "Yoon Suk-yol" 95 to "Yoon Suk-yeol"; "Yun" is 57 to "Yoon" (the romanisation key's job).
FUZZY_MIN = 80.0
# Fewer letters than this make every short name a near miss of every other.
FUZZY_MIN_LETTERS = 4
REASONS = {
    Tier.CONTAINED: "the query contains a whole name",
    Tier.FUZZY: "fuzzy: a name spelt nearly so",
    Tier.KEY: "romanisation: another Latin spelling of a name",
    Tier.TERMS: "every word somewhere",
    Tier.PREFIX: "a prefix, or the name or title starts with the query",
    Tier.PHRASE: "a phrase: the words side by side",
    Tier.EXACT: "exact: the whole name or title",
}


def similarity(letters: str, name: str) -> float:
    """How alike `letters` (folded, spaceless) are to the name or a run of its words, 0-100.

    rapidfuzz's normalised Indel similarity (`fuzz.ratio`) on spaceless letters, so
    "Stoltenburg" meets "Jens Stoltenberg" through its last word.
    """
    name_words = words(name)
    runs = (
        "".join(name_words[i:j])
        for i in range(len(name_words))
        for j in range(i + 1, len(name_words) + 1)
    )
    return max((fuzz.ratio(letters, run) for run in runs), default=0.0)


def fuzzy_reason(name: str, score: float) -> str:
    return f"fuzzy: {name!r} is spelt {score:.0f}% alike"
