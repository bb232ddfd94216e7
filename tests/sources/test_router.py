import hashlib

from fastapi.testclient import TestClient

from tests.helpers import SEEDS, assert_problem, seed_records, walk


def test_sources_list_metadata_without_text(client: TestClient) -> None:
    items = walk(client, "/sources", limit=1)
    assert sorted(s["id"] for s in items) == sorted(s["id"] for s in seed_records("sources"))
    assert all("text" not in s and len(s["sha256"]) == 64 for s in items)


def test_source_text_is_verbatim_with_its_hash(client: TestClient) -> None:
    for seeded in seed_records("sources"):
        raw = (SEEDS / "articles" / seeded["file"]).read_bytes()
        body = client.get(f"/sources/{seeded['id']}/text").json()
        assert body["text"] == raw.decode("utf-8")
        assert body["sha256"] == hashlib.sha256(raw).hexdigest()
        assert body["length"] == len(body["text"])
        meta = client.get(f"/sources/{seeded['id']}").json()
        assert meta["sha256"] == body["sha256"]
        assert meta["outlet"] == (None if seeded["outlet"] is None else meta["outlet"])


def test_every_excerpt_stands_in_its_source_at_its_offsets(client: TestClient) -> None:
    for seeded in seed_records("sources"):
        body = client.get(f"/sources/{seeded['id']}/text").json()
        assert body["evidence"]
        for item in body["evidence"]:
            assert body["text"][item["start"] : item["end"]] == item["excerpt"]
            assert item["source"]["id"] == seeded["id"]
        starts = [item["start"] for item in body["evidence"]]
        assert starts == sorted(starts)


def test_source_evidence_pages_match_the_text_view(client: TestClient) -> None:
    source_id = seed_records("sources")[0]["id"]
    paged = walk(client, f"/sources/{source_id}/excerpts", limit=50)
    text_view = client.get(f"/sources/{source_id}/text").json()["evidence"]
    assert sorted(e["id"] for e in paged) == sorted(e["id"] for e in text_view)


def test_source_events_are_those_that_cite_it(client: TestClient) -> None:
    source_id = seed_records("sources")[0]["id"]
    expected = {e["id"] for e in seed_records("events") if source_id in e["sources"]}
    assert {e["id"] for e in walk(client, f"/sources/{source_id}/events", limit=5)} == expected


def test_source_published_time_comes_from_the_text(client: TestClient) -> None:
    for seeded in seed_records("sources"):
        body = client.get(f"/sources/{seeded['id']}/evidence").json()
        published = client.get(f"/sources/{seeded['id']}").json()["published"]
        claims = [c for c in body["claims"] if c["property"] == "published"]
        assert published is None or any(c["rank"] == "preferred" for c in claims)


def test_unknown_source_returns_404_problem(client: TestClient) -> None:
    for path in (
        "/sources/none",
        "/sources/none/text",
        "/sources/none/evidence",
        "/sources/none/excerpts",
        "/sources/none/events",
    ):
        assert_problem(client.get(path), 404)
