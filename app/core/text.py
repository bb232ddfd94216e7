"""Text folding shared by search and the records that feed it."""

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation, keep scripts: "Geoană" and "geoana" match.

    NFKD splits accents off Latin letters (and Hangul syllables into jamo); dropping the
    combining marks and recomposing with NFC gives Hangul back whole.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFC", stripped).casefold())
    return " ".join(words.split())


def compact(text: str) -> str:
    """The folded text without spaces, so "Suk-yeol", "Suk yeol" and "Sukyeol" meet."""
    return fold(text).replace(" ", "")


def stable_id(prefix: str, *parts: object) -> str:
    """A short id derived from content, so reseeding the same fact gives the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"{prefix}-{digest[:12]}"
