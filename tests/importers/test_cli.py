"""`python -m app import --from …` as a process: exit codes, the text and JSON reports."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.importers.conftest import ACLED_NEW, GDELT_EVENTS, NEEDS_SHAPES

pytestmark = NEEDS_SHAPES


def _app(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"DATABASE_URL": f"sqlite:///{db}", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "app", "import", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_from_acled_prints_both_reports_and_a_dry_run_loads_nothing(tmp_path: Path) -> None:
    dry = _app(tmp_path / "db.db", "--from", "acled", str(ACLED_NEW), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "nothing was loaded" in dry.stdout or "dry run" in dry.stdout
    assert "fields: 9 rows read, 5 converted, 4 skipped" in dry.stdout
    assert "line 9: event_type 'Parade' is not an ACLED event type" in dry.stdout
    assert "year: dropped: derived from event_date" in dry.stdout
    real = _app(tmp_path / "db.db", "--from", "acled", str(ACLED_NEW))
    assert real.returncode == 0
    assert "event: 5 inserted" in real.stdout


def test_from_gdelt_events_as_json_carries_the_field_report(tmp_path: Path) -> None:
    result = _app(tmp_path / "db.db", "--from", "gdelt-events", str(GDELT_EVENTS), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    body = json.loads(result.stdout)
    assert body["import"]["kinds"]["event"]["inserted"] == 5
    assert body["fields"]["skipped_rows"] == 4
    assert len(body["fields"]["fields"]) == 61


def test_an_unknown_format_is_refused_by_the_parser(tmp_path: Path) -> None:
    result = _app(tmp_path / "db.db", "--from", "cameo", str(GDELT_EVENTS))
    assert result.returncode == 2
    assert "invalid choice: 'cameo'" in result.stderr
