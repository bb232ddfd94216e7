"""Engine and session handling: one unit of work per request."""

import os
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DisconnectionError
from sqlmodel import Session, create_engine
from starlette.concurrency import run_in_threadpool

from app.core.config import Settings, get_settings
from app.core.data_version import track_data_version
from app.core.faults import discards_connection


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # SQLite ignores REFERENCES unless each connection opts in.
    # https://www.sqlite.org/foreignkeys.html#fk_enable
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL: readers read the last committed snapshot while one writer (an import) appends, so
    # reads never wait for a write; writers still take turns. https://www.sqlite.org/wal.html
    # A database on a read-only medium keeps its journal mode (the pragma answers, unchanged).
    cursor.execute("PRAGMA journal_mode=WAL")
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
    # A deadline left behind must not interrupt the COMMIT or ROLLBACK that follows. An
    # invalidated connection (a fault, see _discard_faulty_connections) has no info left.
    if not conn.invalidated:
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


def _discard_faulty_connections(context: ExceptionContext) -> None:
    # A connection that met a read-only file, a full disk or an I/O error may keep failing
    # (SQLite caches the state of its file); marking the error a disconnect makes SQLAlchemy
    # invalidate it and the pool, so the next request opens fresh connections and the service
    # recovers without a restart once the fault is fixed.
    # https://docs.sqlalchemy.org/en/20/core/events.html#sqlalchemy.events.DialectEvents.handle_error
    if discards_connection(context.original_exception):
        context.is_disconnect = True


def _renew_when_writable(engine: Engine) -> None:
    # SQLite opens a file it may not write read-only, silently, and the connection stays so
    # after the file becomes writable again: a connection opened during the fault (by a read)
    # is replaced on checkout once the file can be written.
    path = engine.url.database
    if not path or path == ":memory:":
        return

    def writable() -> bool:
        return os.access(path, os.W_OK, effective_ids=True)

    def on_connect(_dbapi_connection: Any, record: Any) -> None:
        record.info["opened_read_only"] = not writable()

    def on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if record.info.get("opened_read_only") and writable():
            raise DisconnectionError("the database file became writable")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "checkout", on_checkout)


def _set_statement_timeout(conn: Connection) -> None:
    # PostgreSQL enforces the limit itself; SET LOCAL lasts until this transaction ends.
    # https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT
    limit = _query_limit_ms.get()
    if limit is not None:
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(limit)}")


def _connect_args(url: str, busy_timeout_ms: int) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # pysqlite's `timeout` is SQLite's busy timeout: a writer waits this long for the
        # other writer's lock before "database is locked" (answered 503 database-busy).
        return {"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
    if url.startswith("postgresql"):
        # Fail fast when the server is down, so the answer is a 503 within seconds.
        # No parallel query: the API's statements read a page through an index, and the
        # planner, misjudging a one-row text match as thousands, spent 12 of 16.6 ms starting
        # workers for it (bench/RESULTS.md, target 4).
        return {"connect_timeout": 5, "options": "-c max_parallel_workers_per_gather=0"}
    return {}


def build_engine(
    url: str, *, echo: bool = False, pool_size: int = 5, busy_timeout_ms: int = 5000
) -> Engine:
    """An engine for `url`, with the per-dialect settings the app relies on."""
    engine = create_engine(
        url,
        echo=echo,
        connect_args=_connect_args(url, busy_timeout_ms),
        # A pooled connection is tested before use; one the server dropped is replaced.
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=10,
    )
    event.listen(engine, "handle_error", _discard_faulty_connections)
    track_data_version(engine)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _configure_sqlite)
        _renew_when_writable(engine)
        _limit_sqlite_statements(engine)
    elif url.startswith("postgresql"):
        event.listen(engine, "begin", _set_statement_timeout)
    return engine


def pool_size_for(settings: Settings) -> int:
    """Each worker's share of the connection budget (half of it held, half as overflow)."""
    return max(1, settings.db_connections // (2 * settings.workers))


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    settings = get_settings()
    return build_engine(
        settings.database_url,
        echo=settings.sql_echo,
        pool_size=pool_size_for(settings),
        busy_timeout_ms=settings.sqlite_busy_timeout_ms,
    )


async def get_session() -> AsyncIterator[Session]:
    """A session that commits when the request succeeds and rolls back when it fails.

    async: FastAPI runs a sync generator dependency's two halves in two thread-pool hops per
    request. Here a request whose session holds no transaction at the end (it never read, or
    its route ended the unit of work in its own hop: `end_read`) costs none; the commit or
    rollback of one that does runs in the thread pool, as it waits on the database."""
    session = Session(get_engine())
    try:
        yield session
    except Exception:
        await run_in_threadpool(_finish, session, commit=False)
        raise
    if session.in_transaction():
        await run_in_threadpool(_finish, session, commit=True)
    else:
        session.close()  # holds no connection: nothing to send


def _finish(session: Session, *, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


def end_read(session: Session) -> None:
    """End a read-only unit of work from the route's own thread-pool hop (the commit of a
    transaction that wrote nothing), so `get_session` has nothing left to do on the loop."""
    session.commit()


# scope="function": the unit of work commits before the response is sent, so a client
# never sees a 201 for a write whose commit then failed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
