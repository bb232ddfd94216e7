"""Load-or-404 for every record type, and a page of any table turned into read models."""

from typing import TypeVar

from sqlmodel import Session, SQLModel

from app.core.errors import NotFound

M = TypeVar("M", bound=SQLModel)
R = TypeVar("R")


def get_or_404(session: Session, table: type[M], record_id: str, record_type: str) -> M:
    """The row with this id, or a 404 problem naming the type and id."""
    row = session.get(table, record_id)
    if row is None:
        raise NotFound(f"No {record_type} with id {record_id!r}.")
    return row
