"""Merging duplicate actors (with 308 redirects), matching, and If-Match being required."""

from typing import Any, cast

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.core.config import Settings, current_settings
from tests.helpers import assert_problem, seed_records

ASIAE = "asiae-nato-approves-rok-representative-office"


def _post(api: TestClient, writer: dict[str, str], url: str, body: dict[str, Any]) -> Any:
    response = api.post(url, json=body, headers=writer)
    assert response.status_code == 201, response.text
    return response.json()


def test_merge_moves_everything_and_the_old_id_redirects(
    api: TestClient, writer: dict[str, str]
) -> None:
    dup = _post(
        api,
        writer,
        "/actors?new=true",
        {
            "id": "kim-geon-dup",
            "kind": "person",
            "name": "Kim Geon",
            "names": [
                {
                    "name": "Kim Gun",
                    "lang": "ko-Latn",
                    "kind": "variant",
                    "evidence": [{"source": ASIAE, "excerpt": "Kim Gun, Chief Nuclear"}],
                }
            ],
        },
    )
    event = "nac-plus-4-meeting"
    part = _post(
        api, writer, "/participations", {"event": event, "actor": dup["id"], "role": "speaker"}
    )
    merged = api.post(f"/actors/{dup['id']}/merge", json={"into": "kim-gun"}, headers=writer)
    assert merged.status_code == 200, merged.text
    names = {(n["name"], n["kind"]) for n in merged.json()["names"]}
    assert ("Kim Geon", "variant") in names
    moved = api.get(f"/participations/{part['id']}").json()
    assert moved["actor"]["id"] == "kim-gun"
    old = api.get(f"/actors/{dup['id']}", follow_redirects=False)
    assert old.status_code == 308
    assert old.headers["location"].endswith("/actors/kim-gun")
    assert (
        api.get(f"/actors/{dup['id']}/events", follow_redirects=False)
        .headers["location"]
        .endswith("/actors/kim-gun/events")
    )
    history = api.get(f"/actors/{dup['id']}/history").json()["items"]
    assert history[-1]["action"] == "merge"
    assert history[-1]["reason"] == "merged into kim-gun"


def test_merge_into_itself_or_a_missing_actor_is_refused(
    api: TestClient, writer: dict[str, str]
) -> None:
    assert_problem(api.post("/actors/nato/merge", json={"into": "nato"}, headers=writer), 422)
    assert_problem(api.post("/actors/nato/merge", json={"into": "nobody"}, headers=writer), 404)


def test_actor_match_explains_each_candidate(api: TestClient) -> None:
    person = next(a for a in seed_records("actors") if a["id"] == "yoon-soon-gu")
    for name in {n["name"] for n in person["names"] if n["lang"] == "ko-Latn"}:
        found = api.post("/actors/match", json={"name": name, "kind": "person"}).json()
        best = found["candidates"][0]
        assert best["record"]["id"] == "yoon-soon-gu", name
        assert best["score"] >= 0.9
        assert best["reasons"]
    unseen = api.post("/actors/match", json={"name": "Yun Sun-gu"}).json()["candidates"]
    assert unseen[0]["record"]["id"] == "yoon-soon-gu"
    assert "romanisation" in " ".join(unseen[0]["reasons"])


def test_event_match_uses_title_date_actors_and_excerpt(api: TestClient) -> None:
    events = seed_records("events")
    event = next(e for e in events if e["id"] == "nac-plus-4-meeting")
    elsewhere = {x["excerpt"] for e in events if e is not event for x in e["evidence"]}
    excerpt = next(x["excerpt"] for x in event["evidence"] if x["excerpt"] not in elsewhere)
    by_excerpt = api.post("/events/match", json={"excerpt": excerpt}).json()["candidates"]
    assert by_excerpt[0]["record"]["id"] == event["id"]
    body = {"title": event["title"], "date": "2022-09"}
    ranked = api.post("/events/match", json=body).json()["candidates"]
    assert ranked[0]["record"]["id"] == event["id"]
    assert len(ranked[0]["reasons"]) >= 2
    assert_problem(api.post("/events/match", json={}), 422)


def test_if_match_can_be_required(api: TestClient, writer: dict[str, str]) -> None:
    app = cast(FastAPI, api.app)
    app.dependency_overrides[current_settings] = lambda: Settings(require_if_match=True)
    try:
        url = "/places/brussels"
        assert_problem(api.patch(url, json={"name": "Bruxelles"}, headers=writer), 428)
        etag = api.get(url).headers["etag"]
        ok = api.patch(url, json={"name": "Brussels"}, headers={**writer, "If-Match": etag})
        assert ok.status_code == 200
    finally:
        app.dependency_overrides.pop(current_settings)


def test_a_stored_name_within_the_query_is_matched_and_searched(
    api: TestClient, writer: dict[str, str]
) -> None:
    _post(api, writer, "/actors?new=true", {"id": "obama", "kind": "person", "name": "OBAMA"})
    found = api.post("/actors/match", json={"name": "Barack Obama"}).json()["candidates"]
    best = found[0]
    assert best["record"]["id"] == "obama"
    assert 0.5 <= best["score"] < 0.8
    assert "contains the name 'OBAMA'" in " ".join(best["reasons"])
    hits = api.get("/search", params={"q": "Barack Obama"}).json()["items"]
    hit = next(h for h in hits if (h["type"], h["id"]) == ("actor", "obama"))
    assert (hit["matched"], hit["score"]) == ("OBAMA", 10)
    assert "contains" in hit["reason"]


def test_actor_match_finds_a_misspelt_name_below_exact_and_romanised_ones(
    api: TestClient,
) -> None:
    def best(name: str) -> dict[str, Any]:
        candidates = api.post("/actors/match", json={"name": name}).json()["candidates"]
        return cast(dict[str, Any], candidates[0])

    fuzzy = best("Jens Stoltenburg")
    assert fuzzy["record"]["id"] == "jens-stoltenberg"
    assert fuzzy["reasons"][0].startswith("fuzzy:")
    assert "misspelling" in fuzzy["reasons"][0]
    misspelt = best("Yoon Suk-yeel")
    romanised, exact = best("Yun Suk-yeol"), best("Yoon Suk-yeol")
    assert misspelt["record"]["id"] == romanised["record"]["id"] == "yoon-suk-yeol"
    assert misspelt["score"] < romanised["score"] < exact["score"]


def test_a_misspelt_new_actor_is_not_refused_as_a_duplicate(
    api: TestClient, writer: dict[str, str]
) -> None:
    # A near miss is a hint for the curator, not a conflict: another person may be so named.
    body = {"id": "jens-stoltenburg", "kind": "person", "name": "Jens Stoltenburg"}
    assert api.post("/actors", json=body, headers=writer).status_code == 201
