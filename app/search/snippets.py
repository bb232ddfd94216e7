"""Snippets: a window of text around the first match, matched words in `<mark>`.

The format, also described on `SearchHit.snippet`: plain text made safe for HTML
(`html.escape`: `&`, `<`, `>`, `"` and `'`), whitespace runs shown as one space, each match
wrapped in `<mark>…</mark>`, and `…` where the window cuts the text. Matches separated only
by spaces or hyphens are one mark ("<mark>Yun Seok-yeol</mark>"), so the marks are the same
whether FTS5 or Python found the words.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Characters of the window before and after the first match; the window then shrinks to
# whole words.
BEFORE = 60
AFTER = 140
# Private-use characters that FTS5's highlight() puts around matches for `parse_highlight`.
OPEN = "\ue000"
CLOSE = "\ue001"
_JOINER = re.compile(r"[\s\-\u2010\u2011]*")
_SPACE = re.compile(r"\s+")
_MARKER = re.compile(f"([{OPEN}{CLOSE}])")


@dataclass(frozen=True, order=True)
class Span:
    """A match at code-point offsets `start`..`end` of a text."""

    start: int
    end: int


@dataclass(frozen=True)
class Snippet:
    """A rendered snippet, and the first match: its text and offsets in the whole text."""

    html: str
    matched: str
    start: int
    end: int


def merge_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans in order, overlapping ones and those apart by only spaces or hyphens joined."""
    merged: list[Span] = []
    for span in sorted(spans):
        last = merged[-1] if merged else None
        if last and (span.start <= last.end or _JOINER.fullmatch(text, last.end, span.start)):
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def parse_highlight(marked: str) -> tuple[str, list[Span]]:
    """The text inside FTS5 highlight() output, and the spans that OPEN/CLOSE delimited."""
    plain: list[str] = []
    spans: list[Span] = []
    position, opened = 0, -1
    for piece in _MARKER.split(marked):
        if piece == OPEN:
            opened = position
        elif piece == CLOSE and opened >= 0:
            spans.append(Span(opened, position))
            opened = -1
        else:
            plain.append(piece)
            position += len(piece)
    text = "".join(plain)
    return text, merge_spans(text, spans)


def render(text: str, spans: list[Span]) -> Snippet:
    """The snippet around the first of `spans` (which must not be empty)."""
    first = spans[0]
    low, high = _window(text, first)
    parts = ["…"] if low > 0 else []
    cursor = low
    for span in spans:
        start, end = max(span.start, low), min(span.end, high)
        if start >= end:
            continue
        parts += [_escape(text[cursor:start]), "<mark>", _escape(text[start:end]), "</mark>"]
        cursor = end
    parts.append(_escape(text[cursor:high]))
    if high < len(text):
        parts.append("…")
    matched = text[first.start : first.end]
    return Snippet("".join(parts).strip(), matched, first.start, first.end)


def _window(text: str, first: Span) -> tuple[int, int]:
    """Where the snippet starts and ends: whole words around `first`, within the budget."""
    low = max(0, first.start - BEFORE)
    if low > 0:
        space = _SPACE.search(text, low, first.start)
        low = space.end() if space else first.start
    high = min(len(text), first.end + AFTER)
    if high < len(text):
        spaces = list(_SPACE.finditer(text, first.end, high))
        high = spaces[-1].start() if spaces else high
    return low, high


def _escape(text: str) -> str:
    return html.escape(_SPACE.sub(" ", text))


def unmarked(text: str) -> Snippet:
    """A snippet of the start of `text` with no match marked, for a hit whose match is gone."""
    high = len(text) if len(text) <= BEFORE + AFTER else _window(text, Span(0, 0))[1]
    return Snippet(_escape(text[:high]).strip() + ("…" if high < len(text) else ""), "", 0, 0)
