"""`python -m app backup FILE` while writes go on, and `python -m app restore FILE`."""

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app.core.db import build_engine
from app.core.migrate import upgrade
from tests.auth.helpers import bearer, make_key
from tests.conftest import BACKENDS, ROOT, client_for
from tests.imports.support import dump


def _app(engine: Engine, *args: str) -> subprocess.CompletedProcess[str]:
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env={"DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


def _actor(i: int) -> dict[str, str]:
    return {"kind": "organisation", "name": f"Backup Org {i}", "description": "d" * 500}


@pytest.fixture(params=BACKENDS)
def pair(
    request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]
) -> tuple[Engine, Engine, str]:
    """A migrated source database with a write key, and an empty target, on one backend."""
    source, target = new_engine(request.param), new_engine(request.param)
    upgrade(source)
    _, key = make_key(source, "write")
    return source, target, key


@pytest.mark.slow
def test_backup_taken_during_writes_restores_a_consistent_copy(
    pair: tuple[Engine, Engine, str], tmp_path: Path
) -> None:
    source, target, key = pair
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        with client_for(source) as api:
            for i in range(10_000):
                if stop.is_set():
                    return
                response = api.post("/actors?new=true", json=_actor(i), headers=bearer(key))
                assert response.status_code == 201, response.text
                written.append(i)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 20 and writer.is_alive():
            stop.wait(0.05)
        assert writer.is_alive(), "the writes stopped before the backup"
        _app(source, "backup", str(tmp_path / "copy.bak"))
        during = len(written)
    finally:
        stop.set()
        writer.join()
    assert during < len(written) or during > 20  # writes went on around the backup
    _app(target, "restore", str(tmp_path / "copy.bak"))
    restored = dump(target)
    actors = restored["actor"]
    assert 20 <= len(actors) <= len(written)
    assert len(restored["actor_name"]) == len(actors)  # each with its canonical name
    assert len(restored["change"]) == len(actors)  # and its history: one snapshot


def test_restore_gives_back_exactly_what_was_backed_up(
    pair: tuple[Engine, Engine, str], tmp_path: Path
) -> None:
    source, target, key = pair
    with client_for(source) as api:
        for i in range(5):
            assert (
                api.post("/actors?new=true", json=_actor(i), headers=bearer(key)).status_code == 201
            )
    _app(source, "backup", str(tmp_path / "copy.bak"))
    with client_for(source) as api:  # a write after the backup is not in it
        assert api.post("/actors?new=true", json=_actor(99), headers=bearer(key)).status_code == 201
    upgrade(target)  # restore replaces whatever the target held
    _app(target, "restore", str(tmp_path / "copy.bak"))
    snapshot = dump(source)
    snapshot["actor"] = [row for row in snapshot["actor"] if "Backup Org 99" not in row]
    restored = dump(target)
    assert restored["actor"] == snapshot["actor"]
    if target.dialect.name == "sqlite":
        with build_engine(str(target.url)).connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"


def test_a_server_running_across_a_restore_serves_the_restored_data(
    pair: tuple[Engine, Engine, str], tmp_path: Path
) -> None:
    # The copy carries the data version it was taken at; answers cached after it must not
    # be served again once later writes bring the counter back to their version.
    source, _target, key = pair
    _app(source, "backup", str(tmp_path / "copy.bak"))
    with client_for(source) as api:
        made = api.post("/actors?new=true", json=_actor(99), headers=bearer(key))
        assert made.status_code == 201
        url = f"/actors/{made.json()['id']}"
        assert api.get(url).status_code == 200  # now cached
        _app(source, "restore", str(tmp_path / "copy.bak"))
        assert api.post("/actors?new=true", json=_actor(7), headers=bearer(key)).status_code == 201
        assert api.get(url).status_code == 404
