"""PostgreSQL stopped and restarted under load: every request succeeds or gets a 503
problem with Retry-After, nothing acknowledged is lost, and the service recovers alone."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, text

from app.core.migrate import upgrade
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.postgres import _run, find_bindir

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
FAULTS = {"database-unavailable", "database-busy"}


Answer = tuple[str, int, str, str | None]  # read or write, status, problem slug, Retry-After


def _pg_ctl(engine: Engine, data: Path, action: str) -> None:
    """Stop or start the server behind `engine`, as tests/postgres.py started it."""
    bindir = find_bindir()
    assert bindir is not None
    port = engine.url.port
    options = f"'-p {port} -k {data.parent} -c listen_addresses=127.0.0.1 -c fsync=off'"
    argv = [str(bindir / "pg_ctl"), "-D", str(data), "-w"]
    if action == "stop":
        argv += ["-m", "fast", "stop"]
    else:
        argv += ["-o", options, "-l", str(data.parent / "log"), "start"]
    _run(argv, as_postgres=True)


def test_postgres_restart_under_load_is_503_then_recovers(
    new_engine: Callable[[str], Engine],
) -> None:
    engine = new_engine("postgresql")
    upgrade(engine)
    with engine.connect() as conn:
        data = Path(conn.execute(text("SHOW data_directory")).scalar_one())
    _, key = make_key(engine, "write", "read")
    answers: list[Answer] = []
    stop = threading.Event()

    def load() -> None:
        with client_for(engine) as api:
            for i in range(100_000):
                if stop.is_set():
                    return
                body = {"kind": "organisation", "name": f"Load Org {i}"}
                write = api.post("/actors?new=true", json=body, headers=bearer(key))
                read = api.get("/actors?limit=5")
                for kind, r in (("write", write), ("read", read)):
                    slug = (
                        r.json().get("type", "").rsplit("/", 1)[-1] if r.status_code >= 400 else ""
                    )
                    answers.append((kind, r.status_code, slug, r.headers.get("Retry-After")))

    worker = threading.Thread(target=load)
    worker.start()
    try:
        time.sleep(1)
        _pg_ctl(engine, data, "stop")
        time.sleep(1.5)
        _pg_ctl(engine, data, "start")
        started = len(answers)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _recovered(answers[started:]):
            time.sleep(0.1)
    finally:
        stop.set()
        worker.join(timeout=30)
    statuses = {status for _, status, _, _ in answers}
    assert statuses <= {200, 201, 503}, statuses
    faults = [a for a in answers if a[1] == 503]
    assert faults, "the stop was not seen"
    assert all(slug in FAULTS and retry for _, _, slug, retry in faults), faults[:3]
    assert _recovered(answers[started:])
    created = sum(1 for kind, status, _, _ in answers if kind == "write" and status == 201)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM actor")).scalar_one()
    failed_writes = sum(1 for kind, status, _, _ in faults if kind == "write")
    assert created <= stored <= created + failed_writes  # nothing acknowledged was lost


def _answer(kind: str, response: httpx.Response) -> Answer:
    failed = response.status_code >= 400
    slug = response.json().get("type", "").rsplit("/", 1)[-1] if failed else ""
    return kind, response.status_code, slug, response.headers.get("Retry-After")


def _recovered(answers: list[Answer]) -> bool:
    return {("write", 201), ("read", 200)} <= {(kind, status) for kind, status, _, _ in answers}
