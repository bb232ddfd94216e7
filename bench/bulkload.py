"""A large SQL fill with the per-row work of the events' triggers and indexes deferred.

Row by row, each event runs its search and span-copy triggers and each row lands in every
secondary index at a random place: a million events took about 90 minutes on SQLite here
(the default 2 MB page cache spills on every index insert) and, on PostgreSQL, the
span-copy triggers' plans, cached while the tables were near empty, scanned participation
for each event (15,000 events in 9 minutes). `deferred` lifts that work off the fill and
does it once after it, set-wise, to the same end state the triggers would have left.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

# The copies of an event's span on its participations (migration participation_when_copies).
COPIES = ("occurred_start", "occurred_end", "occurred_first", "occurred_last")
_PG_TRIGGERS = (("event", "event_when_spread"), ("participation", "participation_when_copy"))
_TABLES = ("event", "participation", "event_source")
_SET = ", ".join(COPIES)


@contextmanager
def deferred(conn: Connection) -> Iterator[None]:
    """Within: inserts into event, participation and event_source without their triggers'
    and secondary indexes' per-row work; on leaving, the same rows as if they had run."""
    if conn.dialect.name == "sqlite":
        with _sqlite(conn):
            yield
    else:
        with _postgres(conn):
            yield


@contextmanager
def _postgres(conn: Connection) -> Iterator[None]:
    # The secondary indexes too: with them, the one UPDATE of 3.5 million participations
    # (every copy column indexed, so no HOT update) ran for over 18 minutes.
    tables = ", ".join(f"'{t}'" for t in _TABLES)
    saved = conn.exec_driver_sql(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "  # noqa: S608
        f"AND tablename IN ({tables}) AND indexname NOT IN (SELECT conname FROM pg_constraint)"
    ).all()
    for name, _ in saved:
        conn.exec_driver_sql(f"DROP INDEX {name}")
    _pg_triggers(conn, "DISABLE")
    yield
    columns = ", ".join(f"{c} = event.{c}" for c in COPIES)
    conn.exec_driver_sql(
        f"UPDATE participation SET {columns} FROM event "  # noqa: S608  (constants)
        "WHERE event.id = participation.event_id"
    )
    for _, sql in saved:
        conn.exec_driver_sql(sql)
    _pg_triggers(conn, "ENABLE")


def _pg_triggers(conn: Connection, state: str) -> None:
    for table, name in _PG_TRIGGERS:
        conn.exec_driver_sql(f"ALTER TABLE {table} {state} TRIGGER {name}")


@contextmanager
def _sqlite(conn: Connection) -> Iterator[None]:
    conn.exec_driver_sql("PRAGMA cache_size=-1000000")
    marks = [f"'{t}'" for t in _TABLES]
    saved = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "  # noqa: S608  (constants)
        f"AND type IN ('index', 'trigger') AND tbl_name IN ({', '.join(marks)})"
    ).all()
    for kind, name, _ in saved:
        conn.exec_driver_sql(f"DROP {kind.upper()} {name}")
    before = {t: _last_rowid(conn, t) for t in ("event", "participation")}
    yield
    # What the triggers do per row: the span copies, then each new event's search row.
    conn.exec_driver_sql(
        f"UPDATE participation SET ({_SET}) = (SELECT {_SET} FROM event "  # noqa: S608  (constants)
        f"WHERE event.id = participation.event_id) WHERE rowid > {before['participation']}"
    )
    conn.exec_driver_sql(
        "INSERT INTO search_fts_row (record_type, record_id) "  # noqa: S608  (constants)
        f"SELECT 'event', id FROM event WHERE rowid > {before['event']} ORDER BY rowid"
    )
    conn.exec_driver_sql(
        "INSERT INTO search_fts (rowid, record_type, record_id, title, body) "  # noqa: S608
        "SELECT r.id, 'event', e.id, e.title, e.summary FROM event AS e JOIN search_fts_row "
        f"AS r ON r.record_type = 'event' AND r.record_id = e.id WHERE e.rowid > {before['event']}"
    )
    for _, _, sql in saved:
        conn.exec_driver_sql(sql)


def _last_rowid(conn: Connection, table: str) -> int:
    found = conn.exec_driver_sql(f"SELECT max(rowid) FROM {table}").scalar()  # noqa: S608
    return int(found or 0)
