"""POST /imports through HTTP, on SQLite and PostgreSQL: round trip, dry run, rejected
lines, references to stored records, replacing a record, seed documents, auth and limits."""

import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.core.migrate import upgrade
from app.core.text import fold
from app.imports import dependencies
from app.models import Change, Event, Place
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.helpers import SEEDS, assert_problem, seed_records
from tests.imports.conftest import Api
from tests.imports.support import NDJSON, dump, export_text, lines, post, records

REASON = "test import"


def _article() -> tuple[str, str]:
    """A seeded source's id and its text, from the seed files."""
    source = seed_records("sources")[0]
    text = (SEEDS / "articles" / source["file"]).read_bytes().decode("utf-8")
    return source["id"], text


def _evidence(source_id: str, text: str, excerpt: str, shift: int = 0) -> dict[str, Any]:
    start = text.index(excerpt) + shift
    return {"source": source_id, "excerpt": excerpt, "start": start, "end": start + len(excerpt)}


def _word(text: str) -> str:
    """A word of the article to cite."""
    return next(w for w in text.split() if w.isalpha() and len(w) > 6)


def _imports(engine: Engine) -> list[Change]:
    """The history entries imports wrote (seeding writes its own)."""
    with Session(engine) as session:
        statement = select(Change).where(Change.action == "import").order_by(col(Change.id))
        return list(session.exec(statement))


def test_round_trip_into_an_empty_database_gives_back_every_row(
    api: Api, new_engine: Callable[[str], Engine]
) -> None:
    exported = export_text(api.engine)
    target = new_engine(api.engine.dialect.name)
    upgrade(target)
    key_id, key = make_key(target, "write")
    with client_for(target) as client:
        response = post(client, exported, bearer(key), reason=REASON)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["loaded"]
    assert not report["rejected"]
    assert report["records"] == len(records(exported))
    assert dump(target, data_only=True) == dump(api.engine, data_only=True)
    assert export_text(target) == exported
    changes = _imports(target)
    assert len(changes) == report["records"]
    assert {(c.action, c.key_id, c.reason, c.before) for c in changes} == {
        ("import", key_id, REASON, None)
    }


def test_records_written_without_evidence_round_trip_too(
    api: Api, new_engine: Callable[[str], Engine]
) -> None:
    # The write API may create records with no evidence and events with no sources yet.
    with Session(api.engine) as session:
        session.add(Place(id="bare-place", name="A bare place", kind="city"))
        session.add(
            Event(
                id="bare-event",
                title="A bare event",
                event_type="consult",
                modality="expected",
                search_key=fold("A bare event "),  # as the write API derives it
            )
        )
        session.commit()
    exported = export_text(api.engine)
    target = new_engine(api.engine.dialect.name)
    upgrade(target)
    _, key = make_key(target, "write")
    with client_for(target) as client:
        assert post(client, exported, bearer(key)).status_code == 200
    assert dump(target, data_only=True) == dump(api.engine, data_only=True)


def test_reimporting_the_export_changes_nothing(api: Api) -> None:
    exported = export_text(api.engine)
    before = dump(api.engine)
    response = post(api.client, exported, api.headers)
    assert response.status_code == 200, response.text
    report = response.json()
    assert not report["loaded"]
    assert "nothing changed" in report["summary"]
    assert sum(k["unchanged"] for k in report["kinds"].values()) == report["records"]
    assert dump(api.engine) == before


def test_dry_run_reports_what_would_change_and_writes_nothing(api: Api) -> None:
    places = [r for r in records(export_text(api.engine)) if r["record"] == "place"]
    changed = {**places[0], "name": places[0]["name"] + " (renamed)"}
    new = {**places[1], "id": "imported-place"}
    before = dump(api.engine)
    response = post(api.client, lines([changed, new, places[2]]), api.headers, dry_run=True)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["dry_run"]
    assert not report["loaded"]
    assert report["kinds"]["place"] == {
        "inserted": 1,
        "updated": 1,
        "unchanged": 1,
        "inserted_ids": ["imported-place"],
        "updated_ids": [places[0]["id"]],
    }
    assert dump(api.engine) == before


def _bad_lines() -> tuple[str, dict[int, tuple[str | None, str]]]:
    """An import whose lines 2 to 6 are each wrong in one way, and what the report says."""
    source_id, text = _article()
    word = _word(text)
    place = seed_records("places")[0]["id"]
    event = {
        "record": "event",
        "title": "An imported event",
        "event_type": "consult",
        "modality": "occurred",
        "sources": [source_id],
        "evidence": [_evidence(source_id, text, word)],
    }
    body = [
        json.dumps({**event, "id": "good-event", "place": place}),
        '{"record": "place", "id": "broken", "name": ',
        json.dumps({**event, "id": "unknown-place-event", "place": "atlantis"}),
        json.dumps(
            {**event, "id": "shifted-event", "evidence": [_evidence(source_id, text, word, 1)]}
        ),
        json.dumps({**event, "id": "bad-type-event", "event_type": "teleport"}),
        json.dumps(
            {"record": "source", "id": "copied", "title": "T", "language": "en", "text": text}
        ),
    ]
    expected = {
        2: (None, "not valid JSON"),
        3: ("unknown-place-event", "unknown place 'atlantis'"),
        4: ("shifted-event", f"does not match {source_id}"),
        5: ("bad-type-event", "type: Input should be"),
        6: ("copied", f"the same article as source {source_id} (stored)"),
    }
    return "\n".join(body) + "\n", expected


