"""Helpers the write specs of every record type share."""

from sqlmodel import Session, SQLModel

from app.core.text import fold, stable_id
from app.curation.errors import Unprocessable


def require(session: Session, table: type[SQLModel], record_id: str | None, field: str) -> None:
    """A reference in the input must name an existing record (422 naming the field)."""
    if record_id is not None and session.get(table, record_id) is None:
        name = table.__tablename__
        raise Unprocessable(field, f"no {name} with id {record_id!r}")


def slug_id(session: Session, table: type[SQLModel], text: str) -> str:
    """A readable, unused id from a name or title: "Kim Gun" -> "kim-gun" (-2, -3… if taken)."""
    words = [w for w in fold(text).split() if w.isascii() and w.isalnum()]
    base = "-".join(words)[:80].strip("-") or stable_id("rec", text)
    candidate, n = base, 1
    while session.get(table, candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
