"""The operator table: each entry's kinds, value type and SQL (unit tests of the compiler)."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, String, Table
from sqlalchemy.dialects import sqlite

from app.core.errors import BadParameter
from app.core.query.fields import Field, Kind, parse_value
from app.core.query.filters import FieldClause
from app.core.query.operators import OPERATORS, Op, operators_for

_T = Table(
    "t",
    MetaData(),
    Column("name", String),
    Column("n", Integer),
    Column("start", Date),
    Column("end", Date),
)
TEXT = Field("name", Kind.TEXT, _T.c.name, "Name")
INT = Field("n", Kind.INT, _T.c.n, "Number")
SPAN = Field("when", Kind.SPAN, _T.c.start, "When", end=_T.c.end)


def sql(field: Field, op: Op, raw: str) -> str:
    operator, value = parse_value(field, op, raw, f"query.{field.param_name(op)}")
    clause = FieldClause(field, operator, value).compile()
    return str(clause.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize(
    ("kind", "ops"),
    [
        (Kind.TEXT, "eq ne in contains startswith isnull"),
        (Kind.ID, "eq ne in startswith isnull"),
        (Kind.ENUM, "eq ne in isnull"),
        (Kind.INT, "eq ne in gt gte lt lte isnull"),
        (Kind.SPAN, "eq ne gt gte lt lte isnull"),
        (Kind.TIMESTAMP, "gt gte lt lte isnull"),
    ],
)
def test_each_kind_takes_its_operators_in_table_order(kind: Kind, ops: str) -> None:
    assert [o.value for o in operators_for(kind)] == ops.split()


@pytest.mark.parametrize("op", list(Op))
def test_every_operator_has_one_entry_with_help(op: Op) -> None:
    entry = OPERATORS[op]
    assert entry.op is op
    assert entry.help
    assert entry.kinds


@pytest.mark.parametrize(
    ("field", "op", "raw", "expected"),
    [
        (TEXT, Op.EQ, "nato", "t.name = 'nato'"),
        (TEXT, Op.NE, "nato", "t.name != 'nato' OR t.name IS NULL"),
        (TEXT, Op.IN, "a, b", "t.name IN ('a', 'b')"),
        (TEXT, Op.CONTAINS, "Nat%", "lower(t.name) LIKE '%' || 'nat/%' || '%' ESCAPE '/'"),
        (TEXT, Op.STARTSWITH, "na", "t.name LIKE 'na' || '%' ESCAPE '/'"),
        (TEXT, Op.ISNULL, "true", "t.name IS NULL"),
        (TEXT, Op.ISNULL, "0", "t.name IS NOT NULL"),
        (INT, Op.GTE, "3", "t.n >= 3"),
        (INT, Op.IN, "1,2", "t.n IN (1, 2)"),
        (SPAN, Op.ISNULL, "true", 't.start IS NULL AND t."end" IS NULL'),
    ],
)
def test_operator_sql(field: Field, op: Op, raw: str, expected: str) -> None:
    assert sql(field, op, raw) == expected


@pytest.mark.parametrize(
    ("op", "bound"),
    [
        (Op.GT, "coalesce(t.\"end\", '9999-12-31') > '2022-06-30'"),
        (Op.GTE, "coalesce(t.\"end\", '9999-12-31') >= '2022-06-01'"),
        (Op.LT, "coalesce(t.start, '0001-01-01') < '2022-06-01'"),
        (Op.LTE, "coalesce(t.start, '0001-01-01') <= '2022-06-30'"),
    ],
)
def test_span_comparisons_use_the_month_bounds_and_need_a_date(op: Op, bound: str) -> None:
    text = sql(SPAN, op, "2022-06")
    assert text.startswith('(t.start IS NOT NULL OR t."end" IS NOT NULL) AND ')
    assert text.endswith(bound)


@pytest.mark.parametrize(
    ("field", "op", "raw", "value"),
    [
        (SPAN, Op.EQ, "2022", (date(2022, 1, 1), date(2022, 12, 31))),
        (INT, Op.EQ, "7", 7),
        (INT, Op.IN, "7,8", [7, 8]),
        (TEXT, Op.ISNULL, "false", False),
    ],
)
def test_values_are_typed_by_the_entry_value_type(
    field: Field, op: Op, raw: str, value: Any
) -> None:
    assert parse_value(field, op, raw, "query.x")[1] == value


@pytest.mark.parametrize(
    ("field", "op", "raw", "reason"),
    [
        (TEXT, Op.GT, "a", "does not apply"),
        (INT, Op.EQ, "seven", "not an integer"),
        (SPAN, Op.EQ, "2022-02-30", "not a real date"),
        (TEXT, Op.ISNULL, "maybe", "not true or false"),
        (TEXT, Op.IN, " , ", "at least one value"),
    ],
)
def test_bad_values_are_400s_naming_the_parameter(
    field: Field, op: Op, raw: str, reason: str
) -> None:
    with pytest.raises(BadParameter) as caught:
        parse_value(field, op, raw, "query.x")
    assert reason in str(caught.value)
