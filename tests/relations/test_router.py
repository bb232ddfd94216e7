from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def _relationship_ids() -> set[str]:
    return {
        r.get("id") or f"{r['subject']}--{r['relationship_type']}--{r['object']}"
        for r in seed_records("relationships")
    }


def test_relationships_list_every_seeded_edge(client: TestClient) -> None:
    assert {r["id"] for r in walk(client, "/relationships", limit=10)} == _relationship_ids()


def test_relationship_carries_ends_type_and_dates(client: TestClient) -> None:
    seeded = next(r for r in seed_records("relationships") if r.get("start"))
    rel_id = (
        seeded.get("id")
        or f"{seeded['subject']}--{seeded['relationship_type']}--{seeded['object']}"
    )
    body = client.get(f"/relationships/{rel_id}").json()
    assert (body["subject"]["id"], body["relationship_type"], body["object"]["id"]) == (
        seeded["subject"],
        seeded["relationship_type"],
        seeded["object"],
    )
    assert body["start"]["value"] == seeded["start"]["value"]
    evidence = client.get(f"/relationships/{rel_id}/evidence").json()
    assert {e["excerpt"] for e in evidence["evidence"]} == {
        e["excerpt"] for e in seeded["evidence"]
    }


def test_participations_list_and_get(client: TestClient) -> None:
    expected = sum(len(e.get("participants", [])) for e in seed_records("events"))
    items = walk(client, "/participations", limit=25)
    assert len(items) == expected
    one = items[0]
    assert client.get(f"/participations/{one['id']}").json() == one
    evidence = client.get(f"/participations/{one['id']}/evidence").json()
    assert evidence["record"]["id"] == one["id"]
    assert evidence["evidence"]


def test_unknown_relation_returns_404_problem(client: TestClient) -> None:
    for path in (
        "/relationships/none",
        "/relationships/none/evidence",
        "/participations/none",
        "/participations/none/evidence",
    ):
        assert_problem(client.get(path), 404)
