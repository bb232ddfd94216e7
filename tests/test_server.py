"""The API served by a real uvicorn process, as `make run` serves it."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.helpers import seed_records


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    db = tmp_path_factory.mktemp("server") / "served.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PORT": str(port)}
    subprocess.run(
        [sys.executable, "-m", "app", "seed"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("uvicorn did not start within 30 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        Path(db).unlink(missing_ok=True)


def test_uvicorn_serves_seeded_events_with_participants_and_evidence(server: str) -> None:
    with httpx.Client(base_url=server) as http:
        events = http.get("/events", params={"limit": 500}).json()["items"]
        assert {e["id"] for e in events} == {e["id"] for e in seed_records("events")}
        event_id = next(e["id"] for e in seed_records("events") if e.get("participants"))
        assert http.get(f"/events/{event_id}/participants").json()["items"]
        assert http.get(f"/events/{event_id}/evidence").json()["evidence"]
        missing = http.get("/events/none")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
