"""Sources without text and the three kinds of evidence, through HTTP on both backends."""

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from app.core.migrate import upgrade
from tests.attributes.conftest import Loaded
from tests.attributes.data import DATASET, WEB, record_evidence
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.helpers import assert_problem
from tests.imports.support import dump, export_text, lines, post, records


def test_dataset_and_web_sources_read_back_with_their_kind(loaded: Loaded) -> None:
    dataset = loaded.client.get(f"/sources/{DATASET}").json()
    assert (dataset["kind"], dataset["version"], dataset["sha256"]) == (
        "dataset",
        "2024-03-01",
        None,
    )
    web = loaded.client.get(f"/sources/{WEB}").json()
    assert (web["kind"], web["url"]) == ("web", "https://example.org/news/1")
    kinds = {s["id"]: s["kind"] for s in _all(loaded, "/sources?kind__in=web,dataset")}
    assert kinds == {DATASET: "dataset", WEB: "web"}
    text = loaded.client.get(f"/sources/{WEB}/text")
    assert_problem(text, 404)


def test_every_evidence_item_is_labelled_with_its_kind(loaded: Loaded) -> None:
    body = loaded.client.get("/events/acled-ev-03/evidence").json()
    items = {
        (e["kind"], e["source"]["id"], e.get("sentence"), e.get("record")) for e in body["evidence"]
    }
    assert ("record", DATASET, None, "KOR0003") in items
    assert ("located", WEB, 3, None) in items
    assert any(e["kind"] == "located" and e["start"] == 30 for e in body["evidence"])
    fatalities = next(c for c in body["claims"] if c["property"] == "fatalities")
    assert fatalities["evidence"][0]["field"] == "fatalities"
    seeded = loaded.client.get("/evidence?limit=5&kind=excerpt").json()["items"]
    assert seeded
    assert {e["kind"] for e in seeded} == {"excerpt"}


def test_search_finds_a_source_without_text_by_title(loaded: Loaded) -> None:
    response = loaded.client.get("/search", params={"q": "ACLED test export"})
    assert response.status_code == 200, response.text
    assert DATASET in {hit["id"] for hit in response.json()["items"]}


def test_export_round_trips_sources_and_evidence_of_every_kind(
    loaded: Loaded, new_engine: Callable[[str], Engine]
) -> None:
    exported = export_text(loaded.engine)
    kinds = {(r.get("kind"), r["id"]) for r in records(exported) if r["record"] == "source"}
    assert {("dataset", DATASET), ("web", WEB)} <= kinds
    target = new_engine(loaded.engine.dialect.name)
    upgrade(target)
    _, key = make_key(target, "write")
    with client_for(target) as client:
        response = post(client, exported, bearer(key), reason="round trip")
    assert response.status_code == 200, response.text
    assert dump(target, data_only=True) == dump(loaded.engine, data_only=True)


def _event(evidence: list[dict[str, Any]], sources: list[str]) -> dict[str, Any]:
    return {
        "record": "event",
        "id": "bad-evidence-event",
        "title": "Bad evidence",
        "event_type": "protest",
        "modality": "occurred",
        "sources": sources,
        "evidence": evidence,
    }


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ({"kind": "located", "source": DATASET, "sentence": 1}, "located evidence cites only web"),
        ({"kind": "record", "source": WEB, "record": "X"}, "record evidence cites only dataset"),
        (
            {"source": WEB, "excerpt": "abc", "start": 0, "end": 3},
            "excerpt evidence cites only article",
        ),
        ({"kind": "record", "source": DATASET}, "record"),
        ({"kind": "located", "source": WEB, "sentence": 1, "start": 0, "end": 2}, "sentence"),
        ({"kind": "record", "source": DATASET, "record": "X", "excerpt": "y"}, "excerpt"),
    ],
)
def test_evidence_of_the_wrong_kind_is_rejected_naming_the_field(
    loaded: Loaded, item: dict[str, Any], reason: str
) -> None:
    doc = _event([item], [DATASET, WEB])
    response = post(loaded.client, lines([doc]), loaded.headers, reason="bad")
    assert response.status_code in (200, 422), response.text
    report = response.json().get("report", response.json())
    assert not report["loaded"]
    reasons = " ".join(r for rejected in report["rejected"] for r in rejected["reasons"])
    assert reason in reasons, reasons
    assert loaded.client.get("/events/bad-evidence-event").status_code == 404


