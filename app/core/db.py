"""Engine and session handling: one unit of work per request."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import Connection, Engine, event
from sqlmodel import Session, create_engine

from app.core.config import get_settings


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores REFERENCES unless each connection opts in.
    # https://www.sqlite.org/foreignkeys.html#fk_enable
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# The statement time limit (ms) of the request being answered, set by the HTTP layer
# (app/core/http.py); None outside requests, so the CLI (migrate, seed) is never limited.
_query_limit_ms: ContextVar[int | None] = ContextVar("query_limit_ms", default=None)
_DEADLINE = "statement_deadline"  # key in the DBAPI connection's `info`
# SQLite calls the progress handler every this many VM instructions: often enough to stop
# within a millisecond or so, rarely enough to cost ~1% on a CPU-bound statement (measured).
_PROGRESS_STEPS = 1000


@contextmanager
def query_time_limit(ms: int | None) -> Iterator[None]:
    """Limit every SQL statement run inside the block to `ms` milliseconds (0/None: none)."""
    token = _query_limit_ms.set(ms or None)
    try:
        yield
    finally:
        _query_limit_ms.reset(token)


def current_query_limit_ms() -> int | None:
    """The statement time limit in force here, if any."""
    return _query_limit_ms.get()


def _install_progress_handler(dbapi_connection: Any, record: Any) -> None:
    # SQLite has no statement timeout; a progress handler that returns true aborts the
    # running statement with "interrupted". https://www.sqlite.org/c3ref/progress_handler.html
    info: dict[str, Any] = record.info

    def past_deadline() -> bool:
        deadline: float | None = info.get(_DEADLINE)
        return deadline is not None and time.monotonic() > deadline

    dbapi_connection.set_progress_handler(past_deadline, _PROGRESS_STEPS)


def _start_statement_clock(conn: Connection, *_args: Any) -> None:
    # Each statement gets the whole limit, as PostgreSQL's statement_timeout does, so a
    # streamed export (many statements) is not capped as a whole.
    limit = _query_limit_ms.get()
    conn.info[_DEADLINE] = None if limit is None else time.monotonic() + limit / 1000


def _stop_statement_clock(conn: Connection) -> None:
    # A deadline left behind must not interrupt the COMMIT or ROLLBACK that follows.
    conn.info.pop(_DEADLINE, None)


def _stop_clock_on_reset(dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
    # SQLAlchemy picks the listener's calling convention by these parameter names.
    connection_record.info.pop(_DEADLINE, None)


def _limit_sqlite_statements(engine: Engine) -> None:
    event.listen(engine, "connect", _install_progress_handler)
    event.listen(engine, "before_cursor_execute", _start_statement_clock)
    event.listen(engine, "commit", _stop_statement_clock)
    event.listen(engine, "rollback", _stop_statement_clock)
    event.listen(engine, "reset", _stop_clock_on_reset)  # the pool's rollback on check-in


def _set_statement_timeout(conn: Connection) -> None:
    # PostgreSQL enforces the limit itself; SET LOCAL lasts until this transaction ends.
    # https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT
    limit = _query_limit_ms.get()
    if limit is not None:
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(limit)}")


def build_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for `url`, with the per-dialect settings the app relies on."""
    is_sqlite = url.startswith("sqlite")
    connect_args = {"check_same_thread": False} if is_sqlite else {}
    engine = create_engine(url, echo=echo, connect_args=connect_args, pool_pre_ping=not is_sqlite)
    if is_sqlite:
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        _limit_sqlite_statements(engine)
    elif url.startswith("postgresql"):
        event.listen(engine, "begin", _set_statement_timeout)
    return engine


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    settings = get_settings()
    return build_engine(settings.database_url, echo=settings.sql_echo)


def get_session() -> Iterator[Session]:
    """A session that commits when the request succeeds and rolls back when it fails."""
    with Session(get_engine()) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


# scope="function": the unit of work commits before the response is sent, so a client
# never sees a 201 for a write whose commit then failed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
