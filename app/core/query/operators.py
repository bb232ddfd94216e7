"""The filter operators, one table entry each: name, help text, value type, kinds and SQL.

In the style of Datasette's `TemplatedFilter` list: everything about `__gte` is in one row,
so the OpenAPI parameters, the parser and the SQL compiler all read the same entry.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, func, not_, or_

from app.core.query.kinds import Kind

ValueType = Literal["scalar", "list", "bool"]
Span = tuple[date, date]


class Op(StrEnum):
    EQ = "eq"
    NE = "ne"
    IN = "in"
    CONTAINS = "contains"
    STARTSWITH = "startswith"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    ISNULL = "isnull"


@dataclass(frozen=True)
class Operator:
    """One operator. `value` says what its parameter holds: one value of the field's kind
    (a date span for SPAN fields), a comma-separated list, or true/false. `sql(field, value)`
    builds the condition from the parsed value."""

    op: Op
    help: str
    value: ValueType
    kinds: frozenset[Kind]
    sql: Callable[[Any, Any], ColumnElement[bool]]


def _span_bounds(field: Any) -> tuple[Any, Any, ColumnElement[bool]]:
    # An open bound (only "before" or only "after" is known) stretches to the far past/future.
    start = func.coalesce(field.column, date.min)
    end = func.coalesce(field.end, date.max)
    return start, end, or_(field.column.is_not(None), field.end.is_not(None))


def _on_span(condition: Callable[[Any, Any, Span], ColumnElement[bool]]) -> Callable[..., Any]:
    def build(field: Any, span: Span) -> ColumnElement[bool]:
        start, end, dated = _span_bounds(field)
        return and_(dated, condition(start, end, span))

    return build


def _overlap(start: Any, end: Any, span: Span) -> ColumnElement[bool]:
    return and_(start <= span[1], end >= span[0])


def _per_kind(
    scalar: Callable[[Any, Any], ColumnElement[bool]],
    span: Callable[[Any, Any, Span], ColumnElement[bool]],
) -> Callable[[Any, Any], ColumnElement[bool]]:
    """A comparison on the column, or, on a SPAN field, on the span's first and last day."""
    on_span = _on_span(span)

    def build(field: Any, value: Any) -> ColumnElement[bool]:
        return on_span(field, value) if field.kind is Kind.SPAN else scalar(field.column, value)

    return build


def _is_null(field: Any, missing: bool) -> ColumnElement[bool]:
    null = field.column.is_(None)
    if field.kind is Kind.SPAN:
        null = and_(null, field.end.is_(None))
    return null if missing else not_(null)  # type: ignore[no-any-return]


_ALL = frozenset(Kind)
_ORDERED = frozenset({Kind.INT, Kind.NUMBER, Kind.SPAN, Kind.TIMESTAMP})
_STRINGS = frozenset({Kind.TEXT, Kind.ID})

OPERATORS: dict[Op, Operator] = {
    o.op: o
    for o in (
        Operator(
            Op.EQ,
            "equals",
            "scalar",
            _ALL - {Kind.TIMESTAMP},
            _per_kind(lambda c, v: c == v, _overlap),
        ),
        Operator(
            Op.NE,
            "differs from",
            "scalar",
            _ALL - {Kind.TIMESTAMP},
            _per_kind(
                lambda c, v: or_(c != v, c.is_(None)), lambda s, e, v: not_(_overlap(s, e, v))
            ),
        ),
        Operator(
            Op.IN,
            "is one of (comma-separated)",
            "list",
            frozenset({Kind.TEXT, Kind.ID, Kind.ENUM, Kind.INT, Kind.NUMBER}),
            lambda f, v: f.column.in_(v),
        ),
        Operator(
            Op.CONTAINS,
            "contains (case-insensitive)",
            "scalar",
            frozenset({Kind.TEXT}),
            lambda f, v: func.lower(f.column).contains(str(v).lower(), autoescape=True),
        ),
        Operator(
            Op.STARTSWITH,
            "starts with",
            "scalar",
            _STRINGS,
            lambda f, v: f.column.startswith(v, autoescape=True),
        ),
        Operator(
            Op.GT,
            "after / greater than",
            "scalar",
            _ORDERED,
            _per_kind(lambda c, v: c > v, lambda s, e, v: e > v[1]),
        ),
        Operator(
            Op.GTE,
            "on or after / at least",
            "scalar",
            _ORDERED,
            _per_kind(lambda c, v: c >= v, lambda s, e, v: e >= v[0]),
        ),
        Operator(
            Op.LT,
            "before / less than",
            "scalar",
            _ORDERED,
            _per_kind(lambda c, v: c < v, lambda s, e, v: s < v[0]),
        ),
        Operator(
            Op.LTE,
            "on or before / at most",
            "scalar",
            _ORDERED,
            _per_kind(lambda c, v: c <= v, lambda s, e, v: s <= v[1]),
        ),
        Operator(Op.ISNULL, "is missing (true) or present (false)", "bool", _ALL, _is_null),
    )
}


def operators_for(kind: Kind) -> tuple[Op, ...]:
    """The operators a field of `kind` takes, in table order."""
    return tuple(o.op for o in OPERATORS.values() if kind in o.kinds)
