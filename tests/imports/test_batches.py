"""An import streamed in batches: records citing later ones, a fault in a late batch, ids
given twice in different batches, a dry run, and generated data sets (through HTTP, on
both backends)."""

import io
import json
from typing import Any

import pytest

from app.imports import service
from bench import generate
from tests.helpers import assert_problem
from tests.imports.conftest import Api
from tests.imports.support import dump, export_text, lines, post, records

TEXT = "Ministers of Ghent and Bruges met in Ghent on Monday."


@pytest.fixture(autouse=True)
def _small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two records a batch, so a handful of records spans several batches."""
    monkeypatch.setattr(service, "BATCH_RECORDS", 2)


def _evidence(excerpt: str, source: str = "batch-article") -> dict[str, Any]:
    start = TEXT.index(excerpt)
    return {"source": source, "excerpt": excerpt, "start": start, "end": start + len(excerpt)}


def _places_citing_a_later_source() -> list[dict[str, Any]]:
    """Places first (one part of a place further down), the article they cite last."""
    place = {"record": "place", "kind": "city"}
    return [
        {**place, "id": "ghent", "name": "Ghent", "part_of": "flanders", "evidence": []},
        {**place, "id": "bruges", "name": "Bruges", "evidence": [_evidence("Bruges")]},
        {**place, "id": "ostend", "name": "Ostend", "evidence": []},
        {**place, "id": "flanders", "name": "Flanders", "kind": "region", "evidence": []},
        {"record": "source", "id": "batch-article", "title": "T", "language": "en", "text": TEXT},
    ]


def test_records_citing_records_in_later_batches_load(empty_api: Api) -> None:
    body = lines(_places_citing_a_later_source())
    response = post(empty_api.client, body, empty_api.headers)
    assert response.status_code == 200, response.text
    assert response.json()["records"] == 5
    assert empty_api.client.get("/places/ghent").json()["part_of"]["id"] == "flanders"
    evidence = empty_api.client.get("/places/bruges/evidence").json()["evidence"]
    assert [e["excerpt"] for e in evidence] == ["Bruges"]


def test_a_fault_in_the_last_batch_leaves_nothing_loaded(empty_api: Api) -> None:
    items = _places_citing_a_later_source()
    shifted = {
        key: value + 1 if key in {"start", "end"} else value
        for key, value in _evidence("Ghent").items()
    }
    items.append({**items[2], "id": "bad-excerpt", "evidence": [shifted]})
    before = dump(empty_api.engine)
    problem = assert_problem(post(empty_api.client, lines(items), empty_api.headers), 422)
    [rejected] = problem["report"]["rejected"]
    assert (rejected["line"], rejected["id"]) == (6, "bad-excerpt")
    assert "does not match batch-article" in rejected["reasons"][0]
    assert dump(empty_api.engine) == before


def test_an_id_given_again_in_a_later_batch_names_the_first(empty_api: Api) -> None:
    items = _places_citing_a_later_source()
    items.append({**items[2], "name": "Ostend again"})
    problem = assert_problem(post(empty_api.client, lines(items), empty_api.headers), 422)
    [rejected] = problem["report"]["rejected"]
    assert rejected["line"] == 6
    assert rejected["reasons"] == ["place 'ostend' is also at line 3"]


def test_a_record_citing_a_rejected_one_is_not_flagged_too(empty_api: Api) -> None:
    items = _places_citing_a_later_source()
    items[3] = {**items[3], "kind": "planet"}  # flanders, which ghent is part of
    problem = assert_problem(post(empty_api.client, lines(items), empty_api.headers), 422)
    assert [r["id"] for r in problem["report"]["rejected"]] == ["flanders"]


def test_a_dry_run_across_batches_reports_all_and_writes_nothing(empty_api: Api) -> None:
    before = dump(empty_api.engine)
    body = lines(_places_citing_a_later_source())
    response = post(empty_api.client, body, empty_api.headers, dry_run=True)
    assert response.status_code == 200, response.text
    assert response.json()["kinds"]["place"]["inserted"] == 4
    assert dump(empty_api.engine) == before


def test_a_generated_set_imports_whole_and_exports_the_same_records(empty_api: Api) -> None:
    out = io.StringIO()
    written = generate.write(30, out, seed=3)
    response = post(empty_api.client, out.getvalue(), empty_api.headers)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["records"], report["kinds"]["event"]["inserted"]) == (written, 30)
    exported = records(export_text(empty_api.engine))
    given = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {(r["record"], r.get("id")) for r in exported} >= {
        (r["record"], r["id"]) for r in given if "id" in r
    }


def test_generation_is_the_same_for_the_same_seed() -> None:
    first, second, other = io.StringIO(), io.StringIO(), io.StringIO()
    generate.write(20, first, seed=5)
    generate.write(20, second, seed=5)
    generate.write(20, other, seed=6)
    assert first.getvalue() == second.getvalue() != other.getvalue()
