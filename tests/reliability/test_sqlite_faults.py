"""A read-only database file and a full disk: writes get 503 problems, reads go on, and the
service recovers by itself once the fault is cleared (no restart, no lost records)."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import client_for
from tests.helpers import assert_problem
from tests.reliability.conftest import Mounted, Owned


def _actor(name: str, description: str = "") -> dict[str, Any]:
    return {"kind": "organisation", "name": name, "description": description}


def _post(api: TestClient, m: Mounted | Owned, name: str, description: str = "") -> Any:
    return api.post("/actors?new=true", json=_actor(name, description), headers=m.writer)


def _names(api: TestClient) -> set[str]:
    response = api.get("/actors?limit=500")
    assert response.status_code == 200, response.text
    return {a["name"] for a in response.json()["items"]}


def test_read_only_database_answers_503_reads_continue_then_recovers(owned: Owned) -> None:
    with client_for(owned.engine) as api:
        assert _post(api, owned, "Before").status_code == 201
        with owned.read_only():
            refused = _post(api, owned, "During")
            body = assert_problem(refused, 503)
            assert body["type"].endswith("/database-read-only")
            assert int(refused.headers["Retry-After"]) > 0
            assert "Before" in _names(api)
            # Connections that opened the file read-only are discarded: the first write
            # after the fault is fixed succeeds.
        assert _post(api, owned, "After").status_code == 201
        assert {"Before", "After"} <= _names(api)
        assert "During" not in _names(api)


def _fill(mount: Path) -> Path:
    filler = mount / "filler"
    try:
        with filler.open("wb") as out:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
    except OSError:  # full: what the test wants (even before the file could be opened)
        pass
    return filler


def test_full_disk_answers_503_then_recovers_when_space_returns(mounted: Mounted) -> None:
    with client_for(mounted.engine) as api:
        assert _post(api, mounted, "Before").status_code == 201
        filler = _fill(mounted.mount)
        statuses = {_post(api, mounted, f"Big {i}", "x" * 15_000).status_code for i in range(40)}
        refused = _post(api, mounted, "Last", "x" * 15_000)
        assert statuses <= {201, 503}
        body = assert_problem(refused, 503)
        assert body["type"].endswith("/database-full")
        assert "Retry-After" in refused.headers
        assert "Before" in _names(api)
        filler.unlink(missing_ok=True)
        assert _post(api, mounted, "After").status_code == 201
        assert {"Before", "After"} <= _names(api)
