"""Imports respect curation (issue 9): re-importing a file after a merge keeps the merge, and
a value a curator set through the API outlives an import of the file, which reports it."""

from typing import Any

import httpx

from tests.imports.conftest import Api
from tests.imports.support import dump, export_text, lines, post, records

DUPLICATE, SURVIVOR = "north-atlantic-council", "nato"
SOURCE = "asiae-nato-approves-rok-representative-office"


def _merge(api: Api, duplicate: str, survivor: str) -> None:
    merged = api.client.post(
        f"/actors/{duplicate}/merge", json={"into": survivor}, headers=api.headers
    )
    assert merged.status_code == 200, merged.text


def _names(api: Api, actor_id: str) -> set[tuple[str, str]]:
    body = api.client.get(f"/actors/{actor_id}").json()
    return {(n["name"], n["lang"]) for n in body["names"]}


def _imported(api: Api, text: str, **params: Any) -> dict[str, Any]:
    answer: httpx.Response = post(api.client, text, api.headers, **params)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_reimport_after_a_merge_keeps_it_and_changes_nothing(api: Api) -> None:
    exported = export_text(api.engine)  # the file, as imported (seeded) before the merge
    names = _names(api, DUPLICATE) | _names(api, SURVIVOR)
    _merge(api, DUPLICATE, SURVIVOR)
    merged = dump(api.engine, data_only=True)
    report = _imported(api, exported)
    assert not report["loaded"], report["summary"]
    assert report["summary"].endswith("nothing changed")
    merged_actor = {"record": "actor", "id": DUPLICATE, "into": SURVIVOR, "reason": None}
    assert merged_actor in report["merged"]
    assert dump(api.engine, data_only=True) == merged  # nothing re-created, nothing taken back
    moved = api.client.get(f"/actors/{DUPLICATE}", follow_redirects=False)
    assert moved.status_code == 308
    assert moved.headers["location"].endswith(f"/actors/{SURVIVOR}")
    assert _names(api, SURVIVOR) == names
    curated = {(c["record"], c["id"], c["field"]) for c in report["curated"]}
    assert ("actor", SURVIVOR, "names") in curated
    again = _imported(api, exported)
    assert again["summary"].endswith("nothing changed")
    assert again["curated"] == report["curated"]
    assert dump(api.engine, data_only=True) == merged


def test_a_chain_of_merges_resolves_to_the_last_survivor(api: Api) -> None:
    exported = export_text(api.engine)
    _merge(api, DUPLICATE, "ap4")
    _merge(api, "ap4", SURVIVOR)
    merged = dump(api.engine, data_only=True)
    report = _imported(api, exported)
    into = {(m["id"], m["into"]) for m in report["merged"] if m["record"] == "actor"}
    assert {(DUPLICATE, SURVIVOR), ("ap4", SURVIVOR)} <= into
    assert dump(api.engine, data_only=True) == merged


def test_references_to_a_merged_actor_in_new_records_cite_the_survivor(api: Api) -> None:
    _merge(api, DUPLICATE, SURVIVOR)
    event = next(r for r in records(export_text(api.engine)) if r["record"] == "event")
    event["id"] = "a-new-event"
    event["participants"] = [{**event["participants"][0], "actor": DUPLICATE}]
    event["quotes"] = []
    report = _imported(api, lines([event]))
    assert report["kinds"]["event"]["inserted"] == 1, report
    listed = api.client.get("/events/a-new-event/participants").json()["items"]
    assert [p["actor"]["id"] for p in listed] == [SURVIVOR]


def test_a_curators_patch_outlives_a_reimport_which_reports_it(api: Api) -> None:
    exported = export_text(api.engine)
    original = api.client.get(f"/actors/{SURVIVOR}").json()["description"]
    patched = api.client.patch(
        f"/actors/{SURVIVOR}", json={"description": "Curated."}, headers=api.headers
    )
    assert patched.status_code == 200, patched.text
    expected = {
        "record": "actor",
        "id": SURVIVOR,
        "field": "description",
        "stored": "Curated.",
        "incoming": original,
    }
    dry = _imported(api, exported, dry_run="true")
    assert dry["curated"] == [expected]
    report = _imported(api, exported)
    assert report["curated"] == [expected]
    assert report["kinds"]["actor"]["updated"] == 0
    assert api.client.get(f"/actors/{SURVIVOR}").json()["description"] == "Curated."


def test_a_record_last_changed_by_an_import_takes_the_files_values(api: Api) -> None:
    file = records(export_text(api.engine))
    actor = next(r for r in file if r["record"] == "actor" and r["id"] == SURVIVOR)
    actor["description"] = "From the file."
    report = _imported(api, lines([actor]))
    assert report["kinds"]["actor"]["updated_ids"] == [SURVIVOR]
    assert report["curated"] == []
    body = api.client.get(f"/actors/{SURVIVOR}").json()
    assert body["description"] == "From the file."


def test_a_participant_a_curator_added_outlives_a_reimport(api: Api) -> None:
    exported = export_text(api.engine)
    event = "nac-decides-rok-nato-office"
    excerpt = {"source": SOURCE, "excerpt": "President Yoon", "start": 308, "end": 322}
    part = {"event": event, "actor": "finland", "role": "critic", "evidence": [excerpt]}
    added = api.client.post("/participations", json=part, headers=api.headers)
    assert added.status_code == 201, added.text
    report = _imported(api, exported)
    assert report["summary"].endswith("nothing changed")
    assert [(c["id"], c["field"]) for c in report["curated"]] == [(event, "participants")]
    listed = api.client.get(f"/events/{event}/participants").json()["items"]
    assert ("finland", "critic") in {(p["actor"]["id"], p["role"]) for p in listed}
