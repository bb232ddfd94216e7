"""Load-or-404 for every record type, following the redirects merges leave behind."""

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Path
from sqlmodel import Session, SQLModel

from app.core.db import SessionDep
from app.core.errors import Moved, NotFound
from app.core.records import a_record
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


def id_path(record_type: str, example_id: str) -> Any:
    """The `{record_type}_id` path parameter as OpenAPI shows it."""
    return Path(
        alias=f"{record_type}_id",
        description=f"The id of {a_record(record_type)}.",
        examples=[example_id],
    )


def record_loader(table: Any, record_type: str, example_id: str) -> Callable[..., Any]:
    """A dependency loading the record named by the `{record_type}_id` path parameter."""

    def load(
        record_id: Annotated[str, id_path(record_type, example_id)], session: SessionDep
    ) -> Any:
        return get_or_404(session, table, record_id, record_type)

    return load
