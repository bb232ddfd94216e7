"""The API run as `make run` runs it: a seeded SQLite file served by a real uvicorn process."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def app_command(env: dict[str, str], *args: str) -> str:
    """Run `python -m app ARGS` against `env`'s database; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@contextmanager
def served(
    folder: Path, extra_env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[tuple[str, dict[str, str]]]:
    """Seed a database in `folder`, serve it; yield the base URL and the environment.

    `log`: a file that receives the server's standard error (its log lines)."""
    db = folder / "served.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PORT": str(free_port())}
    env.update(extra_env or {})
    app_command(env, "seed")
    with contextlib.ExitStack() as stack:
        stderr = stack.enter_context(log.open("wb")) if log else subprocess.DEVNULL
        yield from _serve(env, stderr)
    db.unlink(missing_ok=True)


def _serve(env: dict[str, str], stderr: Any) -> Iterator[tuple[str, dict[str, str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        _wait_for(base)
        yield base, env
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail("uvicorn did not start within 30 s")
