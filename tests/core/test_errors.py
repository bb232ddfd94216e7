from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem


def _get_routes(client: TestClient) -> list[tuple[str, dict[str, Any]]]:
    spec = client.get("/openapi.json").json()
    return [(path, ops["get"]) for path, ops in spec["paths"].items() if "get" in ops]


def test_every_route_with_an_id_answers_404_problem_for_an_unknown_one(
    client: TestClient,
) -> None:
    checked = 0
    for path, _ in _get_routes(client):
        if "{" not in path:
            continue
        url = path.split("{")[0] + "no-such-record" + path.split("}", 1)[1]
        assert_problem(client.get(url), 404)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("limit", ["0", "501", "ten", "-1"])
def test_bad_limit_is_a_400_naming_limit_on_every_list(client: TestClient, limit: str) -> None:
    for path, op in _get_routes(client):
        if "limit" not in {p["name"] for p in op.get("parameters", [])} or "{" in path:
            continue
        if path.startswith("/keys"):  # needs an admin key first (tests/auth checks it)
            continue
        url = path + ("?q=nato&" if path == "/search" else "?") + f"limit={limit}"
        assert_problem(client.get(url), 400, "query.limit")


@pytest.mark.parametrize("cursor", ["garbage", "eyJ4IjoxfQ", "bm90IGpzb24"])
def test_malformed_cursor_is_a_400_naming_cursor(client: TestClient, cursor: str) -> None:
    for path in ("/events", "/actors", "/disagreements", "/search?q=nato"):
        sep = "&" if "?" in path else "?"
        assert_problem(client.get(f"{path}{sep}cursor={cursor}"), 400, "query.cursor")


def test_unknown_path_and_wrong_method_are_problems(client: TestClient) -> None:
    assert_problem(client.get("/no-such-collection"), 404)
    assert_problem(client.delete("/events"), 405)
