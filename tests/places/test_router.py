from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def test_places_nest_within_their_parents(client: TestClient) -> None:
    places = {p["id"]: p for p in walk(client, "/places", limit=3)}
    assert set(places) == {p["id"] for p in seed_records("places")}
    for seeded in seed_records("places"):
        shown = places[seeded["id"]]
        assert (shown["part_of"] or {}).get("id") == seeded.get("part_of")
        evidence = client.get(f"/places/{seeded['id']}/evidence").json()["evidence"]
        assert {e["excerpt"] for e in evidence} == {e["excerpt"] for e in seeded["evidence"]}
    assert_problem(client.get("/places/atlantis"), 404)
