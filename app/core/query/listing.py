"""The list pipeline: filter, sort, page, convert, include, pick fields; one JSON envelope."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy import ColumnElement, true
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from app.core.formats import (
    CSV,
    JSON,
    NDJSON,
    FastJSONResponse,
    csv_lines,
    ndjson_lines,
    negotiate,
)
from app.core.geojson import GEOJSON, feature_collection
from app.core.query.driving import drive
from app.core.query.filters import Filters
from app.core.query.include import Tree, expand
from app.core.query.keyset import (
    Cursor,
    Sort,
    Window,
    count_rows,
    decode_cursor,
    encode_cursor,
    fetch_window,
)
from app.core.query.params import ListQuery
from app.core.query.resource import ResourceSpec
from app.core.signing import CursorSigner, cursor_signer

COUNT_CAP = 10_000
EXPORT_BATCH = 500


def filtered_statement(
    spec: ResourceSpec, filters: Filters, scope: ColumnElement[bool] | None = None
) -> SelectOfScalar[Any]:
    """`spec`'s base query narrowed by the parsed filters (and by `scope`, if given)."""
    statement = spec.base_query() if spec.base_query else select(spec.table)
    return statement.where(filters.where(), scope if scope is not None else true())


@dataclass(frozen=True)
class _Plan:
    """A checked list request: everything is validated before any row is read or sent."""

    spec: ResourceSpec
    statement: SelectOfScalar[Any]
    sort: Sort
    tree: Tree
    wanted: set[str] | None
    print_: str
    cursor: Cursor | None
    signer: CursorSigner

    def items(self, session: Session, rows: Sequence[Any]) -> list[dict[str, Any]]:
        shown = self.spec.dumped(session, rows)
        expand(session, rows, shown, self.tree)
        return [_pick(i, self.wanted) for i in shown]


def list_page(
    session: Session,
    spec: ResourceSpec,
    request: Request,
    query: ListQuery,
    scope: ColumnElement[bool] | None = None,
) -> Response:
    """One page of `spec` as the request asks for it (with `Link` headers), or a stream."""
    signer = cursor_signer(session, request)
    plan = _Plan(
        spec,
        filtered_statement(spec, query.filters, scope),
        query.sort,
        query.tree,
        query.wanted,
        query.print_,
        decode_cursor(query.token, query.sort, query.print_, signer) if query.token else None,
        signer,
    )
    media_type = negotiate(request, (JSON, CSV, NDJSON, *((GEOJSON,) if spec.geometry else ())))
    if media_type in (CSV, NDJSON):
        return _export(session, plan, media_type)
    driven = (
        None if spec.base_query else drive(query.filters, [k.expr for k in query.sort.keys], scope)
    )
    window = fetch_window(session, plan.statement, plan.sort, plan.cursor, query.limit, driven)
    body = _envelope(request, query, window, plan, plan.items(session, window.rows))
    if query.count:
        body["count"], body["count_truncated"] = count_rows(session, plan.statement, COUNT_CAP)
    headers = _link_header(body["links"])
    if media_type == GEOJSON and spec.geometry is not None:
        collection = feature_collection(body, spec.geometry(session, window.rows))
        return FastJSONResponse(collection, media_type=GEOJSON, headers=headers)
    return FastJSONResponse(body, headers=headers)


def _export(session: Session, plan: _Plan, media_type: str) -> StreamingResponse:
    """Every matching record from the cursor on, read in batches as the client consumes them."""
    bind = session.get_bind()

    def batches() -> Iterator[list[dict[str, Any]]]:
        # The request's session closes once the handler returns; the stream reads with its own.
        with Session(bind) as own:
            position = plan.cursor and Cursor(plan.cursor.values, backwards=False)
            while True:
                window = fetch_window(own, plan.statement, plan.sort, position, EXPORT_BATCH)
                yield plan.items(own, window.rows)
                if not window.more_after or window.last is None:
                    return
                position = Cursor(window.last, backwards=False)

    if media_type == CSV:
        columns = _columns(plan)
        lines = csv_lines(columns, ([_flat(i) for i in batch] for batch in batches()))
    else:
        lines = ndjson_lines(batches())
    filename = f"{plan.spec.name}.{'csv' if media_type == CSV else 'ndjson'}"
    return StreamingResponse(
        lines,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _columns(plan: _Plan) -> list[str]:
    names = [
        n for n in plan.spec.read_model.model_fields if plan.wanted is None or n in plan.wanted
    ]
    if ATTRIBUTES in names:  # declared attributes are plain columns, one each
        at = names.index(ATTRIBUTES)
        names[at : at + 1] = list(_attribute_model(plan.spec.read_model).model_fields)
    return names + (["included"] if plan.tree else [])


ATTRIBUTES = "attributes"


def _attribute_model(model: type[BaseModel]) -> type[BaseModel]:
    annotation = model.model_fields[ATTRIBUTES].annotation
    if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        raise TypeError(f"{model.__name__}.attributes is not a model")
    return annotation


def _flat(item: dict[str, Any]) -> dict[str, Any]:
    """A CSV row: the declared attributes beside the other fields."""
    if not isinstance(item.get(ATTRIBUTES), dict):
        return item
    return {**item, **item[ATTRIBUTES]}


def _pick(item: dict[str, Any], wanted: set[str] | None) -> dict[str, Any]:
    if wanted is None:
        return item
    return {k: v for k, v in item.items() if k in wanted or (k == "included" and k in item)}


def _envelope(
    request: Request, query: ListQuery, window: Window, plan: _Plan, items: list[dict[str, Any]]
) -> dict[str, Any]:
    next_cursor = prev_cursor = None
    if window.more_after and window.last is not None:
        next_cursor = encode_cursor(window.last, False, plan.print_, plan.signer)
    if window.more_before and window.first is not None:
        prev_cursor = encode_cursor(window.first, True, plan.print_, plan.signer)
    return {
        "items": items,
        "limit": query.limit,
        "has_more": next_cursor is not None,
        "next_cursor": next_cursor,
        "prev_cursor": prev_cursor,
        "count": None,
        "count_truncated": None,
        "links": {
            "self": str(request.url),
            "next": _with_cursor(request, next_cursor),
            "prev": _with_cursor(request, prev_cursor),
        },
    }


def _with_cursor(request: Request, cursor: str | None) -> str | None:
    return None if cursor is None else str(request.url.include_query_params(cursor=cursor))


def _link_header(links: dict[str, str | None]) -> dict[str, str]:
    """RFC 8288 `Link` with the page's next and prev URLs."""
    parts = [f'<{url}>; rel="{rel}"' for rel, url in links.items() if url and rel != "self"]
    return {"Link": ", ".join(parts)} if parts else {}
