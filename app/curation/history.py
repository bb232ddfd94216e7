"""Reading the history: the change feed and one record's changes."""

import base64
import binascii
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES, BadParameter, NotFound
from app.core.pagination import Page, PageLinks, PageParams, page_params
from app.core.records import a_record, href
from app.core.registry import registry
from app.models import Change


class ChangeRead(BaseModel):
    """One change: to which record, what was done, by which key, when, why, before and after."""

    id: int = Field(description="Grows with every change; the feed's order.")
    type: Literal["change"] = "change"
    record_type: str = Field(examples=["event"])
    record_id: str = Field(examples=["nac-decides-rok-nato-office"])
    href: str
    action: str = Field(description="create, update, delete, restore, merge or import.")
    at: datetime
    key_id: str | None = Field(description="The API key that made it; null for seeding.")
    reason: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _read(change: Change) -> ChangeRead:
    if change.id is None:
        raise RuntimeError("a change is read before it is stored")
    return ChangeRead(
        id=change.id,
        record_type=change.record_type,
        record_id=change.record_id,
        href=href(change.record_type, change.record_id),
        action=change.action,
        at=change.at,
        key_id=change.key_id,
        reason=change.reason,
        before=change.before,
        after=change.after,
    )


def _position(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        position = int(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadParameter("query.cursor", "not a cursor this API issued") from exc
    if not 0 <= position < 2**63:  # what a BIGINT holds
        raise BadParameter("query.cursor", "not a cursor this API issued")
    return position


def _cursor(position: int) -> str:
    return base64.urlsafe_b64encode(str(position).encode()).decode().rstrip("=")


def changes_page(
    session: Session, request: Request, params: PageParams, *where: Any
) -> Page[ChangeRead]:
    """Changes after the cursor, oldest first. `next_cursor` is always set, so a client can
    poll with it and get only what happened since."""
    after = _position(params.cursor)
    statement = select(Change).where(col(Change.id) > after, *where)
    rows = list(session.exec(statement.order_by(col(Change.id)).limit(params.limit + 1)))
    more, rows = len(rows) > params.limit, rows[: params.limit]
    last = rows[-1].id if rows else after
    cursor = params.seal(_cursor(last or 0))
    return Page[ChangeRead](
        items=[_read(r) for r in rows],
        limit=params.limit,
        has_more=more,
        next_cursor=cursor,
        links=PageLinks(
            self=str(request.url), next=str(request.url.include_query_params(cursor=cursor))
        ),
    )


router = APIRouter(prefix="/changes", tags=["history"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=Page[ChangeRead])
def list_changes(
    session: SessionDep,
    request: Request,
    params: PageParams = Depends(page_params),
    record_type: Annotated[
        str | None, Query(description="Only changes to this record type.", examples=["event"])
    ] = None,
) -> Page[ChangeRead]:
    """The change feed, oldest first: poll with `next_cursor` to stay in sync."""
    where = [col(Change.record_type) == record_type] if record_type else []
    if record_type is not None and record_type not in registry():
        raise BadParameter("query.record_type", f"unknown record type {record_type!r}")
    return changes_page(session, request, params, *where)


def add_history_route(router: APIRouter, record_type: str, example_id: str) -> None:
    """`GET /{collection}/{id}/history`: one record's changes, deleted records included."""
    id_param = f"{record_type}_id"

    def history(
        session: SessionDep,
        request: Request,
        record_id: Annotated[str, Path(alias=id_param, examples=[example_id])],
        params: PageParams = Depends(page_params),
    ) -> Page[ChangeRead]:
        where = (col(Change.record_type) == record_type, col(Change.record_id) == record_id)
        known = session.get(registry().get(record_type).table, record_id) is not None
        if not known and session.exec(select(Change.id).where(*where)).first() is None:
            raise NotFound(f"No {record_type} {record_id!r} has ever been recorded.")
        return changes_page(session, request, params, *where)

    router.add_api_route(
        f"/{{{id_param}}}/history",
        history,
        methods=["GET"],
        response_model=Page[ChangeRead],
        summary=f"History of {a_record(record_type)}",
        description=f"Every recorded change to this {record_type}, oldest first: who, when, "
        "why, before and after. Deleted records keep their history.",
    )
