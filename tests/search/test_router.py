import itertools

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk
from tests.search.helpers import hit_keys, hits


def test_every_actor_is_found_by_every_spelling_the_articles_use(client: TestClient) -> None:
    checked = 0
    for actor in seed_records("actors"):
        for name in actor["names"]:
            if not name.get("evidence"):
                continue
            assert ("actor", actor["id"]) in hit_keys(client, name["name"]), name["name"]
            checked += 1
    assert checked >= len(seed_records("actors"))


def test_hits_carry_type_id_what_matched_and_a_snippet(client: TestClient) -> None:
    hit = hits(client, "Yun Seok-yeol")[0]
    assert set(hit) >= {"type", "id", "label", "href", "matched", "score", "snippet"}
    assert hit["matched"] == "Yun Seok-yeol"
    assert hit["label"] != hit["matched"]
    assert hit["snippet"] == "<mark>Yun Seok-yeol</mark>"
    assert (hit["field"], hit["start"], hit["end"]) == ("name", 0, len("Yun Seok-yeol"))


def test_search_finds_events_sources_and_quotes(client: TestClient) -> None:
    event = seed_records("events")[0]
    assert ("event", event["id"]) in hit_keys(client, event["title"])
    source = seed_records("sources")[0]
    assert ("source", source["id"]) in hit_keys(client, " ".join(source["title"].split()[:5]))
    quote = next(q for e in seed_records("events") for q in e.get("quotes", []))
    words = " ".join(client.get(f"/quotes/{quote['id']}").json()["text"].split()[:4])
    assert ("quote", quote["id"]) in hit_keys(client, words)


def test_hits_are_ranked_by_score_then_type_and_pages_walk_them_all(client: TestClient) -> None:
    everything = hits(client, "nato")
    scores = [h["score"] for h in everything]
    assert scores == sorted(scores, reverse=True)
    for better, worse in itertools.pairwise(everything):
        if better["score"] == worse["score"]:
            assert better["type"] <= worse["type"]
    walked = walk(client, "/search?q=nato", limit=7)
    assert [(h["type"], h["id"]) for h in walked] == [(h["type"], h["id"]) for h in everything]


@pytest.mark.parametrize("q", ["", "   ", "?!…"])
def test_query_without_words_is_a_400_naming_q(client: TestClient, q: str) -> None:
    assert_problem(client.get("/search", params={"q": q}), 400, "query.q")


def test_missing_query_is_a_400_naming_q(client: TestClient) -> None:
    assert_problem(client.get("/search"), 400, "query.q")


def test_like_wildcards_in_the_query_are_literal(client: TestClient) -> None:
    assert client.get("/search", params={"q": "%_%"}).status_code == 400
    assert hit_keys(client, "zzzz%") == []
