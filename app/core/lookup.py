"""Load-or-404 for every record type, following the redirects merges leave behind."""

from typing import TypeVar

from sqlmodel import Session, SQLModel

from app.core.errors import Moved, NotFound
from app.models import Redirect

M = TypeVar("M", bound=SQLModel)


def get_or_404(session: Session, table: type[M], record_id: str, record_type: str) -> M:
    """The row with this id; a 308 to its new id if it was merged; else a 404 problem."""
    row = session.get(table, record_id)
    if row is not None:
        return row
    moved = session.get(Redirect, (record_type, record_id))
    if moved is not None:
        raise Moved(record_id, moved.new_id)
    raise NotFound(f"No {record_type} with id {record_id!r}.")
