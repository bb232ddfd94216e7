"""How a record type is written: validated input in, rows out, and its state as a snapshot.

The snapshot is the record in the shape a client writes it: history keeps it before and
after each change, PATCH merges into it, restore writes it back and export emits it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel

# (record type, id): how one record names another, in evidence, history and dependents.
RecordKey = tuple[str, str]


@dataclass(frozen=True)
class WriteSpec:
    """One writable record type."""

    record_type: str
    table: type[SQLModel]
    model: type[BaseModel]
    # Write the rows for `data` (a new record when the row is None); returns the row. None:
    # the type is written as its document, through the import's batch path.
    apply: Callable[[Session, Any, Any, str], Any] | None
    snapshot: Callable[[Session, Any], dict[str, Any]]
    # Other records that point at this one and would be left dangling by its deletion.
    dependents: Callable[[Session, Any], list[RecordKey]]
    # An id for a new record that was sent without one.
    new_id: Callable[[Session, Any], str]
    # Remove the rows the record owns besides its evidence and claims (names, links…).
    cleanup: Callable[[Session, Any], None] = lambda session, row: None
    # The checks a write makes before its document is planned, naming the field at fault
    # (`body.part_of`), with (session, data, record id).
    check: Callable[[Session, Any, str], None] = lambda session, data, record_id: None
    # The body as its document carries it (an actor's canonical name added to its names).
    written: Callable[[Any], BaseModel] = lambda data: data
    # Refuse (409 with candidates) a new record that may duplicate existing ones.
    duplicates: Callable[[Session, Any], None] | None = None


def no_dependents(session: Session, row: Any) -> list[RecordKey]:
    """For records nothing else points at (only their own evidence and claims)."""
    return []
