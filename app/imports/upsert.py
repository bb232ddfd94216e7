"""Insert-or-update by primary key through the dialect's `ON CONFLICT`, many rows a statement.

SQLite and PostgreSQL spell the upsert the same way (`INSERT … ON CONFLICT (pk) DO UPDATE
SET col = excluded.col`) but SQLAlchemy builds it from each dialect's own `insert()`; this
module is the one place that picks it. A row inserted keeps the `created_at` and `version` it
is given; a row updated keeps its `created_at` and has its `version` bumped, as the ORM's
optimistic versioning would. https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#upsert
"""

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

_INSERTS: dict[str, Callable[[Table], Any]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}
_KEPT = {"created_at", "version"}  # never overwritten by an update


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
        changed["version"] = table.c.version + 1
    if not changed:  # a link table (all key): an existing row is already what is wanted
        statement: Insert = insert.on_conflict_do_nothing(index_elements=keys)
        return statement
    statement = insert.on_conflict_do_update(index_elements=keys, set_=changed)
    return statement


def upsert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows`, or update those whose primary key is stored, in one executemany."""
    if rows:
        connection.execute(_statement(connection.dialect.name, table), list(rows))
