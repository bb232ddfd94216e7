"""Imports respect curation (issue 9): a record a curator deleted stays deleted when a file
holding it is imported again, the rest of the file loads without what cited it, and a
relationship whose two ends were merged into one actor is not re-created."""

import copy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from tests.conftest import client_for
from tests.imports.conftest import Api, _api
from tests.imports.support import dump, export_text, lines, post, records
from tests.imports.test_cli import _app, _seeded

ACTOR = "japan"  # a participant of two events, the subject of one relationship
RELATIONSHIP = f"{ACTOR}--partner_of--nato"
EVENTS = {"ap-partners-nato-offices", "nac-plus-4-meeting"}
NEW_EVENT = "ap-partners-again"
MERGED = "ap4"  # merged into nato, to which it is a partner
SOURCE = "news-nato-approves-korean-delegation"
OTHER_SOURCE = "asiae-nato-approves-rok-representative-office"


def _imported(api: Api, text: str, **params: Any) -> dict[str, Any]:
    answer = post(api.client, text, api.headers, **params)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _delete(api: Api, collection: str, record_id: str) -> int:
    """Delete with cascade through the API; the history entry of the deletion."""
    deleted = api.client.delete(f"/{collection}/{record_id}?cascade=true", headers=api.headers)
    assert deleted.status_code == 200, deleted.text
    history = api.client.get(f"/{collection}/{record_id}/history").json()["items"]
    latest = max(history, key=lambda change: change["id"])
    assert latest["action"] == "delete"
    return int(latest["id"])


def _file_with_a_new_event(exported: str) -> str:
    """The export, and one new event citing the actor among its participants."""
    file = records(exported)
    event = copy.deepcopy(next(r for r in file if r["id"] == "ap-partners-nato-offices"))
    event.update(id=NEW_EVENT, quotes=[], links=[])
    return lines([*file, event])


def _dropped(report: dict[str, Any]) -> set[tuple[str, str, str, str, bool]]:
    return {
        (d["record"], d["id"], d["cites"], d["cites_id"], d["skipped"]) for d in report["dropped"]
    }


def test_a_deleted_actor_stays_deleted_and_the_rest_of_the_file_loads(api: Api) -> None:
    file = _file_with_a_new_event(export_text(api.engine))
    change = _delete(api, "actors", ACTOR)
    before = dump(api.engine)
    dry = _imported(api, file, dry_run="true")
    assert dump(api.engine) == before  # a dry run changes nothing
    report = _imported(api, file)
    for answer in (dry, report):
        deleted = {(d["record"], d["id"], d["change"]) for d in answer["deleted"]}
        assert ("actor", ACTOR, change) in deleted
        assert ("relationship", RELATIONSHIP) in {(d["record"], d["id"]) for d in answer["deleted"]}
        expected = {("event", e, "actor", ACTOR, False) for e in {*EVENTS, NEW_EVENT}}
        assert _dropped(answer) == expected
    assert report["kinds"]["event"]["inserted_ids"] == [NEW_EVENT]
    assert report["kinds"]["actor"]["inserted"] == 0
    assert api.client.get(f"/actors/{ACTOR}").status_code == 404
    assert api.client.get(f"/relationships/{RELATIONSHIP}").status_code == 404
    listed = api.client.get(f"/events/{NEW_EVENT}/participants").json()["items"]
    actors = {p["actor"]["id"] for p in listed}
    assert ACTOR not in actors
    assert "nato" in actors


def test_importing_the_file_again_changes_nothing(api: Api) -> None:
    file = _file_with_a_new_event(export_text(api.engine))
    _delete(api, "actors", ACTOR)
    first = _imported(api, file)
    loaded = dump(api.engine, data_only=True)
    again = _imported(api, file)
    assert again["summary"].endswith("nothing changed"), again["summary"]
    assert (again["deleted"], again["dropped"]) == (first["deleted"], first["dropped"])
    assert dump(api.engine, data_only=True) == loaded


def test_a_relationship_to_a_deleted_actor_is_not_written(api: Api) -> None:
    _delete(api, "actors", ACTOR)
    rel = {
        "record": "relationship",
        "id": "japan-partner-of-south-korea",
        "subject": ACTOR,
        "relationship_type": "partner_of",
        "object": "south-korea",
        "evidence": [],
    }
    report = _imported(api, lines([rel]))
    assert _dropped(report) == {("relationship", rel["id"], "actor", ACTOR, True)}
    assert report["kinds"]["relationship"]["unchanged"] == 1
    assert api.client.get(f"/relationships/{rel['id']}").status_code == 404


