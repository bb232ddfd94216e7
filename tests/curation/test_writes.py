"""Create, replace, patch and delete every record type, with validation and history."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem

ASIAE = "asiae-nato-approves-rok-representative-office"


def _evidence(excerpt: str, **extra: Any) -> dict[str, Any]:
    return {"source": ASIAE, "excerpt": excerpt, **extra}


# A new record of each type, and a field change a PATCH can make to it.
NEW: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    "place": (
        "/places",
        {"id": "t-place", "name": "Test Hall", "kind": "building", "part_of": "brussels"},
        {"name": "Test Hall 2"},
    ),
    "actor": (
        "/actors?new=true",
        {"id": "t-actor", "kind": "organisation", "name": "Test Organisation Zeta"},
        {"description": "New."},
    ),
    "event": (
        "/events",
        {
            "id": "t-event",
            "title": "A test meeting",
            "event_type": "consult",
            "occurred": {"value": "2022-10", "precision": "month"},
            "sources": [ASIAE],
            "evidence": [_evidence("NAC+4")],
        },
        {"modality": "expected"},
    ),
    "participation": (
        "/participations",
        {"event": "t-event", "actor": "t-actor", "role": "attendee"},
        {"description": "As guest."},
    ),
    "relationship": (
        "/relationships",
        {
            "subject": "t-actor",
            "relationship_type": "partner_of",
            "object": "nato",
            "start": {"value": "2005", "precision": "year"},
        },
        {"description": "Since 2005."},
    ),
    "quote": (
        "/quotes",
        {
            "id": "t-quote",
            "event": "t-event",
            "speaker": "kim-gun",
            "text": "A test quote",
            "language": "en",
            "evidence": [_evidence("Kim Gun, Chief Nuclear Negotiator")],
        },
        {"text": "A changed test quote"},
    ),
    "claim": (
        "/claims",
        {
            "subject_type": "event",
            "subject_id": "t-event",
            "property": "attending_states",
            "value": 36,
            "evidence": [_evidence("A total of 36 countries attended")],
        },
        {"note": "From the ministry."},
    ),
}
COLLECTION = {
    "place": "places",
    "actor": "actors",
    "event": "events",
    "participation": "participations",
    "relationship": "relationships",
    "quote": "quotes",
    "claim": "claims",
}


@pytest.fixture(scope="module")
def created(api: TestClient, writer: dict[str, str]) -> dict[str, dict[str, Any]]:
    made = {}
    for kind, (url, body, _) in NEW.items():
        response = api.post(url, json=body, headers=writer)
        assert response.status_code == 201, (kind, response.text)
        assert response.headers["location"] == f"/{COLLECTION[kind]}/{response.json()['id']}"
        made[kind] = response.json()
    return made


@pytest.mark.parametrize("kind", list(NEW))
def test_created_record_reads_back_with_its_etag(
    api: TestClient, created: dict[str, dict[str, Any]], kind: str
) -> None:
    record = created[kind]
    got = api.get(f"/{COLLECTION[kind]}/{record['id']}")
    assert got.json() == record
    assert got.headers["etag"].startswith('"')


@pytest.mark.parametrize("kind", list(NEW))
def test_patch_merges_and_is_recorded_in_history(
    api: TestClient, writer: dict[str, str], created: dict[str, dict[str, Any]], kind: str
) -> None:
    url = f"/{COLLECTION[kind]}/{created[kind]['id']}"
    etag = api.get(url).headers["etag"]
    patch = NEW[kind][2]
    response = api.patch(
        url,
        json=patch,
        headers={**writer, "If-Match": etag, "Content-Type": "application/merge-patch+json"},
    )
    assert response.status_code == 200, response.text
    field, value = next(iter(patch.items()))
    assert response.json()[field] == value
    assert response.headers["etag"] != etag
    history = api.get(f"{url}/history").json()["items"]
    assert [c["action"] for c in history][:2] == ["create", "update"]
    assert history[1]["after"][field] == value
    assert history[1]["key_id"] is not None


def test_put_replaces_the_whole_written_form(api: TestClient, writer: dict[str, str]) -> None:
    body = {"id": "t-put", "name": "Put Place", "kind": "city"}
    assert api.post("/places", json=body, headers=writer).status_code == 201
    replaced = api.put("/places/t-put", json={"name": "Put City", "kind": "region"}, headers=writer)
    assert replaced.status_code == 200
    assert (replaced.json()["name"], replaced.json()["kind"]) == ("Put City", "region")
    assert_problem(
        api.put("/places/t-put", json={"id": "other", "name": "x", "kind": "city"}, headers=writer),
        422,
        "body.id",
    )


def test_stale_if_match_is_412_and_changes_nothing(
    api: TestClient, writer: dict[str, str], created: dict[str, dict[str, Any]]
) -> None:
    url = f"/events/{created['event']['id']}"
    etag = api.get(url).headers["etag"]
    assert (
        api.patch(url, json={"summary": "first"}, headers={**writer, "If-Match": etag}).status_code
        == 200
    )
    stale = api.patch(url, json={"summary": "second"}, headers={**writer, "If-Match": etag})
    assert_problem(stale, 412)
    assert api.get(url).json()["summary"] == "first"


def test_evidence_offsets_are_found_or_checked(
    api: TestClient, writer: dict[str, str], created: dict[str, dict[str, Any]]
) -> None:
    text = api.get(f"/sources/{ASIAE}/text").json()["text"]
    excerpt = "32 ballistic missiles"
    body = {"subject_type": "event", "subject_id": created["event"]["id"], **_evidence(excerpt)}
    made = api.post("/evidence", json=body, headers=writer)
    assert made.status_code == 201
    assert text[made.json()["start"] : made.json()["end"]] == excerpt
    wrong = {**body, "excerpt": "32 ballistic missile", "start": made.json()["start"] + 1}
    assert_problem(api.post("/evidence", json=wrong, headers=writer), 422, "body.excerpt")
    absent = {**body, "excerpt": "not in the article at all"}
    assert_problem(api.post("/evidence", json=absent, headers=writer), 422, "body.excerpt")
    twice = {**body, "excerpt": "Kim Gun"}
    assert_problem(api.post("/evidence", json=twice, headers=writer), 422, "body.excerpt")


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/events", {"title": "x", "event_type": "agree", "place": "atlantis"}, "body.place"),
        ("/events", {"title": "x", "event_type": "agreeing"}, "body.event_type"),
        (
            "/events",
            {"title": "x", "event_type": "agree", "occurred": {"value": "2022-10-26"}},
            "body.occurred",
        ),
        (
            "/relationships",
            {"subject": "nato", "relationship_type": "member_of", "object": "nobody"},
            "body.object",
        ),
        ("/participations", {"event": "none", "actor": "nato", "role": "host"}, "body.event"),
        (  # a flag is true or false, not a number that reads as one
            "/actors?new=true",
            {
                "kind": "organisation",
                "name": "Flag Test",
                "names": [{"name": "Flag Test", "lang": "en", "transliteration": 0}],
            },
            "body.names.0.transliteration",
        ),
        (
            "/claims",
            {
                "subject_type": "event",
                "subject_id": "nac-decides-rok-nato-office",
                "property": "occurred",
                "value": {"value": "soon"},
                "evidence": [_evidence("NAC+4")],
            },
            "body.value",
        ),
    ],
)
def test_invalid_records_are_422_naming_the_field_and_write_nothing(
    api: TestClient, writer: dict[str, str], url: str, body: dict[str, Any], field: str
) -> None:
    before = api.get("/changes?limit=500").json()["items"]
    response = api.post(url, json=body, headers=writer)
    assert response.status_code in (400, 422), response.text
    names = [p["name"] for p in response.json()["invalid_params"]]
    assert any(n.startswith(field) for n in names), names
    assert api.get("/changes?limit=500").json()["items"] == before


def test_delete_with_dependents_is_409_listing_them_unless_cascade(
    api: TestClient, writer: dict[str, str]
) -> None:
    assert (
        api.post(
            "/places", json={"id": "t-outer", "name": "Outer", "kind": "city"}, headers=writer
        ).status_code
        == 201
    )
    assert (
        api.post(
            "/places",
            json={"id": "t-inner", "name": "Inner", "kind": "building", "part_of": "t-outer"},
            headers=writer,
        ).status_code
        == 201
    )
    refused = assert_problem(api.delete("/places/t-outer", headers=writer), 409)
    assert refused["dependents"] == [{"type": "place", "id": "t-inner", "href": "/places/t-inner"}]
    assert api.get("/places/t-outer").status_code == 200
    gone = api.delete("/places/t-outer?cascade=true", headers=writer).json()["deleted"]
    assert {d["id"] for d in gone} == {"t-outer", "t-inner"}
    assert api.get("/places/t-inner").status_code == 404


def test_deleted_record_is_restored_from_its_history(
    api: TestClient, writer: dict[str, str]
) -> None:
    quote = api.get("/quotes/nato-important-step").json()
    evidence = api.get("/quotes/nato-important-step/evidence").json()["evidence"]
    deleted = api.delete("/quotes/nato-important-step", headers=writer)
    assert deleted.status_code == 200
    assert api.get("/quotes/nato-important-step").status_code == 404
    restored = api.post("/quotes/nato-important-step/restore", headers=writer)
    assert restored.status_code == 201
    assert restored.json() == quote
    again = api.get("/quotes/nato-important-step/evidence").json()["evidence"]
    assert {e["excerpt"] for e in again} == {e["excerpt"] for e in evidence}
    assert_problem(api.post("/quotes/nato-important-step/restore", headers=writer), 409)


def test_same_article_text_is_recognised(api: TestClient, writer: dict[str, str]) -> None:
    text = api.get(f"/sources/{ASIAE}/text").json()["text"]
    body = {"title": "Copy", "language": "en", "text": text}
    refused = assert_problem(api.post("/sources", json=body, headers=writer), 409)
    assert refused["existing"]["id"] == ASIAE


def test_article_text_never_changes(api: TestClient, writer: dict[str, str]) -> None:
    made = api.post(
        "/sources",
        json={"id": "t-src", "title": "T", "language": "en", "text": "Some article text."},
        headers=writer,
    )
    assert made.status_code == 201
    assert made.json()["sha256"]
    changed = api.patch("/sources/t-src", json={"text": "Other text."}, headers=writer)
    assert_problem(changed, 422, "body.text")


def test_actor_with_a_known_name_is_409_with_candidates_unless_new(
    api: TestClient, writer: dict[str, str]
) -> None:
    body = {"kind": "person", "name": "Yun Seok-yeol"}
    refused = assert_problem(api.post("/actors", json=body, headers=writer), 409)
    assert refused["candidates"][0]["record"]["id"] == "yoon-suk-yeol"
    assert refused["candidates"][0]["reasons"]


def test_preferred_claim_becomes_the_field_value(api: TestClient, writer: dict[str, str]) -> None:
    event = "nac-plus-4-meeting"
    body = {
        "subject_type": "event",
        "subject_id": event,
        "property": "occurred",
        "value": {"value": "2022-10-27", "precision": "day", "timezone": "Europe/Brussels"},
        "rank": "preferred",
        "evidence": [_evidence("NATO meeting on the 27th (local time)")],
    }
    made = api.post("/claims", json=body, headers=writer)
    assert made.status_code in (201, 409), made.text
    occurred = api.get(f"/events/{event}").json()["occurred"]
    assert (occurred["value"], occurred["timezone"]) == ("2022-10-27", "Europe/Brussels")
    preferred = [
        c
        for c in api.get(f"/events/{event}/evidence").json()["claims"]
        if c["property"] == "occurred" and c["rank"] == "preferred"
    ]
    assert len(preferred) == 1


def test_writes_need_a_key_with_the_write_scope(api: TestClient, reader: dict[str, str]) -> None:
    body = {"name": "Nowhere", "kind": "city"}
    missing = assert_problem(api.post("/places", json=body), 401)
    assert "Bearer" in api.post("/places", json=body).headers["www-authenticate"]
    assert missing["status"] == 401
    assert_problem(
        api.post("/places", json=body, headers={"Authorization": "Bearer erk_nope_nope"}), 401
    )
    assert_problem(api.post("/places", json=body, headers=reader), 403)
    assert_problem(api.delete("/places/brussels", headers=reader), 403)


def test_change_feed_polls_from_its_cursor(api: TestClient, writer: dict[str, str]) -> None:
    first = api.get("/changes?limit=500").json()
    cursor = first["next_cursor"]
    assert api.get(f"/changes?cursor={cursor}").json()["items"] == []
    api.post("/places", json={"id": "t-feed", "name": "Feed", "kind": "city"}, headers=writer)
    fresh = api.get(f"/changes?cursor={cursor}").json()["items"]
    assert [(c["action"], c["record_id"]) for c in fresh] == [("create", "t-feed")]
    assert_problem(api.get("/changes?cursor=zzz!"), 400, "query.cursor")
