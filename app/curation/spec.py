"""How each record type is written: validated input in, rows out, and its state as a snapshot.

The snapshot is the record in the shape a client writes it (`ActorWrite`, …): history keeps
it before and after each change, PATCH merges into it, and restore writes it back.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel

from app.core.records import RecordKey
from app.core.text import fold, stable_id
from app.curation.errors import Unprocessable

_SPECS: dict[str, "WriteSpec"] = {}


@dataclass(frozen=True)
class WriteSpec:
    """One writable record type."""

    record_type: str
    table: type[SQLModel]
    model: type[BaseModel]
    # Write the rows for `data` (a new record when the row is None); returns the row.
    apply: Callable[[Session, Any, Any, str], Any]
    snapshot: Callable[[Session, Any], dict[str, Any]]
    # Other records that point at this one and would be left dangling by its deletion.
    dependents: Callable[[Session, Any], list[RecordKey]]
    # An id for a new record that was sent without one.
    new_id: Callable[[Session, Any], str]
    # Remove the rows the record owns besides its evidence and claims (names, links…).
    cleanup: Callable[[Session, Any], None] = lambda session, row: None
    # Refuse (409 with candidates) a new record that may duplicate existing ones.
    duplicates: Callable[[Session, Any], None] | None = None


def no_dependents(session: Session, row: Any) -> list[RecordKey]:
    """For records nothing else points at (only their own evidence and claims)."""
    return []


def register(spec: WriteSpec) -> WriteSpec:
    _SPECS[spec.record_type] = spec
    return spec


def write_spec(record_type: str) -> WriteSpec:
    return _SPECS[record_type]


def all_specs() -> dict[str, WriteSpec]:
    return dict(_SPECS)


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