def test_evidence_on_a_deleted_source_is_left_out_with_the_claim_it_alone_backs(
    api: Api,
) -> None:
    _delete(api, "sources", SOURCE)
    kept = {"source": OTHER_SOURCE, "excerpt": "NATO", "start": 521, "end": 525}
    lost = {"source": SOURCE, "excerpt": "NATO", "start": 462, "end": 466}
    actor = {
        "record": "actor",
        "id": "new-actor",
        "kind": "international_organisation",
        "name": "New Actor",
        "names": [{"name": "New Actor", "lang": "en", "kind": "canonical", "origin": "reference"}],
        "evidence": [kept, lost],
        "claims": [{"property": "member_states", "value": 30, "evidence": [lost]}],
    }
    report = _imported(api, lines([actor]))
    assert _dropped(report) == {("actor", "new-actor", "source", SOURCE, False)}
    assert report["kinds"]["actor"]["inserted_ids"] == ["new-actor"]
    stored = next(r for r in records(export_text(api.engine)) if r["id"] == "new-actor")
    assert [e["source"] for e in stored["evidence"]] == [OTHER_SOURCE]
    assert stored["claims"] == []


@pytest.mark.parametrize("again", ["restore", "post"])
def test_a_record_made_again_after_its_deletion_imports_normally(api: Api, again: str) -> None:
    exported = export_text(api.engine)
    _delete(api, "actors", ACTOR)
    if again == "restore":
        made = api.client.post(f"/actors/{ACTOR}/restore", headers=api.headers)
    else:
        body = {"id": ACTOR, "kind": "state", "name": "Japan"}
        made = api.client.post("/actors", json=body, headers=api.headers)
    assert made.status_code == 201, made.text
    report = _imported(api, exported)
    assert ("actor", ACTOR) not in {(d["record"], d["id"]) for d in report["deleted"]}
    assert not [d for d in report["dropped"] if d["cites_id"] == ACTOR]
    assert api.client.get(f"/actors/{ACTOR}").status_code == 200


def test_a_relationship_whose_ends_merged_is_not_re_created(api: Api) -> None:
    file = records(export_text(api.engine))
    named = {**next(r for r in file if r.get("subject") == MERGED), "id": "ap4-nato"}
    merged = api.client.post(f"/actors/{MERGED}/merge", json={"into": "nato"}, headers=api.headers)
    assert merged.status_code == 200, merged.text
    after_merge = dump(api.engine, data_only=True)
    for text, folded_id in (
        (lines(file), f"{MERGED}--partner_of--nato"),
        (lines([named]), "ap4-nato"),
    ) * 2:
        report = _imported(api, text)
        folded = {m["id"]: m for m in report["merged"] if m["record"] == "relationship"}
        assert folded[folded_id]["into"] is None, folded
        assert "one actor now, 'nato'" in folded[folded_id]["reason"]
        assert report["summary"].endswith("nothing changed"), report["summary"]
        assert dump(api.engine, data_only=True) == after_merge
    for rel_id in ("nato--partner_of--nato", "ap4-nato"):
        assert api.client.get(f"/relationships/{rel_id}").status_code == 404


def test_the_cli_keeps_the_deletion_and_reports_it(tmp_path: Path) -> None:
    database = tmp_path / "db.db"
    engine = _seeded(database)
    exported = tmp_path / "export.ndjson"
    exported.write_text(export_text(engine), encoding="utf-8")
    for api in _api(engine):
        _delete(api, "actors", ACTOR)
    engine.dispose()
    result = _app(database, "import", str(exported))
    assert f"deleted by a curator, not re-created: actor {ACTOR!r}" in result.stdout
    assert f"event 'nac-plus-4-meeting': left out, cites deleted actor {ACTOR!r}" in result.stdout
    assert "nothing changed" in result.stdout
    reader = create_engine(f"sqlite:///{database}")
    with client_for(reader) as client:
        assert client.get(f"/actors/{ACTOR}").status_code == 404
    reader.dispose()
