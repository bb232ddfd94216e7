"""Real concurrent writes against a uvicorn process: one wins, the other gets 412."""

import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.served import app_command, served

EVENT = "nac-decides-rok-nato-office"


@pytest.fixture(scope="module")
def served_with_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A seeded database served by uvicorn, and a write key made by the CLI."""
    with served(tmp_path_factory.mktemp("concurrency")) as (base, env):
        made = app_command(env, "keys", "create", "--scope", "write", "--name", "race")
        yield base, made.strip().splitlines()[-1]


def test_two_clients_patch_the_same_version_one_wins_one_gets_412(
    served_with_key: tuple[str, str],
) -> None:
    base, key = served_with_key
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
    served_with_key: tuple[str, str],
) -> None:
    base, key = served_with_key
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
