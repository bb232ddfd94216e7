"""Places in /search (by any of their names) and in /graph (located and within edges)."""

import pytest
from fastapi.testclient import TestClient

from tests.helpers import seed_records


def _place_hits(client: TestClient, q: str) -> list[dict[str, object]]:
    response = client.get("/search", params={"q": q, "limit": 50})
    assert response.status_code == 200, response.text
    return [hit for hit in response.json()["items"] if hit["type"] == "place"]


@pytest.mark.parametrize(
    ("place_id", "spelling"),
    [
        (p["id"], n["name"])
        for p in seed_records("places")
        for n in [{"name": p["name"]}, *p.get("names", [])]
    ],
)
def test_search_finds_a_place_by_any_of_its_names(
    client: TestClient, place_id: str, spelling: str
) -> None:
    hits = [h for h in _place_hits(client, spelling) if h["id"] == place_id]
    assert len(hits) == 1, spelling
    hit = hits[0]
    assert hit["matched"] == spelling  # the spelling as written, not the canonical name
    assert hit["href"] == f"/places/{place_id}"
    assert hit["field"] == "name"


def test_an_alternate_name_matches_without_its_accents_and_shows_the_place(
    client: TestClient,
) -> None:
    (hit,) = _place_hits(client, "belgie")
    assert (hit["id"], hit["label"], hit["matched"]) == ("belgium", "Belgium", "België")
    assert _place_hits(client, "bruxelles -belgium") != []
    assert _place_hits(client, "zzyzx") == []


def test_the_graph_walks_from_an_event_up_the_place_hierarchy(client: TestClient) -> None:
    event = next(e for e in seed_records("events") if e.get("place") == "nato-headquarters")
    response = client.get(
        "/graph",
        params={"node": f"event:{event['id']}", "depth": 3, "edge_types": "located,within"},
    )
    assert response.status_code == 200, response.text
    graph = response.json()
    edges = {(e["source"], e["type"], e["target"]) for e in graph["edges"]}
    assert (f"event:{event['id']}", "located", "place:nato-headquarters") in edges
    assert ("place:nato-headquarters", "within", "place:brussels") in edges
    assert ("place:brussels", "within", "place:belgium") in edges
    depth = {n["id"]: n["depth"] for n in graph["nodes"]}
    assert depth["place:belgium"] == 3
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


def test_within_edges_reach_a_place_parts_and_a_path_climbs_them(client: TestClient) -> None:
    graph = client.get("/graph?node=place:brussels&edge_types=within").json()
    assert {n["id"] for n in graph["nodes"]} == {
        "place:brussels",
        "place:belgium",
        "place:nato-headquarters",
    }
    path = client.get("/graph/path?from=place:nato-headquarters&to=place:belgium").json()
    assert path["found"] is True
    assert [hop["edge"]["type"] for hop in path["path"]] == ["within", "within"]
