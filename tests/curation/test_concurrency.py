"""Real concurrent writes against a uvicorn process: one wins, the other gets 412."""

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

EVENT = "nac-decides-rok-nato-office"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A seeded database served by uvicorn, and a write key made by the CLI."""
    db = tmp_path_factory.mktemp("concurrency") / "served.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PORT": str(_free_port())}
    run = [sys.executable, "-m", "app"]
    subprocess.run([*run, "seed"], cwd=ROOT, env=env, check=True, capture_output=True)
    made = subprocess.run(
        [*run, "keys", "create", "--scope", "write", "--name", "race"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    key = made.stdout.strip().splitlines()[-1]
    server = subprocess.Popen(
        [*run, "serve"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base, key
    finally:
        server.terminate()
        server.wait(timeout=10)
        Path(db).unlink(missing_ok=True)


def test_two_clients_patch_the_same_version_one_wins_one_gets_412(
    served: tuple[str, str],
) -> None:
    base, key = served
    etag = httpx.get(f"{base}/events/{EVENT}").headers["etag"]
    start = threading.Barrier(2)
    results: dict[str, httpx.Response] = {}

    def edit(summary: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            start.wait()
            results[summary] = client.patch(
                f"/events/{EVENT}",
                json={"summary": summary},
                headers={
                    "Authorization": f"Bearer {key}",
                    "If-Match": etag,
                    "Content-Type": "application/merge-patch+json",
                },
            )

    threads = [threading.Thread(target=edit, args=(s,)) for s in ("by client A", "by client B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in results.values())
    assert statuses == [200, 412], {s: r.text for s, r in results.items()}
    winner = next(s for s, r in results.items() if r.status_code == 200)
    assert httpx.get(f"{base}/events/{EVENT}").json()["summary"] == winner
    history = httpx.get(f"{base}/events/{EVENT}/history").json()["items"]
    assert [c["after"]["summary"] for c in history if c["action"] == "update"] == [winner]


def test_retry_with_the_same_idempotency_key_returns_the_first_answer(
    served: tuple[str, str],
) -> None:
    base, key = served
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "create-place-1"}
    body = {"name": "Retry Hall", "kind": "building"}
    first = httpx.post(f"{base}/places", json=body, headers=headers)
    again = httpx.post(f"{base}/places", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    changes = httpx.get(f"{base}/changes", params={"record_type": "place", "limit": 500})
    assert [c["record_id"] for c in changes.json()["items"]].count(first.json()["id"]) == 1
    other = httpx.post(f"{base}/places", json={**body, "name": "Other"}, headers=headers)
    assert other.status_code == 422
