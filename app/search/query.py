"""The search query language, parsed here so that raw user syntax never reaches the database.

    yoon suk-yeol          words: every one must match (a hyphenated word is a phrase)
    "north atlantic"       a phrase: these words next to each other, in this order
    stolten*               a prefix: any word that starts with it ("Stoltenberg")
    "jens stolt"*          a phrase whose last word is a prefix
    -china                 leave out what matches this word, phrase or prefix

Words are compared folded (case, accents and punctuation ignored) as `app.core.text.fold`
does. Anything else is a 400 naming `query.q`: an unbalanced `"`, an empty phrase, a `*`
or `-` with no word to apply to, a `*` inside a word, a query of only exclusions, or more
than `MAX_UNITS` words and phrases.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from app.core.errors import BadParameter
from app.core.text import romanise_word, words
from app.search.stems import stem

MAX_UNITS = 16
PARAM = "query.q"
# After any spaces: a phrase in double quotes, or a bare word up to the next space or quote;
# either may be preceded by `-` (exclude) and followed by `*` (prefix; for a bare word the
# `*` is part of the word and checked by `_build`).
_LEXEME = re.compile(
    r'\s*(?P<neg>-?)(?:"(?P<phrase>[^"]*)(?P<close>"?)(?P<star>\*?)|(?P<word>[^\s"]*))'
)


@dataclass(frozen=True)
class Unit:
    """A word (one token), or a phrase (several); `prefix` applies to the last token."""

    tokens: tuple[str, ...]
    prefix: bool = False
    negated: bool = False

    def romanised(self) -> "Unit":
        return Unit(tuple(romanise_word(t) for t in self.tokens), self.prefix, self.negated)

    def stemmed(self) -> "Unit":
        return Unit(tuple(stem(t) for t in self.tokens), self.prefix, self.negated)


@dataclass(frozen=True)
class SearchQuery:
    units: tuple[Unit, ...]

    # Cached: ranking reads these once per candidate, up to a thousand times a query.
    @cached_property
    def positives(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if not u.negated)

    @cached_property
    def negatives(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.negated)

    @cached_property
    def tokens(self) -> tuple[str, ...]:
        """Every token to find, in order."""
        return tuple(t for u in self.positives for t in u.tokens)

    @cached_property
    def compact(self) -> str:
        return "".join(self.tokens)

    @cached_property
    def has_prefix(self) -> bool:
        return any(u.prefix for u in self.positives)

    @cached_property
    def has_phrase(self) -> bool:
        return any(len(u.tokens) > 1 for u in self.positives)

    def whole_phrase(self) -> Unit | None:
        """All the words as one phrase, when there are several and only the last is a prefix."""
        units = self.positives
        if len(self.tokens) < 2 or any(u.prefix for u in units[:-1]):
            return None
        return Unit(self.tokens, prefix=units[-1].prefix)

    def romanised(self) -> "SearchQuery":
        return SearchQuery(tuple(u.romanised() for u in self.units))

    def stemmed(self) -> "SearchQuery":
        """The query as record texts are matched: each word by its stem, as the indexes do.

        A prefix is stemmed too (FTS5 and PostgreSQL do so) and matches the start of a stem:
        `launc*` finds "launched" (stem "launch"); `generat*` misses "generation" ("gener").
        """
        return SearchQuery(tuple(u.stemmed() for u in self.units))


def parse_query(q: str) -> SearchQuery:
    """The units of `q`; a BadParameter naming `query.q` when it is not a valid query."""
    units = tuple(_units(q))
    if not units:
        raise BadParameter(PARAM, "has no letters or digits to search for")
    if all(u.negated for u in units):
        raise BadParameter(PARAM, "has only exclusions (-word); add a word to find")
    if len(units) > MAX_UNITS:
        raise BadParameter(PARAM, f"has more than {MAX_UNITS} words and phrases")
    return SearchQuery(units)


def _units(q: str) -> Iterator[Unit]:
    position = 0
    while position < len(q):
        match = _LEXEME.match(q, position)
        if match is None or match.end() == position:
            break  # cannot happen: a lexeme takes at least one character until the end
        position = match.end()
        unit = _unit(match)
        if unit is not None:
            yield unit


def _unit(match: re.Match[str]) -> Unit | None:
    """One lexeme as a unit; None for bare punctuation."""
    negated = bool(match["neg"])
    if match["phrase"] is not None:
        if not match["close"]:
            raise BadParameter(PARAM, 'has an unbalanced double quote (")')
        return _build(match["phrase"], quoted=True, prefix=bool(match["star"]), negated=negated)
    word = match["word"]
    return _build(word.removesuffix("*"), quoted=False, prefix=word.endswith("*"), negated=negated)


def _build(text: str, *, quoted: bool, prefix: bool, negated: bool) -> Unit | None:
    if "*" in text:
        raise BadParameter(PARAM, "has a `*` inside a word; it may only end a word or phrase")
    tokens = tuple(words(text))
    if tokens:
        return Unit(tokens, prefix=prefix, negated=negated)
    if quoted:
        raise BadParameter(PARAM, 'has an empty phrase ("")')
    if prefix or negated:
        operator = "*" if prefix else "-"
        raise BadParameter(PARAM, f"has a `{operator}` with no word to apply to")
    return None  # punctuation on its own, e.g. "…": nothing to search for
