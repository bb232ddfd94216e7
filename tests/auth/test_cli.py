"""`python -m app keys …` in a subprocess, on a new database of each backend."""

import subprocess
import sys
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from app.models.api_key import ApiKey
from tests.auth.helpers import bearer
from tests.conftest import BACKENDS, ROOT, client_for
from tests.helpers import assert_problem


def _keys(engine: Engine, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        [sys.executable, "-m", "app", "keys", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    """An empty database: the command migrates it first, as `seed` does."""
    return new_engine(request.param)


def test_create_prints_the_key_alone_on_stdout_and_it_works(engine: Engine) -> None:
    result = _keys(engine, "create", "--scope", "write", "--name", "cli", "--expires-in-days", "7")
    assert result.stdout.count("\n") == 1
    key = result.stdout.strip()
    assert key.startswith("erk_")
    assert "shown this once" in result.stderr
    with client_for(engine) as client:
        me = client.get("/keys/me", headers=bearer(key))
    assert me.status_code == 200, me.text
    assert me.json()["name"] == "cli"
    assert me.json()["scopes"] == ["write"]
    assert me.json()["expires_at"] is not None
    assert me.json()["id"] in result.stderr


def test_list_shows_keys_without_secrets_and_revoke_turns_one_off(engine: Engine) -> None:
    key = _keys(engine, "create", "--scope", "read", "--scope", "admin", "--name", "ops").stdout
    key_id, secret = key.strip().removeprefix("erk_").split("_", 1)
    listing = _keys(engine, "list").stdout
    with Session(engine) as session:
        stored = session.get(ApiKey, key_id)
        assert stored is not None
    assert key_id in listing
    assert "read,admin" in listing
    assert secret not in listing
    assert stored.secret_sha256 not in listing
    assert f"revoked {key_id}" in _keys(engine, "revoke", key_id).stdout
    with client_for(engine) as client:
        assert_problem(client.get("/keys/me", headers=bearer(key.strip())), 401)
    unknown = _keys(engine, "revoke", "nope", check=False)
    assert unknown.returncode == 1
    assert "no API key" in unknown.stderr
