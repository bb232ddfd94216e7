"""Database faults a client should retry later: which errors they are, and how to say so.

A fault is not the client's doing and not a bug: the database file is read-only, the disk is
full, another writer holds the lock, or the PostgreSQL server is down or restarting. Each is
answered 503 with Retry-After (RFC 9110 §10.2.3), never 500.
"""

import sqlite3
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout


@dataclass(frozen=True)
class Fault:
    """How one kind of fault is answered."""

    slug: str
    title: str
    detail: str
    retry_after: int  # seconds


BUSY = Fault("database-busy", "Database busy", "Another write holds the database; retry.", 1)
READ_ONLY = Fault(
    "database-read-only",
    "Database read-only",
    "The database accepts no writes at the moment (read-only storage); reads still work.",
    30,
)
FULL = Fault(
    "database-full",
    "Database full",
    "The database has no room left for this write; reads still work.",
    30,
)
UNAVAILABLE = Fault(
    "database-unavailable",
    "Database unavailable",
    "The database cannot be reached; retry shortly.",
    5,
)
FAULTS = (BUSY, READ_ONLY, FULL, UNAVAILABLE)

# SQLite primary result codes (https://www.sqlite.org/rescode.html); extended codes such as
# SQLITE_IOERR_WRITE share their primary code's name as a prefix.
_SQLITE = {
    "SQLITE_BUSY": BUSY,
    "SQLITE_LOCKED": BUSY,
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_FULL": FULL,
    "SQLITE_IOERR": UNAVAILABLE,
    "SQLITE_CANTOPEN": UNAVAILABLE,
}
# Faults that leave a SQLite connection unusable, or stuck in a stale state.
_SQLITE_DISCARD = ("SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN")
# PostgreSQL SQLSTATE prefixes (https://www.postgresql.org/docs/current/errcodes-appendix.html):
# 08 connection exception, 57P0x shutdown or not yet accepting connections, 53100 disk full,
# 53300 too many connections, 25006 read-only transaction (a hot standby), 40001/40P01
# serialization failure and deadlock (retrying succeeds).
_POSTGRES = (
    ("08", UNAVAILABLE),
    ("57P0", UNAVAILABLE),
    ("53100", FULL),
    ("53300", BUSY),
    ("25006", READ_ONLY),
    ("40001", BUSY),
    ("40P01", BUSY),
)


def _sqlite_name(error: BaseException) -> str | None:
    if not isinstance(error, sqlite3.Error):
        return None
    name = getattr(error, "sqlite_errorname", None)
    return "_".join(name.split("_")[:2]) if isinstance(name, str) else None


def discards_connection(error: BaseException) -> bool:
    """Whether a connection that raised `error` must be thrown away rather than reused."""
    return _sqlite_name(error) in _SQLITE_DISCARD


def classify(exc: Exception) -> Fault | None:
    """The fault `exc` reports, or None when it is something else (a bug: 500)."""
    if isinstance(exc, PoolTimeout):  # every pooled connection stayed busy for pool_timeout
        return BUSY
    if not isinstance(exc, DBAPIError):
        return None
    name = _sqlite_name(exc.orig) if exc.orig is not None else None
    if name is not None:
        return _SQLITE.get(name)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        return next((f for prefix, f in _POSTGRES if sqlstate.startswith(prefix)), None)
    # psycopg raises OperationalError with no SQLSTATE when it cannot connect at all.
    if exc.connection_invalidated or type(exc.orig).__name__ == "OperationalError":
        return UNAVAILABLE
    return None
