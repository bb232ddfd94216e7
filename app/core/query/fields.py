"""Filterable and sortable fields, and how a raw parameter value becomes a typed one."""

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.core.errors import BadParameter
from app.core.query.kinds import Kind as Kind
from app.core.query.operators import OPERATORS, Op, Operator
from app.core.vocab import Described

MAX_IN_VALUES = 100


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Stored:
    """Where a field kept in another table (a declared attribute) is matched: `value`, its
    column there, and `records(condition)`, the collection's records with a row meeting it,
    so a filter reads that table's index instead of probing it once per record."""

    value: Any
    records: Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    """A field a collection can be filtered and sorted on.

    A SPAN field is a reported time: `column` is the first day it may fall on and `end` the
    last. It matches a date range when the two may overlap, so an event known only as
    "June 2022" matches `when=2022-06-15` and `when__gte=2022-06-01&when__lte=2022-06-30`.
    `sort_keys`, when given, are indexed never-null columns holding its first and last day
    (undated: the last day there is, and the first), which sorting uses instead of computing
    them per row.
    """

    name: str
    kind: Kind
    column: Any
    description: str
    end: Any = None
    choices: type[Described] | None = None
    sortable: bool = True
    sort_keys: tuple[Any, Any] | None = None
    stored: Stored | None = None

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
    if field.kind is Kind.NUMBER:
        return _number(param, raw)
    if field.kind is Kind.ENUM and field.choices is not None:
        allowed = [m.value for m in field.choices]
        if raw not in allowed:
            raise BadParameter(param, f"{raw!r} is not one of {', '.join(allowed)}")
    if field.kind is Kind.TIMESTAMP:
        return parse_timestamp(param, raw)
    return raw


def _number(param: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError as exc:
        raise BadParameter(param, f"{raw!r} is not a number") from exc
    if not math.isfinite(value):
        raise BadParameter(param, f"{raw!r} is not a finite number")
    return value


def split_list(param: str, raw: str | list[str]) -> list[str]:
    items = raw if isinstance(raw, list) else raw.split(",")
    items = [v.strip() for v in items if v.strip()]
    if not items:
        raise BadParameter(param, "needs at least one value")
    if len(items) > MAX_IN_VALUES:
        raise BadParameter(param, f"takes at most {MAX_IN_VALUES} values")
    return items


def parse_value(field: Field, op: Op, raw: str | list[str], param: str) -> tuple[Operator, Any]:
    """The operator of `param` and its value, typed as that operator's entry says."""
    operator = OPERATORS[op]
    if field.kind not in operator.kinds:
        raise BadParameter(param, f"operator {op.value!r} does not apply to {field.name}")
    if operator.value == "bool":
        return operator, parse_bool(param, _one(raw))
    if operator.value == "list":
        return operator, [_scalar(field, param, v) for v in split_list(param, raw)]
    if field.kind is Kind.SPAN:
        return operator, parse_span(param, _one(raw))
    return operator, _scalar(field, param, _one(raw))


def _one(raw: str | list[str]) -> str:
    return raw if isinstance(raw, str) else ",".join(raw)
