from fastapi.testclient import TestClient

from app.core.vocab import VOCABULARIES
from app.importers.mappings import MAPPING_VOCABULARIES
from tests.helpers import assert_problem, seed_records


def test_health_reports_the_database(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["database"] in {"sqlite", "postgresql"}


def test_vocabularies_define_every_term_the_seed_data_uses(client: TestClient) -> None:
    vocab = {v["id"]: {t["value"] for t in v["terms"]} for v in client.get("/vocabularies").json()}
    assert set(vocab) == {*VOCABULARIES, *MAPPING_VOCABULARIES, "attribute"}
    assert {e["event_type"] for e in seed_records("events")} <= vocab["event_type"]
    assert {p["role"] for e in seed_records("events") for p in e.get("participants", [])} <= vocab[
        "role"
    ]
    assert {a["kind"] for a in seed_records("actors")} <= vocab["actor_kind"]
    event_types = client.get("/vocabularies/event_type").json()
    assert "PLOVER" in event_types["description"]
    assert all(t["definition"] for t in event_types["terms"])
    assert_problem(client.get("/vocabularies/nope"), 404)
