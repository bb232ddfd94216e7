"""A database-wide data version: bumped in every transaction that writes record data, just
before it commits, so a cache keyed by it is correct across workers and processes.

The bump is one `UPDATE data_version` as the transaction's last statement: it commits with
the data it counts (a reader that sees the new version sees the data), and concurrent
writers queue on that one row only for the instant between their last write and their
commit (taken last, the lock cannot deadlock). It watches the statements every connection
of the app's engines sends (API writes, imports, seeding, merges, the CLI); a write made
with another client (the sqlite3 shell, another program) does not bump it.
"""

import re
from typing import Any

from sqlalchemy import Connection, Engine, event

# Bookkeeping no read shows: counting them would make every rate-limited request a write.
NOT_DATA = frozenset(
    {"rate_limit_window", "idempotency_record", "api_key", "server_secret", "data_version"}
)
_WRITE = re.compile(
    r"\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+\"?(\w+)",
    re.IGNORECASE,
)
_WROTE = "data_written"  # key in the connection's `info` while its transaction is open
_SAVED = "data_written_before"  # _WROTE as each open savepoint found it, innermost last
BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
READ = "SELECT version FROM data_version WHERE id = 1"


def writes_data(statement: str) -> bool:
    """Whether the statement writes a table reads can show (DDL is left to migrations)."""
    found = _WRITE.match(statement)
    return found is not None and found.group(1).lower() not in NOT_DATA


def _watch(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if writes_data(statement):
        conn.info[_WROTE] = True


def _bump(conn: Connection) -> None:
    conn.info.pop(_SAVED, None)
    if conn.info.pop(_WROTE, False) and has_data_version(conn):
        conn.exec_driver_sql(BUMP)


def _info(conn: Connection) -> dict[Any, Any] | None:
    # An invalidated connection (a read-only file, a full disk: app.core.db discards it)
    # raises on `info` until rolled back; its flags went with its DBAPI connection.
    return None if conn.invalidated else conn.info


def _forget(conn: Connection) -> None:
    if (info := _info(conn)) is not None:
        info.pop(_WROTE, None)
        info.pop(_SAVED, None)


def _savepoint(conn: Connection, _name: str) -> None:
    if (info := _info(conn)) is not None:
        info.setdefault(_SAVED, []).append(info.get(_WROTE, False))


def _rollback_savepoint(conn: Connection, _name: str, _context: Any) -> None:
    # What the savepoint wrote is undone (a dry run's import, a refused record): the
    # transaction has written data only if it had before the savepoint began.
    info = _info(conn)
    if info is not None and info.get(_SAVED):
        info[_WROTE] = info[_SAVED].pop()


def _release_savepoint(conn: Connection, _name: str, _context: Any) -> None:
    info = _info(conn)
    if info is not None and info.get(_SAVED):
        info[_SAVED].pop()


def _forget_on_reset(dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
    # The pool's rollback of a connection given back mid-transaction; SQLAlchemy picks the
    # listener's calling convention by these parameter names.
    connection_record.info.pop(_WROTE, None)
    connection_record.info.pop(_SAVED, None)


def has_data_version(conn: Connection) -> bool:
    """Whether the migration that makes the table has run (migrations write rows too)."""
    if conn.engine.dialect.name == "sqlite":
        probe = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_version'"
    else:
        probe = "SELECT 1 WHERE to_regclass('data_version') IS NOT NULL"
    return conn.exec_driver_sql(probe).first() is not None


def track_data_version(engine: Engine) -> None:
    """Bump the data version in each of `engine`'s transactions that wrote record data."""
    event.listen(engine, "before_cursor_execute", _watch)
    event.listen(engine, "commit", _bump)
    event.listen(engine, "rollback", _forget)
    event.listen(engine, "savepoint", _savepoint)
    event.listen(engine, "rollback_savepoint", _rollback_savepoint)
    event.listen(engine, "release_savepoint", _release_savepoint)
    event.listen(engine, "reset", _forget_on_reset)


def data_version(conn: Connection) -> int:
    """The current data version (0 before the first counted write)."""
    value = conn.exec_driver_sql(READ).scalar()
    return int(value or 0)
