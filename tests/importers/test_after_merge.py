"""An importer's file loaded again after a merge of two of its actors keeps them merged:
the merged actor is not re-created, and its events cite the survivor (issue 9)."""

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine

from tests.auth.helpers import bearer, make_key
from tests.conftest import ROOT, client_for
from tests.importers.conftest import ACLED_NEW, NEEDS_SHAPES, changed, load, participants
from tests.imports.support import dump

pytestmark = NEEDS_SHAPES
# Two actors of one ACLED event (KOR1234), in the same role: one participation after.
DUPLICATE = "acled-actor-labor-group-south-korea-9a8e20"
SURVIVOR = "acled-actor-kctu-korean-confederation-of-trade-unions-74c5ae"
EVENT = "acled-kor1234"


def _merge(engine: Engine, reader: TestClient) -> None:
    headers = bearer(make_key(engine, "write")[1])
    merged = reader.post(f"/actors/{DUPLICATE}/merge", json={"into": SURVIVOR}, headers=headers)
    assert merged.status_code == 200, merged.text


def test_acled_again_after_a_merge_keeps_it(empty_engine: Engine, reader: TestClient) -> None:
    load(empty_engine, "acled", ACLED_NEW)
    _merge(empty_engine, reader)
    merged = dump(empty_engine, data_only=True)
    again, _ = load(empty_engine, "acled", ACLED_NEW)
    assert changed(again) == 0, again
    assert not again.rejected
    assert [(m.id, m.into) for m in again.merged] == [(DUPLICATE, SURVIVOR)]
    assert dump(empty_engine, data_only=True) == merged
    assert reader.get(f"/actors/{DUPLICATE}", follow_redirects=False).status_code == 308
    actors = [p["actor"]["id"] for p in participants(reader, EVENT)]
    assert DUPLICATE not in actors
    assert SURVIVOR in actors


def test_the_cli_reports_the_merged_actor(tmp_path: Path) -> None:
    database = tmp_path / "db.db"
    env = {"DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin"}

    def app(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "app", *args]
        return subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )

    assert app("import", "--from", "acled", str(ACLED_NEW)).returncode == 0
    engine = create_engine(f"sqlite:///{database}")
    with client_for(engine) as client:
        _merge(engine, client)
    engine.dispose()
    again = app("import", "--from", "acled", str(ACLED_NEW))
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"merged, not written: actor {DUPLICATE!r} into {SURVIVOR!r}" in again.stdout
    assert "nothing changed" in again.stdout
