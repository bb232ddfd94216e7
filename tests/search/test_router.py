import unicodedata

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _hit_ids(client: TestClient, q: str) -> list[tuple[str, str]]:
    response = client.get("/search", params={"q": q, "limit": 500})
    assert response.status_code == 200, response.text
    return [(h["type"], h["id"]) for h in response.json()["items"]]


def test_every_actor_is_found_by_every_spelling_the_articles_use(client: TestClient) -> None:
    checked = 0
    for actor in seed_records("actors"):
        for name in actor["names"]:
            if not name.get("evidence"):
                continue
            assert ("actor", actor["id"]) in _hit_ids(client, name["name"]), name["name"]
            checked += 1
    assert checked >= len(seed_records("actors"))


def test_people_come_first_for_their_own_spellings_folded_and_hyphenless(
    client: TestClient,
) -> None:
    for actor in (a for a in seed_records("actors") if a["kind"] == "person"):
        for name in actor["names"]:
            if name["lang"] == "ko-Latn" and name["kind"] == "abbreviation":
                continue  # "Yoon" alone names two people
            forms = {name["name"], _ascii(name["name"]).lower(), name["name"].replace("-", "")}
            for q in forms - {""}:
                assert _hit_ids(client, q)[0] == ("actor", actor["id"]), q


def test_hits_carry_type_id_and_what_matched(client: TestClient) -> None:
    body = client.get("/search", params={"q": "Yun Seok-yeol"}).json()
    hit = body["items"][0]
    assert set(hit) >= {"type", "id", "label", "href", "matched", "score"}
    assert hit["matched"] == "Yun Seok-yeol"
    assert hit["label"] != hit["matched"]


def test_search_finds_events_sources_and_quotes(client: TestClient) -> None:
    event = seed_records("events")[0]
    assert ("event", event["id"]) in _hit_ids(client, event["title"])
    source = seed_records("sources")[0]
    assert ("source", source["id"]) in _hit_ids(client, source["title"][:40])
    quote = next(q for e in seed_records("events") for q in e.get("quotes", []))
    words = " ".join(client.get(f"/quotes/{quote['id']}").json()["text"].split()[:4])
    assert ("quote", quote["id"]) in _hit_ids(client, words)


@pytest.mark.parametrize("q", ["", "   ", "?!…"])
def test_query_without_words_is_a_400_naming_q(client: TestClient, q: str) -> None:
    assert_problem(client.get("/search", params={"q": q}), 400, "query.q")


def test_missing_query_is_a_400_naming_q(client: TestClient) -> None:
    assert_problem(client.get("/search"), 400, "query.q")


def test_like_wildcards_in_the_query_are_literal(client: TestClient) -> None:
    assert client.get("/search", params={"q": "%_%"}).status_code == 400
    assert _hit_ids(client, "zzzz%") == []
