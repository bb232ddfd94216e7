from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def test_quote_shows_the_preferred_wording_and_keeps_every_article_s(client: TestClient) -> None:
    quotes = [(e["id"], q) for e in seed_records("events") for q in e.get("quotes", [])]
    assert {q["id"] for q in walk(client, "/quotes", limit=5)} == {q["id"] for _, q in quotes}
    event_id, seeded = next((e, q) for e, q in quotes if len(q.get("claims", [])) > 1)
    body = client.get(f"/quotes/{seeded['id']}").json()
    assert body["event"]["id"] == event_id
    assert (body["speaker"] or {}).get("id") == seeded.get("speaker")
    claims = client.get(f"/quotes/{seeded['id']}/evidence").json()["claims"]
    wordings = {c["value"]: c["rank"] for c in claims if c["property"] == "text"}
    seeded_wordings = [c for c in seeded["claims"] if c["property"] == "text"]
    assert wordings == {c["value"]: c.get("rank", "normal") for c in seeded_wordings}
    assert wordings[body["text"]] == "preferred"
    assert_problem(client.get("/quotes/unsaid"), 404)
