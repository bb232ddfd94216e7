import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, MetaData, select
from sqlmodel import Session

from app.core.migrate import upgrade
from app.imports.seed import SeedError, plan_seed, seed
from app.models import Change
from tests.conftest import BACKENDS, ROOT, SEEDS


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order, timestamps included."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        return {
            name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for name, table in sorted(metadata.tables.items())
        }


def _copy_seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def _corrupt_first_event_excerpt(seeds_dir: Path) -> tuple[str, str]:
    path = seeds_dir / "data" / "events.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    event = content["events"][0]
    original = event["evidence"][0]["excerpt"]
    corrupted = original[:-1] + ("X" if original[-1] != "X" else "Y")
    event["evidence"][0]["excerpt"] = corrupted
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return event["id"], corrupted


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    engine = new_engine(request.param)
    upgrade(engine)
    return engine


def test_seeding_twice_leaves_the_database_identical(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        first = seed(session, SEEDS)
    after_first = _dump(empty_engine)
    with Session(empty_engine) as session:
        second = seed(session, SEEDS)
    assert first.inserted > 0
    assert (second.inserted, second.updated) == (0, 0)
    assert second.unchanged == first.inserted
    assert "nothing changed" in str(second)
    assert _dump(empty_engine) == after_first


def test_corrupted_excerpt_fails_naming_it_and_changes_nothing(
    empty_engine: Engine, tmp_path: Path
) -> None:
    with Session(empty_engine) as session:
        seed(session, SEEDS)
    before = _dump(empty_engine)
    seeds_dir = _copy_seeds(tmp_path)
    event_id, corrupted = _corrupt_first_event_excerpt(seeds_dir)
    with Session(empty_engine) as session, pytest.raises(SeedError) as failure:
        seed(session, seeds_dir)
    message = str(failure.value)
    assert f"event {event_id!r}" in message
    assert repr(corrupted) in message
    assert _dump(empty_engine) == before


def test_changed_fact_updates_only_its_row(empty_engine: Engine, tmp_path: Path) -> None:
    with Session(empty_engine) as session:
        seed(session, SEEDS)
    seeds_dir = _copy_seeds(tmp_path)
    path = seeds_dir / "data" / "actors.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["actors"][0]["description"] = "Changed for the test."
    content["actors"][0].pop("claims", None)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with Session(empty_engine) as session:
        report = seed(session, seeds_dir)
    assert (report.inserted, report.updated) == (0, 1)


def test_unknown_reference_is_rejected_with_its_record(tmp_path: Path) -> None:
    seeds_dir = _copy_seeds(tmp_path)
    path = seeds_dir / "data" / "relationships.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["relationships"][0]["object"] = "no-such-actor"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SeedError, match="unknown actor 'no-such-actor'"):
        plan_seed(seeds_dir)


def test_seed_command_reports_and_is_idempotent(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "app", "seed"]
    first = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    second = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert "inserted" in first.stdout
    assert "nothing changed" in second.stdout


def test_seed_command_exits_1_on_bad_data(tmp_path: Path) -> None:
    seeds_dir = _copy_seeds(tmp_path)
    event_id, _ = _corrupt_first_event_excerpt(seeds_dir)
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "app", "seed", "--seeds-dir", str(seeds_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "nothing loaded" in result.stderr
    assert event_id in result.stderr


def test_seeding_records_history_once_in_the_write_apis_shape(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        seed(session, SEEDS)
    first = _dump(empty_engine)["change"]
    with Session(empty_engine) as session:
        seed(session, SEEDS)
    assert _dump(empty_engine)["change"] == first  # nothing changed: no new history
    columns = [c.name for c in Change.__table__.columns]  # type: ignore[attr-defined]
    changes = [dict(zip(columns, row, strict=True)) for row in first]
    assert {(c["action"], c["reason"], c["before"]) for c in changes} == {("create", "seed", None)}
    places = [c for c in changes if c["record_type"] == "place"]
    assert places[0]["after"]["evidence"], "the snapshot carries the record's evidence"
    assert {"event", "actor", "source", "place"} <= {c["record_type"] for c in changes}
