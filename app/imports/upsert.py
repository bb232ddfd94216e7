"""Insert-or-update by primary key through the dialect's `ON CONFLICT`, many rows a statement.

SQLite and PostgreSQL spell the upsert the same way (`INSERT … ON CONFLICT (pk) DO UPDATE
SET col = excluded.col`) but SQLAlchemy builds it from each dialect's own `insert()`; this
module is the one place that picks it. A row inserted keeps the `created_at` and `version` it
is given; a row updated keeps its `created_at` and has its `version` bumped, as the ORM's
optimistic versioning would. https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#upsert
"""

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table, literal_column
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

_INSERTS: dict[str, Callable[[Table], Any]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}
_KEPT = {"created_at", "version"}  # never overwritten by an update
_Processors = tuple[tuple[int, Callable[[Any], Any]], ...]  # (parameter index, processor)


@cache
def _statement(dialect: str, table: Table) -> Insert:
    make = _INSERTS.get(dialect)
    if make is None:
        raise NotImplementedError(f"no upsert for the {dialect} dialect")
    insert = make(table)
    keys = list(table.primary_key.columns)
    changed = {
        column.name: insert.excluded[column.name]
        for column in table.columns
        # Generated columns are the database's to compute: it refuses values for them.
        if column not in keys and column.name not in _KEPT and column.computed is None
    }
    if "version" in table.columns:
        # A literal, not a bound 1: every parameter of the statement is a row's column.
        changed["version"] = table.c.version + literal_column("1")
    if not changed:  # a link table (all key): an existing row is already what is wanted
        statement: Insert = insert.on_conflict_do_nothing(index_elements=keys)
        return statement
    statement = insert.on_conflict_do_update(index_elements=keys, set_=changed)
    return statement


def upsert(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    fixed: Mapping[str, Any] | None = None,
) -> None:
    """Insert `rows`, or update those whose primary key is stored, in one executemany;
    `fixed`: columns with the same value in every row (a batch's timestamps)."""
    if rows:
        _execute_many(connection, _statement(connection.dialect.name, table), rows, fixed or {})


def insert_many(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    encoded: frozenset[str] = frozenset(),
) -> None:
    """Insert `rows` (all with the same keys) in one executemany; `encoded`: JSON columns
    whose values may be JSON text already (a `str`), which skips the column's encoder."""
    if rows:
        _execute_many(connection, _insert(table), rows, {}, encoded)


@cache
def _insert(table: Table) -> Insert:
    return table.insert()  # one object per table, so its compiled form is cached once


def _execute_many(
    connection: Connection,
    statement: Insert,
    rows: Sequence[dict[str, Any]],
    fixed: Mapping[str, Any],
    encoded: frozenset[str] = frozenset(),
) -> None:
    """One executemany of a statement compiled once, its parameters built here.

    `connection.execute(statement, rows)` builds each row's parameters through the compiled
    statement's general machinery, which cost an import more than the database's own work;
    here each row is one tuple (or dict) with only the columns' bind processors applied (the
    same ones: datetimes, JSON), `fixed` values processed once, and the driver's
    executemany takes the list as it is.
    """
    dialect = connection.dialect
    sql, names, processors = _compiled(dialect, statement, (*rows[0], *fixed))
    done = {
        name: processors[name](value) if name in processors else value
        for name, value in fixed.items()
    }
    params: list[Any] = _tuples(rows, names, done)
    per_row = tuple(
        (index, _or_text(processors[name], dialect) if name in encoded else _Memo(processors[name]))
        for index, name in enumerate(names)
        if name in processors and name not in done
    )
    if per_row:
        params = [_processed(values, per_row) for values in params]
    if not dialect.positional:  # named parameters (psycopg's `%(name)s`)
        params = [dict(zip(names, values, strict=True)) for values in params]
    connection.exec_driver_sql(sql, params)


def _tuples(
    rows: Sequence[dict[str, Any]], names: tuple[str, ...], done: Mapping[str, Any]
) -> list[tuple[Any, ...]]:
    """Each row's values in parameter order, the fixed ones (`done`) filled in."""
    lead = len(done)
    if done and set(names[:lead]) == set(done) and len(names) > lead + 1:
        # The bookkeeping columns lead each table: the batch's stamps, then the row's own
        # values, without merging a dictionary per row.
        stamps = tuple(done[name] for name in names[:lead])
        pick = itemgetter(*names[lead:])
        return [stamps + pick(row) for row in rows]
    pick = itemgetter(*names)
    values = [pick({**row, **done} if done else row) for row in rows]
    return [(value,) for value in values] if len(names) == 1 else values


def _or_text(process: Callable[[Any], Any], dialect: Dialect) -> Callable[[Any], Any]:
    """A JSON column's encoder that takes JSON text as it is: SQLite stores the text, and
    psycopg's JSON adapter is handed it with an encoder that leaves it so. (A JSON object
    column's value is never a bare string, so a `str` can only be text encoded already.)"""
    if dialect.name == "postgresql":
        from psycopg.types.json import Json  # only PostgreSQL's driver has it

        def wrap(value: Any) -> Any:
            return Json(value, dumps=_same) if isinstance(value, str) else process(value)

        return wrap
    return lambda value: value if isinstance(value, str) else process(value)


def _same(value: Any) -> Any:
    return value


def _processed(values: tuple[Any, ...], processors: _Processors) -> tuple[Any, ...]:
    out = list(values)
    for index, process in processors:
        out[index] = process(out[index])
    return tuple(out)


class _Memo:
    """A bind processor remembering its last value: repeated values (flags, a shared
    object) are converted once."""

    __slots__ = ("last", "out", "process")

    def __init__(self, process: Callable[[Any], Any]):
        self.process, self.last, self.out = process, _Memo, None

    def __call__(self, value: Any) -> Any:
        if value is not self.last:
            self.last, self.out = value, self.process(value)
        return self.out


@cache
def _compiled(
    dialect: Dialect, statement: Insert, keys: tuple[str, ...]
) -> tuple[str, tuple[str, ...], dict[str, Callable[[Any], Any]]]:
    """The statement's SQL for rows of these keys, the keys in parameter order, and the bind
    processor of each parameter that has one."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    names = tuple(compiled.positiontup or ()) if dialect.positional else keys
    if set(names) != set(keys):  # a default or expression the statement would add
        raise ValueError(f"{statement.table}: parameters {names} for rows of {keys}")
    table = statement.table
    processors: dict[str, Callable[[Any], Any]] = {}
    for name in names:
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[name] = process
    return str(compiled), names, processors