def test_write_api_checks_each_kind_against_its_source(loaded: Loaded) -> None:
    subject = {"subject_type": "event", "subject_id": "acled-ev-01"}
    good = {**subject, **record_evidence("KOR0001", "notes")}
    made = loaded.client.post("/evidence", json=good, headers=loaded.headers)
    assert made.status_code == 201, made.text
    assert (made.json()["kind"], made.json()["field"]) == ("record", "notes")
    located = {**subject, "kind": "located", "source": WEB, "start": 4, "end": 9}
    assert loaded.client.post("/evidence", json=located, headers=loaded.headers).status_code == 201
    wrong = {**subject, "kind": "located", "source": DATASET, "sentence": 2}
    assert_problem(
        loaded.client.post("/evidence", json=wrong, headers=loaded.headers), 422, "body.kind"
    )
    bare = {**subject, "kind": "record", "source": DATASET}
    assert_problem(
        loaded.client.post("/evidence", json=bare, headers=loaded.headers), 422, "body.record"
    )
    both = {**subject, "kind": "located", "source": WEB, "sentence": 1, "end": 4}
    assert_problem(loaded.client.post("/evidence", json=both, headers=loaded.headers), 422)


def test_write_api_sources_without_text(loaded: Loaded) -> None:
    web = {"kind": "web", "title": "Another page", "language": "en", "url": "https://e.org/2"}
    made = loaded.client.post("/sources", json=web, headers=loaded.headers)
    assert made.status_code == 201, made.text
    assert (made.json()["kind"], made.json()["sha256"]) == ("web", None)
    no_url = {"kind": "web", "title": "A page without url", "language": "en"}
    assert_problem(
        loaded.client.post("/sources", json=no_url, headers=loaded.headers), 422, "body.url"
    )
    texty = {"kind": "dataset", "title": "A dataset", "language": "en", "text": "words"}
    assert_problem(
        loaded.client.post("/sources", json=texty, headers=loaded.headers), 422, "body.text"
    )
    article = {"title": "An article without text", "language": "en"}
    assert_problem(
        loaded.client.post("/sources", json=article, headers=loaded.headers), 422, "body.text"
    )


def _all(loaded: Loaded, url: str) -> list[dict[str, Any]]:
    response = loaded.client.get(url)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_attribute_claims_show_as_typed_attributes(loaded: Loaded) -> None:
    event = loaded.client.get("/events/acled-ev-03").json()
    assert event["attributes"] == {
        "fatalities": 10,
        "goldstein": -2.75,
        "acled_sub_event_type": "Armed clash",
    }
    assert "fatalities" not in loaded.client.get("/events/acled-ev-04").json()["attributes"]
    actor = loaded.client.get("/actors/test-kor-state").json()
    assert actor["attributes"] == {"country_code": "KOR"}
    vocabulary = loaded.client.get("/vocabularies/attribute").json()
    terms = {(t["value"], t["applies_to"]): t["value_type"] for t in vocabulary["terms"]}
    assert terms[("fatalities", "event")] == "integer"
    assert terms[("country_code", "actor")] == "code"


@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        ({"property": "fatalities", "value": "many"}, "claim 'fatalities': bad value"),
        ({"property": "goldstein", "value": "high"}, "claim 'goldstein': bad value"),
        ({"property": "cameo_code", "value": ""}, "claim 'cameo_code': bad value"),
    ],
)
def test_attribute_values_are_checked_by_their_declared_type(
    loaded: Loaded, claim: dict[str, Any], reason: str
) -> None:
    doc = _event([record_evidence("KOR9")], [DATASET])
    doc["claims"] = [{**claim, "evidence": [record_evidence("KOR9")]}]
    response = post(loaded.client, lines([doc]), loaded.headers, reason="bad")
    report = response.json().get("report", response.json())
    assert not report["loaded"]
    reasons = " ".join(r for rejected in report["rejected"] for r in rejected["reasons"])
    assert reason in reasons, reasons


def test_claim_api_checks_attribute_values_and_keeps_the_shown_value(loaded: Loaded) -> None:
    claim = {
        "subject_type": "event",
        "subject_id": "acled-ev-04",
        "property": "fatalities",
        "value": "lots",
        "evidence": [record_evidence("KOR0004", "fatalities")],
    }
    bad = loaded.client.post("/claims", json=claim, headers=loaded.headers)
    assert_problem(bad, 422, "body.value")
    made = loaded.client.post("/claims", json={**claim, "value": 6}, headers=loaded.headers)
    assert made.status_code == 201, made.text
    assert loaded.client.get("/events/acled-ev-04").json()["attributes"]["fatalities"] == 6
    removed = loaded.client.delete(f"/claims/{made.json()['id']}", headers=loaded.headers)
    assert removed.status_code in (200, 204), removed.text
    assert "fatalities" not in loaded.client.get("/events/acled-ev-04").json()["attributes"]
