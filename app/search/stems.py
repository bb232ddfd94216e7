"""Word stems, made as SQLite FTS5's porter tokenizer and PostgreSQL's `porter` dictionary do.

Both databases stem with Martin Porter's algorithm (https://sqlite.org/fts5.html#porter_tokenizer,
Snowball's `porter` in PostgreSQL); Python stems with Snowball's `porter` too, so the words it
marks in a snippet are the words the database matched. FTS5 leaves words under three
characters, or over 64 bytes, as they are; so does `stem`.
"""

from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

_PORTER = snowballstemmer.stemmer("porter")
_MAX_BYTES = 64


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The porter stem of one folded word: "launched" and "launches" are both "launch"."""
    if len(word) < 3 or len(word.encode()) > _MAX_BYTES:
        return word
    result: str = _PORTER.stemWord(word)
    return result
