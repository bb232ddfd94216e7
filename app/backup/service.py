"""Copy the database to a file while the service keeps writing, and put a copy back.

SQLite: the online backup API copies a consistent snapshot page by page while other
connections go on writing (https://www.sqlite.org/backup.html). PostgreSQL: pg_dump takes
one consistent snapshot in a single transaction (custom format); pg_restore puts it back.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from app.core.data_version import data_version, has_data_version

# All pages in one step: a step that another connection's write interrupts starts over, so
# copying in small steps never ends under steady writes. In WAL mode the one step is a read
# of one snapshot, which writers never wait for (https://www.sqlite.org/wal.html).
_PAGES_PER_STEP = -1


class BackupError(Exception):
    """A backup or restore that could not be made; the message says why."""


def backup(engine: Engine, target: Path) -> None:
    """Write a consistent copy of the database behind `engine` to `target`."""
    if engine.dialect.name == "sqlite":
        _sqlite_copy(_sqlite_path(engine), target)
    else:
        _pg("pg_dump", engine, "--format=custom", "--no-owner", f"--file={target}")


def restore(engine: Engine, source: Path) -> None:
    """Replace the database behind `engine` with the copy in `source`."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    before = _version(engine)
    engine.dispose()  # no pooled connection may hold the old file or tables
    if engine.dialect.name == "sqlite":
        _sqlite_copy(source, _sqlite_path(engine))
    else:
        _pg(
            "pg_restore",
            engine,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(source),
        )
    _advance(engine, before)


def _version(engine: Engine) -> int:
    with engine.connect() as conn:
        return data_version(conn) if has_data_version(conn) else 0


def _advance(engine: Engine, before: int) -> None:
    # The copy brings back the version it was taken at, which running servers may already
    # have cached answers under (reached again by later writes, they would be served as
    # current): the restored data gets a version past both.
    with engine.begin() as conn:
        if has_data_version(conn):
            after = max(before, data_version(conn)) + 1
            conn.execute(text("UPDATE data_version SET version = :v WHERE id = 1"), {"v": after})


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
    # Through SQLite, not a file copy: the backup API reads a consistent snapshot (WAL
    # included) and, writing into `target`, replaces its content safely.
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=_PAGES_PER_STEP)
    finally:
        dst.close()
        src.close()


def _program(tool: str) -> str | None:
    # Debian keeps the versioned tools out of PATH; the newest installed one reads older dumps.
    found = shutil.which(tool)
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"), key=_major)
    return found or (str(versions[-1]) if versions else None)


def _major(path: Path) -> int:
    name = path.parent.parent.name
    return int(name) if name.isdigit() else 0


def _pg(tool: str, engine: Engine, *options: str) -> None:
    program = _program(tool)
    if program is None:
        raise BackupError(f"{tool} is not installed (PostgreSQL client tools)")
    url = make_url(engine.url.render_as_string(hide_password=False)).set(drivername="postgresql")
    dsn = url.render_as_string(hide_password=False)
    done = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
        [program, *options, f"--dbname={dsn}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()}")
