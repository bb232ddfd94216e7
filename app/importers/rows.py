"""Reading foreign files: lines in any of the encodings real exports come in, blank
markers, and ids derived from names."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

# What exports write for "no value": R and pandas write NA and nan, databases NULL.
BLANKS = frozenset({"", "na", "n/a", "null", "none", "nan", "-"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
BOM = "\ufeff"


def value(raw: str | None) -> str | None:
    """The cell's text, or None where it is blank or a blank marker."""
    if raw is None:
        return None
    text = raw.strip()
    return None if text.casefold() in BLANKS else text


class Decoded:
    """Lines of bytes as text: UTF-8 (a BOM dropped), else Latin-1 (counted, never lost)."""

    def __init__(self) -> None:
        self.latin1_lines: list[int] = []

    def lines(self, stream: Iterable[bytes]) -> Iterator[tuple[int, str]]:
        for number, raw in enumerate(stream, 1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                # Latin-1 maps every byte, so a Windows export's "é" survives as itself.
                text = raw.decode("latin-1")
                self.latin1_lines.append(number)
            if number == 1:
                text = text.removeprefix(BOM)
            yield number, text.rstrip("\r\n")

    def notes(self) -> list[str]:
        """What the field report says of the decoding."""
        count = len(self.latin1_lines)
        return [f"{count} lines were not UTF-8: read as Latin-1"] if count else []


def slug(text: str, limit: int = 60) -> str:
    """A stable id part for `text`: its ASCII letters and digits, plus a short hash so that
    names differing only in case, accents or punctuation stay apart."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-")
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:6]
    return f"{words}-{digest}" if words else digest


def code_slug(code: str) -> str:
    """An id part for a code ("USCA", "-2087030"): lowercased, other characters as '-'."""
    return _NOT_SLUG.sub("-", code.lower()).strip("-") or "x"


def to_int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(float(text)) if "." in text else int(text)
    except ValueError:
        return None


def to_float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number else None  # NaN is no number


def coordinates(lat_text: str | None, lon_text: str | None) -> tuple[float, float] | None:
    """WGS84 degrees, or None where either is missing or off the globe."""
    lat, lon = to_float(lat_text), to_float(lon_text)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
