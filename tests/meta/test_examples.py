import json

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.meta.examples import BASE_URL, EXAMPLES_PATH, record_examples
from tests.conftest import client_for


def test_every_get_route_shows_a_recorded_example(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        if "get" not in operations or path.startswith("/keys"):
            continue  # /keys answers only to an admin key: no seed example to record
        content = operations["get"]["responses"]["200"]["content"]["application/json"]
        assert content.get("example") is not None, path


def test_recorded_examples_are_what_this_backend_answers(seeded_engine: Engine) -> None:
    """The examples are current, and every backend gives the same answers, byte for byte."""
    with client_for(seeded_engine, base_url=BASE_URL) as client:
        fresh = record_examples(client.get, client.get("/openapi.json").json())
    recorded = json.loads(EXAMPLES_PATH.read_text(encoding="utf-8"))
    fresh.pop("/health"), recorded.pop("/health")  # names the backend
    for path in recorded:
        assert fresh.get(path) == recorded[path], f"{path}: run `python -m app examples`"
    assert set(fresh) == set(recorded)
