from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def test_list_events_pages_through_every_seeded_event_once(client: TestClient) -> None:
    items = walk(client, "/events", limit=3)
    ids = [item["id"] for item in items]
    assert sorted(ids) == sorted(e["id"] for e in seed_records("events"))
    assert len(ids) == len(set(ids))
    assert all(item["type"] == "event" for item in items)


def test_event_shows_preferred_times_place_sources_and_links(client: TestClient) -> None:
    seeded = next(e for e in seed_records("events") if e.get("place") and e.get("links"))
    body = client.get(f"/events/{seeded['id']}").json()
    assert body["id"] == seeded["id"]
    assert body["event_type"] == seeded["event_type"]
    assert body["place"]["id"] == seeded["place"]
    assert {s["id"] for s in body["sources"]} == set(seeded["sources"])
    outgoing = {
        (x["link_type"], x["event"]["id"]) for x in body["links"] if x["direction"] == "outgoing"
    }
    assert outgoing == {(link["link_type"], link["event"]) for link in seeded["links"]}
    assert body["recorded_at"].endswith(("+00:00", "Z"))


def test_linked_event_sees_the_link_as_incoming(client: TestClient) -> None:
    seeded = next(e for e in seed_records("events") if e.get("links"))
    link = seeded["links"][0]
    body = client.get(f"/events/{link['event']}").json()
    assert {"link_type": link["link_type"], "direction": "incoming", "id": seeded["id"]} in [
        {"link_type": x["link_type"], "direction": x["direction"], "id": x["event"]["id"]}
        for x in body["links"]
    ]


def test_event_time_keeps_precision_zone_and_wording(client: TestClient) -> None:
    seeded = next(e for e in seed_records("events") if (e.get("occurred") or {}).get("timezone"))
    occurred = client.get(f"/events/{seeded['id']}").json()["occurred"]
    for key in ("value", "precision", "timezone", "as_reported"):
        assert occurred[key] == seeded["occurred"][key]


def test_participants_carry_actor_and_role(client: TestClient) -> None:
    seeded = max(seed_records("events"), key=lambda e: len(e.get("participants", [])))
    items = walk(client, f"/events/{seeded['id']}/participants", limit=2)
    got = {(p["actor"]["id"], p["role"]) for p in items}
    assert got == {(p["actor"], p["role"]) for p in seeded["participants"]}
    assert all(p["event"]["id"] == seeded["id"] for p in items)


def test_event_sources_are_the_reporting_articles_without_text(client: TestClient) -> None:
    seeded = seed_records("events")[0]
    items = client.get(f"/events/{seeded['id']}/sources").json()["items"]
    assert {s["id"] for s in items} == set(seeded["sources"])
    assert all("text" not in s for s in items)


def test_event_quotes_are_listed(client: TestClient) -> None:
    seeded = next(e for e in seed_records("events") if e.get("quotes"))
    items = client.get(f"/events/{seeded['id']}/quotes").json()["items"]
    assert {q["id"] for q in items} == {q["id"] for q in seeded["quotes"]}


def test_event_evidence_has_excerpts_and_ranked_claims(client: TestClient) -> None:
    seeded = next(e for e in seed_records("events") if e.get("claims"))
    body = client.get(f"/events/{seeded['id']}/evidence").json()
    assert body["record"] == {
        "type": "event",
        "id": seeded["id"],
        "label": body["record"]["label"],
        "href": f"/events/{seeded['id']}",
    }
    assert {e["excerpt"] for e in body["evidence"]} == {e["excerpt"] for e in seeded["evidence"]}
    assert len(body["claims"]) == len(seeded["claims"])
    for claim in body["claims"]:
        assert claim["rank"] in {"preferred", "normal", "deprecated"}
        assert claim["evidence"], claim
        assert {e["source"]["id"] for e in claim["evidence"]} == {s["id"] for s in claim["sources"]}


def test_disputed_field_shows_the_preferred_claim(client: TestClient) -> None:
    seeded = next(
        e
        for e in seed_records("events")
        if any(c["property"] == "occurred" for c in e.get("claims", []))
    )
    preferred = next(
        c for c in seeded["claims"] if c["property"] == "occurred" and c.get("rank") == "preferred"
    )
    occurred = client.get(f"/events/{seeded['id']}").json()["occurred"]
    assert occurred["value"] == preferred["value"]["value"]
    assert occurred["as_reported"] == preferred["value"]["as_reported"]


def test_unknown_event_returns_404_problem(client: TestClient) -> None:
    for path in (
        "/events/no-such-event",
        "/events/no-such-event/participants",
        "/events/no-such-event/evidence",
    ):
        assert_problem(client.get(path), 404)