def test_bad_lines_are_each_named_and_nothing_loads(api: Api) -> None:
    body, expected = _bad_lines()
    before = dump(api.engine)
    problem = assert_problem(post(api.client, body, api.headers), 422)
    report = problem["report"]
    assert not report["loaded"]
    assert "nothing was loaded" in report["summary"]
    assert {r["line"]: r["id"] for r in report["rejected"]} == {
        line: record_id for line, (record_id, _) in expected.items()
    }
    for rejected in report["rejected"]:
        assert expected[rejected["line"]][1] in " ".join(rejected["reasons"]), rejected
    assert {p["name"] for p in problem["invalid_params"]} == {f"body.line.{n}" for n in expected}
    assert dump(api.engine) == before


def test_a_record_citing_stored_records_imports_with_history(api: Api) -> None:
    source_id, text = _article()
    actors = [a["id"] for a in seed_records("actors")[:2]]
    event = {
        "record": "event",
        "id": "imported-meeting",
        "title": "An imported meeting",
        "event_type": "consult",
        "modality": "occurred",
        "place": seed_records("places")[0]["id"],
        "sources": [source_id],
        "evidence": [_evidence(source_id, text, _word(text))],
        "participants": [
            {"actor": a, "role": "attendee", "evidence": [_evidence(source_id, text, _word(text))]}
            for a in actors
        ],
    }
    response = post(api.client, lines([event]), api.headers, reason=REASON)
    assert response.status_code == 200, response.text
    assert response.json()["kinds"]["event"]["inserted_ids"] == ["imported-meeting"]
    participants = api.client.get("/events/imported-meeting/participants").json()["items"]
    assert sorted(p["actor"]["id"] for p in participants) == sorted(actors)
    [change] = [c for c in _imports(api.engine) if c.record_id == "imported-meeting"]
    assert (change.record_type, change.action, change.key_id) == ("event", "import", api.key_id)
    assert (change.reason, change.before) == (REASON, None)
    assert change.after is not None
    assert len(change.after["participants"]) == len(actors)


def test_an_imported_record_replaces_the_stored_one(api: Api) -> None:
    events = [r for r in records(export_text(api.engine)) if r["record"] == "event"]
    event = next(e for e in events if len(e["participants"]) >= 2)
    dropped = event["participants"].pop()
    response = post(api.client, lines([event]), api.headers)
    assert response.status_code == 200, response.text
    assert response.json()["kinds"]["event"]["updated_ids"] == [event["id"]]
    shown = api.client.get(f"/events/{event['id']}/participants").json()["items"]
    assert (dropped["actor"], dropped["role"]) not in {(p["actor"]["id"], p["role"]) for p in shown}
    participation = f"{event['id']}--{dropped['actor']}--{dropped['role']}"
    assert api.client.get(f"/participations/{participation}").status_code == 404
    [change] = [c for c in _imports(api.engine) if c.record_id == event["id"]]
    assert change.before is not None
    assert dropped in change.before["participants"]
    assert change.after is not None
    assert dropped not in change.after["participants"]


def _seed_document() -> dict[str, Any]:
    source_id, text = _article()
    new_source = {"id": "imported-article", "title": "An article", "language": "en"}
    new_text = "Ministers met in Ghent on Monday."
    return {
        "sources": [{**new_source, "text": new_text}],
        "places": [
            {
                "id": "ghent",
                "name": "Ghent",
                "kind": "city",
                "evidence": [_evidence("imported-article", new_text, "Ghent")],
            },
            {
                "id": "cited-place",
                "name": "A place",
                "kind": "region",
                "evidence": [_evidence(source_id, text, _word(text))],
            },
        ],
    }


@pytest.mark.parametrize(
    ("content_type", "dumps"),
    [
        ("application/yaml", lambda doc: yaml.safe_dump(doc, allow_unicode=True)),
        ("application/json", json.dumps),
    ],
)
def test_a_seed_document_imports(
    api: Api, content_type: str, dumps: Callable[[dict[str, Any]], str]
) -> None:
    response = post(api.client, dumps(_seed_document()), api.headers, content_type=content_type)
    assert response.status_code == 200, response.text
    kinds = response.json()["kinds"]
    assert (kinds["source"]["inserted"], kinds["place"]["inserted"]) == (1, 2)
    assert api.client.get("/places/ghent").json()["name"] == "Ghent"


def test_a_bad_record_in_a_yaml_document_is_named_by_its_line(api: Api) -> None:
    document = _seed_document()
    document["places"][1]["kind"] = "planet"
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    line = text.splitlines().index("- id: cited-place") + 1
    problem = assert_problem(
        post(api.client, text, api.headers, content_type="application/yaml"), 422
    )
    [rejected] = problem["report"]["rejected"]
    assert (rejected["line"], rejected["pointer"], rejected["id"]) == (
        line,
        "/places/1",
        "cited-place",
    )


def test_importing_needs_a_write_key(api: Api) -> None:
    body = lines(records(export_text(api.engine))[:1])
    before = dump(api.engine)
    assert_problem(post(api.client, body, {}), 401)
    _, read_key = make_key(api.engine, "read")
    assert_problem(post(api.client, body, bearer(read_key)), 403)
    assert dump(api.engine) == before


def test_an_unknown_media_type_is_415(api: Api) -> None:
    assert_problem(post(api.client, "{}", api.headers, content_type="text/plain"), 415)


def test_a_body_over_the_cap_is_413(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dependencies, "MAX_BODY_BYTES", 100)
    assert_problem(post(api.client, "x" * 101, api.headers, content_type=NDJSON), 413)
