"""Filterable and sortable fields, their operators, and how a raw value becomes SQL."""

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_

from app.core.errors import BadParameter
from app.core.vocab import Described

MAX_IN_VALUES = 100


class Kind(StrEnum):
    TEXT = "text"
    ID = "id"
    ENUM = "enum"
    INT = "int"
    SPAN = "span"
    TIMESTAMP = "timestamp"


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


_ORDERED = (Op.GT, Op.GTE, Op.LT, Op.LTE)
OPERATORS: dict[Kind, tuple[Op, ...]] = {
    Kind.TEXT: (Op.EQ, Op.NE, Op.IN, Op.CONTAINS, Op.STARTSWITH, Op.ISNULL),
    Kind.ID: (Op.EQ, Op.NE, Op.IN, Op.STARTSWITH, Op.ISNULL),
    Kind.ENUM: (Op.EQ, Op.NE, Op.IN, Op.ISNULL),
    Kind.INT: (Op.EQ, Op.NE, Op.IN, *_ORDERED, Op.ISNULL),
    Kind.SPAN: (Op.EQ, Op.NE, *_ORDERED, Op.ISNULL),
    Kind.TIMESTAMP: (*_ORDERED, Op.ISNULL),
}

OP_HELP = {
    Op.EQ: "equals",
    Op.NE: "differs from",
    Op.IN: "is one of (comma-separated)",
    Op.CONTAINS: "contains (case-insensitive)",
    Op.STARTSWITH: "starts with",
    Op.GT: "after / greater than",
    Op.GTE: "on or after / at least",
    Op.LT: "before / less than",
    Op.LTE: "on or before / at most",
    Op.ISNULL: "is missing (true) or present (false)",
}

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Field:
    """A field a collection can be filtered and sorted on.

    A SPAN field is a reported time: `column` is the first day it may fall on and `end` the
    last. It matches a date range when the two may overlap, so an event known only as
    "June 2022" matches `when=2022-06-15` and `when__gte=2022-06-01&when__lte=2022-06-30`.
    """

    name: str
    kind: Kind
    column: Any
    description: str
    end: Any = None
    choices: type[Described] | None = None
    sortable: bool = True

    def param_name(self, op: Op) -> str:
        return self.name if op is Op.EQ else f"{self.name}__{op.value}"


def parse_span(param: str, raw: str) -> tuple[date, date]:
    """`2022`, `2022-06` or `2022-06-15` as the first and last day it names."""
    match = _PARTIAL_DATE.match(raw.strip())
    if not match:
        raise BadParameter(param, f"{raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year or 1, 1, 1), date(year or 1, 12, 31)
        if day is None:
            last = calendar.monthrange(year or 1, month)[1]
            return date(year or 1, month, 1), date(year or 1, month, last)
        moment = date(year or 1, month, day)
    except ValueError as exc:
        raise BadParameter(param, f"{raw!r} is not a real date") from exc
    return moment, moment


def parse_timestamp(param: str, raw: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadParameter(param, f"{raw!r} is not an ISO 8601 date-time") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def parse_bool(param: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered not in {"true", "false", "1", "0"}:
        raise BadParameter(param, f"{raw!r} is not true or false")
    return lowered in {"true", "1"}


def _scalar(field: Field, param: str, raw: str) -> Any:
    if field.kind is Kind.INT:
        try:
            value = int(raw)
        except ValueError as exc:
            raise BadParameter(param, f"{raw!r} is not an integer") from exc
        if not INT64_MIN <= value <= INT64_MAX:  # what a BIGINT column holds
            raise BadParameter(param, f"{raw!r} is out of range ({INT64_MIN} to {INT64_MAX})")
        return value
    if field.kind is Kind.ENUM and field.choices is not None:
        allowed = [m.value for m in field.choices]
        if raw not in allowed:
            raise BadParameter(param, f"{raw!r} is not one of {', '.join(allowed)}")
    if field.kind is Kind.TIMESTAMP:
        return parse_timestamp(param, raw)
    return raw


def split_list(param: str, raw: str | list[str]) -> list[str]:
    items = raw if isinstance(raw, list) else raw.split(",")
    items = [v.strip() for v in items if v.strip()]
    if not items:
        raise BadParameter(param, "needs at least one value")
    if len(items) > MAX_IN_VALUES:
        raise BadParameter(param, f"takes at most {MAX_IN_VALUES} values")
    return items


def compile_filter(field: Field, op: Op, raw: str | list[str], param: str) -> ColumnElement[bool]:
    """The SQL condition for `param=raw` on `field`."""
    if op not in OPERATORS[field.kind]:
        raise BadParameter(param, f"operator {op.value!r} does not apply to {field.name}")
    if op is Op.ISNULL:
        value = parse_bool(param, raw if isinstance(raw, str) else ",".join(raw))
        null = _is_null(field)
        return null if value else not_(null)
    if field.kind is Kind.SPAN:
        return _span_condition(field, op, parse_span(param, _one(raw)))
    if op is Op.IN:
        return field.column.in_([_scalar(field, param, v) for v in split_list(param, raw)])  # type: ignore[no-any-return]
    return _SCALAR_OPS[op](field.column, _scalar(field, param, _one(raw)))


def _one(raw: str | list[str]) -> str:
    return raw if isinstance(raw, str) else ",".join(raw)


def _is_null(field: Field) -> ColumnElement[bool]:
    if field.kind is Kind.SPAN:
        return and_(field.column.is_(None), field.end.is_(None))
    return field.column.is_(None)  # type: ignore[no-any-return]


def _span_condition(field: Field, op: Op, span: tuple[date, date]) -> ColumnElement[bool]:
    # An open bound (only "before" or only "after" is known) stretches to the far past/future.
    start = func.coalesce(field.column, date.min)
    end = func.coalesce(field.end, date.max)
    lo, hi = span
    dated = or_(field.column.is_not(None), field.end.is_not(None))
    overlap = and_(start <= hi, end >= lo)
    conditions: dict[Op, ColumnElement[bool]] = {
        Op.EQ: overlap,
        Op.NE: not_(overlap),
        Op.GT: end > hi,
        Op.GTE: end >= lo,
        Op.LT: start < lo,
        Op.LTE: start <= hi,
    }
    return and_(dated, conditions[op])


_SCALAR_OPS: dict[Op, Callable[[Any, Any], ColumnElement[bool]]] = {
    Op.EQ: lambda c, v: c == v,
    Op.NE: lambda c, v: or_(c != v, c.is_(None)),
    Op.CONTAINS: lambda c, v: func.lower(c).contains(str(v).lower(), autoescape=True),
    Op.STARTSWITH: lambda c, v: c.startswith(v, autoescape=True),
    Op.GT: lambda c, v: c > v,
    Op.GTE: lambda c, v: c >= v,
    Op.LT: lambda c, v: c < v,
    Op.LTE: lambda c, v: c <= v,
}
