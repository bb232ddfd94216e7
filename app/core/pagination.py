"""Keyset pagination over a unique, ordered key, with opaque cursors and a page envelope."""

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from app.core.db import SessionDep
from app.core.errors import BadParameter
from app.core.signing import CursorSigner, cursor_signer

T = TypeVar("T")
M = TypeVar("M")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class PageLinks(BaseModel):
    self: str
    next: str | None = None
    prev: str | None = None


class Page(BaseModel, Generic[T]):
    """A list response: the records in `items`, and how to get the next page."""

    items: list[T]
    limit: int = Field(description="Most records this page could hold.")
    has_more: bool = Field(description="Whether a next page exists.")
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; opaque."
    )
    prev_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the previous page; opaque."
    )
    count: int | None = Field(
        default=None, description="Matching records, with `count=exact` (capped)."
    )
    count_truncated: bool | None = Field(
        default=None, description="True when `count` stopped at the cap."
    )
    links: PageLinks


class PageParams(BaseModel):
    """The `limit` and `cursor` query parameters every list takes.

    `cursor` is the route's own token, its signature checked and removed (see
    app/core/signing.py); `seal` signs the route's next token for this route and query.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    limit: int
    cursor: str | None
    signer: CursorSigner | None = Field(default=None, exclude=True)

    def seal(self, token: str) -> str:
        if self.signer is None:
            raise RuntimeError("PageParams made without a signer cannot issue cursors")
        return self.signer.seal(token)


def page_params(
    request: Request,
    session: SessionDep,
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_LIMIT, description=f"Records per page (at most {MAX_LIMIT})."),
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(description="Opaque token from a previous page's `next_cursor`.")
    ] = None,
) -> PageParams:
    """Read the paging parameters; over the maximum is a 400, never a silent clamp.

    A cursor is bound to the route and to every query parameter but `cursor` and `limit`:
    one from another route, query or server is refused (400), as is one changed by a byte.
    """
    signer = cursor_signer(session, request, binding=_query_binding(request))
    inner = signer.unseal(cursor) if cursor is not None else None
    return PageParams(limit=limit, cursor=inner, signer=signer)


def _query_binding(request: Request) -> str:
    pairs = sorted((k, v) for k, v in request.query_params.multi_items() if k not in _UNBOUND)
    return json.dumps(pairs, ensure_ascii=False)


_UNBOUND = {"cursor", "limit"}


def encode_cursor(after: str) -> str:
    raw = json.dumps({"after": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The key the page starts after; a malformed token is a 400 naming `cursor`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        after = json.loads(raw)["after"]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise BadParameter("query.cursor", "not a cursor this API issued") from exc
    if not isinstance(after, str):
        raise BadParameter("query.cursor", "not a cursor this API issued")
    return after


def paginate(
    session: Session,
    statement: SelectOfScalar[M],
    key: Any,
    params: PageParams,
) -> tuple[list[M], str | None]:
    """One page of `statement` ordered by the unique string column `key`.

    Returns the rows and the cursor of the next page (None on the last page).
    """
    key_column: ColumnElement[str] = key
    key_name: str = key.key
    if params.cursor is not None:
        statement = statement.where(key_column > decode_cursor(params.cursor))
    rows = list(session.exec(statement.order_by(key_column).limit(params.limit + 1)).all())
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    return rows, encode_cursor(str(getattr(rows[-1], key_name)))


def build_page(
    items: list[T], next_cursor: str | None, params: PageParams, request: Request
) -> Page[T]:
    """Wrap items in the page envelope with absolute `self` and `next` links."""
    next_link = None
    if next_cursor is not None:
        next_cursor = params.seal(next_cursor)
        next_link = str(request.url.include_query_params(cursor=next_cursor))
    return Page[T](
        items=items,
        limit=params.limit,
        has_more=next_cursor is not None,
        next_cursor=next_cursor,
        links=PageLinks(self=str(request.url), next=next_link),
    )
