"""Load-or-404 for every record type, and a page of any table turned into read models."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi import Request
from sqlmodel import Session, SQLModel
from sqlmodel.sql.expression import SelectOfScalar

from app.core.errors import NotFound
from app.core.pagination import Page, PageParams, build_page, paginate

M = TypeVar("M", bound=SQLModel)
R = TypeVar("R")


def get_or_404(session: Session, table: type[M], record_id: str, record_type: str) -> M:
    """The row with this id, or a 404 problem naming the type and id."""
    row = session.get(table, record_id)
    if row is None:
        raise NotFound(f"No {record_type} with id {record_id!r}.")
    return row


def page_of(
    session: Session,
    statement: SelectOfScalar[M],
    key: Any,
    params: PageParams,
    request: Request,
    convert: Callable[[Session, Sequence[M]], list[R]],
) -> Page[R]:
    """One page of `statement` ordered by `key`, converted in one batch."""
    rows, next_cursor = paginate(session, statement, key, params)
    return build_page(convert(session, rows), next_cursor, params, request)
