"""SQLite databases a test can make read-only (file permissions) or full (a small tmpfs)."""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.core.db import build_engine
from app.core.migrate import upgrade
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for

NOBODY = 65534


@dataclass
class Mounted:
    """A database file on a tmpfs that the test may fill up."""

    mount: Path
    engine: Engine
    writer: dict[str, str]


@dataclass
class Owned:
    """A database in a directory of its own, whose file the test may make read-only."""

    file: Path
    engine: Engine
    writer: dict[str, str]

    @contextmanager
    def read_only(self) -> Iterator[None]:
        """The file read-only; as root, the test runs as `nobody`, whom permissions bind."""
        self.engine.dispose()  # connections opened from now on find the file read-only
        self.file.chmod(0o444)
        try:
            if os.geteuid() == 0:
                os.seteuid(NOBODY)
            yield
        finally:
            if os.getuid() == 0:
                os.seteuid(0)
            self.file.chmod(0o644)


@pytest.fixture
def owned() -> Iterator[Owned]:
    """A migrated database in a new directory, owned by `nobody` when the test runs as root."""
    folder = Path(tempfile.mkdtemp(prefix="readonly-"))
    folder.chmod(0o755)
    file = folder / "db.sqlite"
    engine = build_engine(f"sqlite:///{file}")
    try:
        upgrade(engine)
        _, key = make_key(engine, "write", "read")
        engine.dispose()
        if os.geteuid() == 0:
            for path in (folder, *folder.iterdir()):
                os.chown(path, NOBODY, NOBODY)
        yield Owned(file, engine, bearer(key))
    finally:
        engine.dispose()
        shutil.rmtree(folder)


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Mounted]:
    """A migrated database on a 32 MiB tmpfs; skipped unless root may mount one."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs to fill it up needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)], check=True)
    engine = build_engine(f"sqlite:///{mount / 'db.sqlite'}")
    try:
        upgrade(engine)
        _, key = make_key(engine, "write", "read")
        yield Mounted(mount, engine, bearer(key))
    finally:
        engine.dispose()
        subprocess.run(["umount", "-l", str(mount)], check=True)


@dataclass
class Writable:
    """A client on a migrated, empty SQLite database, and headers with a write key."""

    api: TestClient
    engine: Engine
    writer: dict[str, str]


@pytest.fixture(scope="module")
def writable(new_engine: Callable[[str], Engine]) -> Iterator[Writable]:
    """Limits on input do not depend on the database: SQLite is enough."""
    engine = new_engine("sqlite")
    upgrade(engine)
    _, key = make_key(engine, "write", "read")
    with client_for(engine) as api:
        yield Writable(api, engine, bearer(key))
