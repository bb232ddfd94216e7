"""A bounded schemathesis run (every check, reads and writes with an admin key) over every
operation of the API served by a real uvicorn. Marked `schemathesis`; about a minute."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.served import ROOT, app_command, served

HERE = Path(__file__).parent
# Bounds: examples per operation and a time budget for the whole run, so the default test
# run stays short; the seed makes a failure reproducible (`--seed 1`).
MAX_EXAMPLES = "5"
MAX_SECONDS = "90"


@pytest.mark.schemathesis
def test_the_api_keeps_its_openapi_contract(tmp_path: Path) -> None:
    with served(tmp_path) as (base, env):
        key = app_command(env, "keys", "create", "--scope", "admin", "--name", "st").strip()
        command = [
            *(sys.executable, "-m", "schemathesis.cli"),
            *("--config-file", str(HERE / "schemathesis.toml")),
            # No --checks: schemathesis 4 runs every check by default, and a CLI choice would
            # override schemathesis.toml's per-operation settings.
            *("run", f"{base}/openapi.json"),
            *("--phases", "examples,coverage,fuzzing", "--seed", "1"),
            *("--generation-database", "none"),
            *("--max-examples", MAX_EXAMPLES, "--max-time", MAX_SECONDS),
            *("-H", f"Authorization: Bearer {key}"),
            # Revoking keys would revoke this run's own key; tests/auth covers it.
            *("--exclude-operation-id", "revokeKey"),
            *("--report", "junit", "--report-dir", str(tmp_path / "report")),
        ]
        st_env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.contract.st_hooks"}
        done = subprocess.run(
            command, cwd=ROOT, env=st_env, capture_output=True, text=True, timeout=600
        )
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-5000:]
