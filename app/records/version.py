"""The data version read for a replay (app/records/replay.py), as cheaply as it can be read.

On SQLite the replay reads it on the event loop, through one DBAPI connection per engine
kept for that alone: taking a pooled connection (its check-out, ping and reset) cost more
than the statement, a tenth of a replayed answer's CPU. Outside a transaction each read
sees the last commit (https://www.sqlite.org/isolation.html). On another database it is
read in the thread pool, through the pool.
"""

import weakref
from typing import Any

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from app.core.data_version import READ

# Only the event loop uses them, one statement at a time.
_kept: "weakref.WeakKeyDictionary[Engine, Any]" = weakref.WeakKeyDictionary()


def _scalar(connection: Any) -> int:
    cursor = connection.cursor()
    try:
        cursor.execute(READ)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return int(row[0] if row and row[0] else 0)


def _pooled(engine: Engine) -> int:
    connection = engine.raw_connection()
    try:
        return _scalar(connection)
    finally:
        connection.close()


def _local(engine: Engine) -> int:
    connection = _kept.get(engine)
    if connection is None:
        connection = engine.raw_connection()
        connection.detach()  # the pool neither counts it nor hands it to a request
        _kept[engine] = connection
    try:
        return _scalar(connection)
    except Exception:
        _kept.pop(engine, None)  # a fault may stay with the connection: the next read opens anew
        connection.close()  # detached, so this closes the DBAPI connection
        raise


async def data_version_now(engine: Engine) -> int | None:
    """The current data version of `engine`'s database, or None if it cannot be read (the
    full stack then answers, with the problem it makes of the fault)."""
    try:
        if engine.dialect.name == "sqlite":
            return _local(engine)
        return await run_in_threadpool(_pooled, engine)
    except Exception:
        return None
