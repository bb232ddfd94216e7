"""Sorting and keyset pagination: `sort=-when,title`, made unique with the id.

A cursor holds the sort values of the row it points past, the sort it was made for and a
fingerprint of the filters, so a page stays correct when rows are inserted between
requests (no row skipped or repeated) and a cursor can't be replayed on another query.
"""

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, inspect, or_, select
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from app.core.errors import BadParameter
from app.core.query.driving import Driven, keys_statement
from app.core.query.fields import Field, Kind
from app.core.query.resource import ResourceSpec
from app.core.signing import CursorSigner

_SENTINELS: dict[str, Any] = {
    "date": date.min,
    "datetime": datetime(1, 1, 1, tzinfo=UTC),
    "int": 0,
    "float": 0.0,
    "str": "",
}
_KIND_TYPES = {
    Kind.SPAN: "date",
    Kind.TIMESTAMP: "datetime",
    Kind.INT: "int",
    Kind.NUMBER: "float",
}


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY term; never null, so row-value comparisons stay exact."""

    expr: ColumnElement[Any]
    descending: bool
    value_type: str


@dataclass(frozen=True)
class Sort:
    text: str
    keys: list[SortKey]


@dataclass(frozen=True)
class Cursor:
    values: list[Any]
    backwards: bool


@dataclass(frozen=True)
class Window:
    """A fetched page: its rows and the sort values of its first and last row."""

    rows: list[Any]
    first: list[Any] | None
    last: list[Any] | None
    more_after: bool
    more_before: bool


def parse_sort(spec: ResourceSpec, text: str | None) -> Sort:
    """The sort keys for `sort=`; unknown or repeated keys are a 400 naming `sort`."""
    raw = text if text is not None else spec.default_sort
    names: list[str] = []
    keys: list[SortKey] = []
    for part in (p.strip() for p in raw.split(",")):
        descending, name = part.startswith("-"), part.lstrip("+-")
        field = spec.field(name)
        if field is None or not field.sortable:
            sortable = ", ".join(f.name for f in spec.fields if f.sortable)
            raise BadParameter("query.sort", f"cannot sort on {name!r}; sortable: {sortable}")
        if name in names:
            raise BadParameter("query.sort", f"{name!r} is given twice")
        names.append(name)
        keys.extend(_field_keys(field, descending))
    if "id" not in names:
        keys.append(SortKey(spec.id_column, False, "str"))
    return Sort(",".join(p.strip() for p in raw.split(",")), keys)


def _field_keys(field: Field, descending: bool) -> list[SortKey]:
    value_type = _KIND_TYPES.get(field.kind, "str")
    sentinel = _SENTINELS[value_type]
    if field.kind is Kind.SPAN and field.sort_keys is not None:
        first_day, last_day = field.sort_keys
        order = (last_day, first_day) if descending else (first_day, last_day)
        return [SortKey(k, descending, value_type) for k in order]
    if field.kind is Kind.SPAN:
        # Sort by the earliest possible day, then the latest: "June 2022" comes before
        # "15 June 2022", and undated records come last in either direction.
        first, second = (field.end, field.column) if descending else (field.column, field.end)
        missing = and_(field.column.is_(None), field.end.is_(None))
        return [
            SortKey(case((missing, 1), else_=0), False, "int"),
            SortKey(func.coalesce(first, second, sentinel), descending, value_type),
            SortKey(func.coalesce(second, first, sentinel), descending, value_type),
        ]
    return [
        SortKey(case((field.column.is_(None), 1), else_=0), False, "int"),
        SortKey(func.coalesce(field.column, sentinel), descending, value_type),
    ]


def fingerprint(sort: Sort, filters: Sequence[tuple[str, str]]) -> str:
    canonical = json.dumps([sort.text, sorted(filters)], ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode_cursor(values: list[Any], backwards: bool, print_: str, signer: CursorSigner) -> str:
    raw = {"v": [_plain(v) for v in values], "b": backwards, "f": print_}
    data = json.dumps(raw, separators=(",", ":")).encode()
    return signer.seal(base64.urlsafe_b64encode(data).decode().rstrip("="))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def decode_cursor(cursor: str, sort: Sort, print_: str, signer: CursorSigner) -> Cursor:
    """The position a cursor points at; a foreign or malformed one is a 400 naming it."""
    token = signer.unseal(cursor)
    try:
        raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        values, backwards, made_for = raw["v"], bool(raw["b"]), raw["f"]
        if len(values) != len(sort.keys):
            raise ValueError("wrong length")
        typed = [_typed(v, k.value_type) for v, k in zip(values, sort.keys, strict=True)]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise BadParameter("query.cursor", "not a cursor this API issued") from exc
    if made_for != print_:
        raise BadParameter("query.cursor", "this cursor belongs to another sort or filter")
    return Cursor(typed, backwards)


def _typed(value: Any, value_type: str) -> Any:
    if value_type == "date":
        return date.fromisoformat(value)
    if value_type == "datetime":
        return datetime.fromisoformat(value)
    if value_type == "int" and not isinstance(value, int):
        raise ValueError("expected an integer")
    if value_type == "float" and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ValueError("expected a number")
    if value_type == "str" and not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _beyond(keys: list[SortKey], values: list[Any], backwards: bool) -> ColumnElement[bool]:
    """Rows strictly after `values` in sort order (before, when paging backwards)."""
    alternatives = []
    for i, key in enumerate(keys):
        ahead = key.expr > values[i] if key.descending == backwards else key.expr < values[i]
        alternatives.append(and_(*(keys[j].expr == values[j] for j in range(i)), ahead))
    # Implied by the OR, but a plain range on the first key lets the database seek its index
    # to the cursor instead of walking every row before it.
    first = keys[0]
    seek = first.expr >= values[0] if first.descending == backwards else first.expr <= values[0]
    return and_(seek, or_(*alternatives))


def fetch_window(
    session: Session,
    statement: SelectOfScalar[Any],
    sort: Sort,
    cursor: Cursor | None,
    limit: int,
    driven: Driven | None = None,
) -> Window:
    """One page of `statement` in `sort` order, from `cursor` on, with one extra row probed.

    The sort keys and ids are found first and only the page's rows are read whole: when a
    filter leaves many rows to sort (a busy actor's events), the database then sorts a few
    narrow keys per row instead of every matching row in full. `driven` reads the keys from
    a link table's copies instead (app/core/query/driving.py)."""
    backwards = cursor is not None and cursor.backwards
    entity = statement.column_descriptions[0]["entity"]
    key = inspect(entity).primary_key[0]
    keys = sort.keys
    if driven is not None:
        keys = [replace(k, expr=e) for k, e in zip(keys, driven.sort_exprs, strict=True)]
    labelled = [k.expr.label(f"_k{i}") for i, k in enumerate(keys)]
    query: Any = (
        statement.with_only_columns(key.label("_id"), *labelled)
        if driven is None
        else keys_statement(driven, labelled)
    )
    if cursor is not None:
        query = query.where(_beyond(keys, cursor.values, backwards))
    order = [k.expr.desc() if k.descending != backwards else k.expr.asc() for k in keys]
    fetched = list(session.execute(query.order_by(*order).limit(limit + 1)).all())
    more = len(fetched) > limit
    fetched = fetched[:limit][::-1] if backwards else fetched[:limit]
    rows = _by_id(session, statement, key, [r[0] for r in fetched])
    first = list(fetched[0][1:]) if fetched else None
    last = list(fetched[-1][1:]) if fetched else None
    return Window(
        rows,
        first,
        last,
        more_after=more if not backwards else True,
        more_before=more if backwards else cursor is not None,
    )


def _by_id(session: Session, statement: SelectOfScalar[Any], key: Any, ids: list[Any]) -> list[Any]:
    """The rows with these ids, in this order: Core rows (the read converters use the columns
    as attributes; building ORM instances was a tenth of a list's CPU), or ORM instances
    loaded with `statement`'s own options when it has some (such as deferred columns)."""
    if not ids:
        return []
    # A fresh statement (not `statement` with one more WHERE), so the database looks the
    # rows up by primary key instead of running the filters again.
    entity = statement.column_descriptions[0]["entity"]
    options = statement._with_options
    if options:
        page = select(entity).where(key.in_(ids)).options(*options)
        found = {getattr(row, key.key): row for row in session.execute(page).scalars()}
    else:
        table = entity.__table__
        rows = session.execute(select(table).where(table.c[key.key].in_(ids))).all()
        found = {getattr(row, key.key): row for row in rows}
    return [found[i] for i in ids]


def count_rows(session: Session, statement: SelectOfScalar[Any], cap: int) -> tuple[int, bool]:
    """How many rows match, counting at most `cap` (and saying when it stopped there)."""
    limited = statement.limit(cap + 1).subquery()
    total = int(session.execute(select(func.count()).select_from(limited)).scalar_one())
    return min(total, cap), total > cap
