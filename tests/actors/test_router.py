from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def test_list_actors_pages_through_every_seeded_actor_once(client: TestClient) -> None:
    ids = [a["id"] for a in walk(client, "/actors", limit=7)]
    assert sorted(ids) == sorted(a["id"] for a in seed_records("actors"))


def test_actor_keeps_every_spelling_with_language_and_attesting_sources(
    client: TestClient,
) -> None:
    for seeded in seed_records("actors"):
        body = client.get(f"/actors/{seeded['id']}").json()
        shown = {(n["name"], n["lang"], n["kind"]): n for n in body["names"]}
        assert set(shown) == {(n["name"], n["lang"], n["kind"]) for n in seeded["names"]}
        for name in seeded["names"]:
            attested = {
                s["id"] for s in shown[(name["name"], name["lang"], name["kind"])]["attested_by"]
            }
            assert attested == {e["source"] for e in name.get("evidence", [])}


def test_actor_identifiers_are_shown(client: TestClient) -> None:
    seeded = next(a for a in seed_records("actors") if a.get("identifiers"))
    assert client.get(f"/actors/{seeded['id']}").json()["identifiers"] == seeded["identifiers"]


def test_actor_events_list_each_participation(client: TestClient) -> None:
    expected = {
        (e["id"], p["role"])
        for e in seed_records("events")
        for p in e.get("participants", [])
        if p["actor"] == "south-korea"
    }
    items = walk(client, "/actors/south-korea/events", limit=4)
    assert {(p["event"]["id"], p["role"]) for p in items} == expected
    assert expected


def test_actor_relationships_include_both_directions(client: TestClient) -> None:
    relationships = seed_records("relationships")
    subjects = {r["subject"] for r in relationships}
    actor = sorted(subjects & {r["object"] for r in relationships})[0]
    expected = {
        r.get("id") or f"{r['subject']}--{r['relationship_type']}--{r['object']}"
        for r in seed_records("relationships")
        if actor in (r["subject"], r["object"])
    }
    items = walk(client, f"/actors/{actor}/relationships", limit=5)
    assert {r["id"] for r in items} == expected
    assert any(r["subject"]["id"] == actor for r in items)
    assert any(r["object"]["id"] == actor for r in items)


def test_actor_evidence_lists_its_excerpts(client: TestClient) -> None:
    seeded = seed_records("actors")[0]
    body = client.get(f"/actors/{seeded['id']}/evidence").json()
    assert {e["excerpt"] for e in body["evidence"]} == {e["excerpt"] for e in seeded["evidence"]}


def test_unknown_actor_returns_404_problem(client: TestClient) -> None:
    for path in (
        "/actors/nobody",
        "/actors/nobody/events",
        "/actors/nobody/relationships",
        "/actors/nobody/evidence",
    ):
        assert_problem(client.get(path), 404)
