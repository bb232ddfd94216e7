from typing import Any

from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def _nested_claims(record: dict[str, Any]) -> list[dict[str, Any]]:
    inner = [r for key in ("participants", "quotes") for r in record.get(key, [])]
    claims: list[dict[str, Any]] = record.get("claims", [])
    return claims + [c for r in inner for c in r.get("claims", [])]


def _disagreements(client: TestClient) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in walk(client, "/disagreements", limit=4)}


def test_both_accounts_of_the_decision_date_are_kept(client: TestClient) -> None:
    event = next(
        e
        for e in seed_records("events")
        if len({c["rank"] for c in e.get("claims", []) if c["property"] == "occurred"}) > 1
        and e["event_type"] == "agree"
    )
    found = _disagreements(client)[f"event:{event['id']}:occurred"]
    sources = {s["id"] for a in found["accounts"] for s in a["sources"]}
    assert sources == {s["id"] for s in seed_records("sources")}
    assert {a["rank"] for a in found["accounts"]} >= {"preferred"}
    for account in found["accounts"]:
        assert account["evidence"]
        assert account["claim_id"]


def test_romanisations_used_by_the_articles_are_a_disagreement(client: TestClient) -> None:
    found = _disagreements(client)
    for actor_id in ("yoon-suk-yeol", "yoon-soon-gu"):
        spellings = found[f"actor:{actor_id}:name:ko-Latn"]["accounts"]
        by_source: dict[str, set[str]] = {}
        for account in spellings:
            for source in account["sources"]:
                by_source.setdefault(source["id"], set()).add(account["value"])
        assert len(by_source) == 2
        first, second = by_source.values()
        assert first - second
        assert second - first


def test_quote_wordings_and_cooperation_areas_are_disagreements(client: TestClient) -> None:
    found = _disagreements(client)
    quoted = [d for d in found.values() if d["subject"]["type"] == "quote"]
    assert quoted
    assert {d["property"] for d in quoted} == {"text", "speaker"}
    areas = [d for d in found.values() if d["property"] == "cooperation_areas"]
    assert len(areas) == 1
    assert all(isinstance(a["value"], list) for a in areas[0]["accounts"])


def test_one_article_giving_several_titles_is_not_a_disagreement(client: TestClient) -> None:
    kim = next(a for a in seed_records("actors") if a["id"] == "kim-gun")
    titled = {e["source"] for c in kim["claims"] if c["property"] == "title" for e in c["evidence"]}
    assert len(titled) == 1
    assert "actor:kim-gun:title" not in _disagreements(client)


def test_claims_and_evidence_collections(client: TestClient) -> None:
    claims = walk(client, "/claims", limit=100)
    seeded_claims = [
        c
        for kind in ("actors", "sources", "events", "relationships")
        for r in seed_records(kind)
        for c in _nested_claims(r)
    ]
    # Claims giving the same value for the same property are one claim with more evidence.
    assert 0 < len(claims) <= len(seeded_claims)
    one = claims[0]
    assert client.get(f"/claims/{one['id']}").json() == one
    evidence = walk(client, "/evidence", limit=200)
    assert len(evidence) >= len(claims)
    assert client.get(f"/evidence/{evidence[0]['id']}").json() == evidence[0]
    assert_problem(client.get("/claims/none"), 404)
    assert_problem(client.get("/evidence/none"), 404)
