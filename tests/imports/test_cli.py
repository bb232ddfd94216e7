"""`python -m app import` and `export` as processes on SQLite file databases, including an
import killed while it loads."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.db import build_engine
from app.core.migrate import upgrade
from app.imports.seed import seed
from app.models import Quote
from tests.conftest import ROOT, SEEDS
from tests.imports import generate
from tests.imports.support import dump, export_text, lines, records

# Events in the file the kill test loads: enough that loading takes a few seconds.
KILL_TEST_EVENTS = 3000


def _app(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=_env(db),
        capture_output=True,
        text=True,
        check=check,
    )


def _env(db: Path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{db}", "PATH": "/usr/bin:/bin"}


def _seeded(db: Path) -> Engine:
    engine = build_engine(f"sqlite:///{db}")
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
    return engine


def test_export_then_import_into_a_new_database_round_trips(tmp_path: Path) -> None:
    source = _seeded(tmp_path / "source.db")
    exported = tmp_path / "export.ndjson"
    result = _app(tmp_path / "source.db", "export", str(exported))
    assert "export: wrote" in result.stderr
    assert "left out" not in result.stderr
    assert exported.read_text(encoding="utf-8") == export_text(source)
    first = _app(tmp_path / "target.db", "import", str(exported), "--reason", "copy")
    assert "inserted" in first.stdout
    target = build_engine(f"sqlite:///{tmp_path / 'target.db'}")
    assert dump(target, data_only=True) == dump(source, data_only=True)
    second = _app(tmp_path / "target.db", "import", str(exported))
    assert "nothing changed" in second.stdout


def test_export_names_the_rows_the_format_has_no_place_for(tmp_path: Path) -> None:
    engine = _seeded(tmp_path / "db.db")
    with Session(engine) as session:  # the write API may make a quote of no event
        session.add(Quote(id="loose-quote", text="Loose words.", language="en"))
        session.commit()
    result = _app(tmp_path / "db.db", "export", str(tmp_path / "out.ndjson"))
    assert "left out rows the format has no place for: 1 quote" in result.stderr


def test_export_to_stdout_is_the_same_ndjson(tmp_path: Path) -> None:
    source = _seeded(tmp_path / "source.db")
    assert _app(tmp_path / "source.db", "export").stdout == export_text(source)


def test_a_rejected_file_exits_1_naming_each_line_and_loads_nothing(tmp_path: Path) -> None:
    engine = _seeded(tmp_path / "db.db")
    before = dump(engine)
    good = records(export_text(engine))[0]
    path = tmp_path / "bad.ndjson"
    path.write_text(lines([good]) + "not json\n" + lines([{**good, "kind": "moon"}]))
    result = _app(tmp_path / "db.db", "import", str(path), check=False)
    assert result.returncode == 1
    assert "nothing was loaded" in result.stdout
    assert "line 2: not valid JSON" in result.stdout
    assert f"line 3 place {good['id']!r}: kind:" in result.stdout
    assert dump(engine) == before


def test_dry_run_of_a_yaml_document_writes_nothing(tmp_path: Path) -> None:
    engine = _seeded(tmp_path / "db.db")
    before = dump(engine)
    cited = records(export_text(engine))[0]["evidence"][:1]
    place = {"id": "new-place", "name": "New", "kind": "city", "evidence": cited}
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump({"places": [place]}, allow_unicode=True), encoding="utf-8")
    result = _app(tmp_path / "db.db", "import", str(path), "--dry-run")
    assert "dry run" in result.stdout
    assert "inserted: new-place" in result.stdout
    assert dump(engine) == before


def test_the_progress_bar_is_drawn_when_asked_and_not_on_a_pipe(tmp_path: Path) -> None:
    path = tmp_path / "small.ndjson"
    path.write_text(generate.ndjson(20))
    quiet = _app(tmp_path / "quiet.db", "import", str(path))
    assert "import: loading" in quiet.stderr
    assert "row/s" not in quiet.stderr
    shown = _app(tmp_path / "shown.db", "import", str(path), "--progress")
    assert "row/s" in shown.stderr


def test_an_import_killed_while_loading_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "db.db"
    engine = _seeded(db)
    before = dump(engine)
    big = tmp_path / "big.ndjson"
    big.write_text(generate.ndjson(KILL_TEST_EVENTS))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "import", str(big)],
        cwd=ROOT,
        env=_env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_loading(process, db)
        os.kill(process.pid, signal.SIGKILL)
        stdout, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == -signal.SIGKILL
    assert "inserted" not in stdout  # killed before it could commit and report
    assert dump(engine) == before


def _wait_until_loading(process: subprocess.Popen[str], db: Path) -> None:
    """Return once the import has checked everything and begun writing rows."""
    assert process.stderr is not None
    for line in process.stderr:  # status lines; no bar, as stderr is no terminal
        if line.startswith("import: loading"):
            break
    else:
        raise AssertionError(f"the import ended before loading: {process.wait()}")
    wal = Path(f"{db}-wal")  # SQLite's write-ahead log: the first write put frames in it
    deadline = time.monotonic() + 60
    while not _has_frames(wal) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # well into the load
    assert process.poll() is None, "the import finished before it could be killed"


def _has_frames(wal: Path) -> bool:
    return wal.exists() and wal.stat().st_size > 0
