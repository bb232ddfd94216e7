"""Text folding shared by search and the records that feed it."""

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from confusable_homoglyphs import confusables

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_DOUBLED = re.compile(r"(.)\1+")


def _char_class(wanted: Callable[[str], bool]) -> str:
    """A regex character class body holding every character of the BMP that is `wanted`."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if not wanted(chr(cp)):
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ranges)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


# Combining characters that fold() drops after NFKD, as one regex rather than a loop in
# Python: folding article texts is on the search fallback's path. The table covers the BMP;
# the rare text beyond it takes the loop.
_COMBINING = re.compile(f"[{_char_class(lambda ch: unicodedata.combining(ch) != 0)}]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# A word is a run of letters, digits and combining marks, as SQLite FTS5's unicode61
# tokenizer sees it (https://sqlite.org/fts5.html#unicode61_tokenizer): "Seok-yeol" is two
# words, "Geoană" one whether its accent is precomposed or combining.
_WORD = re.compile(rf"(?:[^\W_]|[{_char_class(_is_mark)}])+")

# Spelling rules of thumb for Korean names in Latin script: Revised Romanisation,
# McCune-Reischauer and the spellings people choose for themselves disagree mostly on these
# vowels and on voiced/unvoiced consonants. Applied in order to each folded word; then
# doubled letters collapse ("kk", "ss"). Yoon/Yun, Suk/Seok, Gun/Geon, Soon-gu/Soon-koo
# all meet. Hangul and other non-Latin text passes through unchanged.
ROMANISATION_RULES: tuple[tuple[str, str], ...] = (
    ("eo", "u"),
    ("eu", "u"),
    ("oo", "u"),
    ("ou", "u"),
    ("ae", "e"),
    ("ee", "i"),
    ("sh", "s"),
    ("ch", "j"),
    ("g", "k"),
    ("b", "p"),
    ("d", "t"),
    ("r", "l"),
)


def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation, keep scripts: "Geoană" and "geoana" match.

    NFKD splits accents off Latin letters (and Hangul syllables into jamo); dropping the
    combining marks and recomposing with NFC gives Hangul back whole. `lower()` rather than
    `casefold()`, so "ß" stays one letter as in SQLite FTS5's unicode61 tokenizer, which the
    search index uses: both sides must fold a word the same way to find it.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = _COMBINING.sub("", decomposed)
    if _ASTRAL.search(stripped):
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFC", stripped).lower())
    return " ".join(words.split())


def compact(text: str) -> str:
    """The folded text without spaces, so "Suk-yeol", "Suk yeol" and "Sukyeol" meet."""
    return fold(text).replace(" ", "")


def romanise_word(word: str) -> str:
    """One folded word reduced by `ROMANISATION_RULES`: "seok" -> "suk", "koo" -> "ku"."""
    for spelling, key in ROMANISATION_RULES:
        word = word.replace(spelling, key)
    return _DOUBLED.sub(r"\1", word)


def romanisation_key(text: str) -> str:
    """The romanisation key of a name, word by word: "Yun Seok-yeol" -> "yun suk yul"."""
    return " ".join(romanise_word(word) for word in fold(text).split())


@dataclass(frozen=True)
class Word:
    """A word of a text: where it is (code-point offsets) and its folded form."""

    start: int
    end: int
    folded: str


def split_words(text: str) -> list[Word]:
    """The words of `text` with their offsets; words that fold to nothing are left out."""
    found = (Word(m.start(), m.end(), _fold_word(m.group())) for m in _WORD.finditer(text))
    return [word for word in found if word.folded]


def _fold_word(word: str) -> str:
    # Most words are plain ASCII letters and digits, which only need lowercasing.
    return word.lower() if word.isascii() else "".join(fold(word).split())


def words(text: str) -> list[str]:
    """The folded words of `text`, in order (`split_words` without the offsets, faster)."""
    return [folded for folded in map(_fold_word, _WORD.findall(text)) if folded]


def stable_id(prefix: str, *parts: object) -> str:
    """A short id derived from content, so reseeding the same fact gives the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"{prefix}-{digest[:12]}"


# Control characters (Unicode category Cc: NUL, ESC, DEL, C1 controls) have no place in a
# record's text; long texts keep their line breaks and tabs. Format characters (Cf, such
# as the zero-width joiner some scripts need) stay.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_NO_WORD = "holds no letter or digit (only invisible or punctuation characters)"


def line_text(value: str) -> str:
    """`value` if it holds no control character; a ValueError naming the first one if not."""
    return _refuse_controls(value, _CONTROLS)


def long_text(value: str) -> str:
    """`value` if its only control characters are line feeds, carriage returns and tabs."""
    return _refuse_controls(value, _CONTROLS_BUT_LINES)


def name_text(value: str) -> str:
    """A name or title: one line, and something left once folded (not only zero-width
    characters or punctuation), so it can be found and told apart."""
    # Printable ASCII has no control character, and folds to nothing only without a letter
    # or digit: most names, checked without the Unicode folding (an import checks millions).
    if value.isascii() and value.isprintable():
        if _ASCII_WORD.search(value) is None:
            raise ValueError(_NO_WORD)
        return value
    line_text(value)
    if not fold(value):
        raise ValueError(_NO_WORD)
    return value


def _refuse_controls(value: str, pattern: re.Pattern[str]) -> str:
    found = pattern.search(value)
    if found is not None:
        raise ValueError(f"holds the control character U+{ord(found.group()):04X}")
    return value


def skeleton(text: str) -> str:
    """The folded text with look-alike letters of other scripts read as the Latin ones they
    imitate (in the spirit of Unicode TR39 skeletons, https://www.unicode.org/reports/tr39/):
    "NATO" in Cyrillic capitals and the Latin "NATO" meet; other text folds as usual."""
    found: list[dict[str, Any]] | bool = confusables.is_confusable(
        text, greedy=True, preferred_aliases=["latin"]
    )
    if not found or isinstance(found, bool):
        return fold(text)
    latin: dict[str, str] = {}
    for entry in found:
        glyphs = [g["c"] for g in entry["homoglyphs"] if g["c"].isascii() and g["c"].isalnum()]
        if glyphs:
            latin[entry["character"]] = glyphs[0]
    return fold("".join(latin.get(ch, ch) for ch in text))
