"""`--from gdelt-events`: a GDELT 2.0 events export through the one write path, read back
over HTTP."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.importers.conftest import (
    GDELT_EVENTS,
    NEEDS_SHAPES,
    changed,
    evidence_items,
    load,
    participants,
    ref_id,
    skipped_lines,
)

pytestmark = NEEDS_SHAPES

OBAMA = "gdelt-actor-usagov-obama-6b8991"


def _attributes(body: dict[str, Any]) -> dict[str, Any]:
    return dict(body.get("attributes") or {})


def test_rows_become_events_with_their_codes_as_attributes(
    empty_engine: Engine, reader: TestClient
) -> None:
    report, fields = load(empty_engine, "gdelt-events", GDELT_EVENTS)
    assert report.loaded
    assert not report.rejected
    assert report.kinds["event"].inserted == 5
    event = reader.get("/events/gdelt-1069420342").json()
    assert event["event_type"] == "consult"  # CAMEO 042, by the documented mapping
    assert event["occurred"]["value"] == "2022-10-18"
    assert (
        _attributes(event).items()
        >= {"cameo_code": "042", "quad_class": "1", "num_mentions": 10}.items()
    )
    assert _attributes(event)["goldstein"] == 1.9
    assert {p["role"] for p in participants(reader, "gdelt-1069420342")} == {"actor", "subject"}
    retreat = reader.get("/events/gdelt-1069420346").json()
    assert retreat["event_type"] == "retreat"  # CAMEO 0874, a finer code than its root
    assert "goldstein" not in _attributes(retreat)  # NA: blank, not zero
    assert "tone" not in _attributes(retreat)  # "abc": unreadable, counted below
    assert fields.invalid["AvgTone"] == 1


def test_actor_codes_are_attributes_and_names_keep_their_spelling(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    obama = reader.get(f"/actors/{OBAMA}").json()
    assert obama["name"] == "OBAMA"
    assert obama["kind"] == "government"  # Actor1Type1Code GOV
    assert _attributes(obama)["country_code"] == "USA"
    assert obama.get("identifiers", {}) == {}  # a shared code is never an identifier
    states = reader.get("/actors", params={"kind": "state"}).json()["items"]
    assert {"SOUTH KOREA", "RUSSIA"} <= {a["name"] for a in states}


def test_action_geography_becomes_a_place_hierarchy_with_coordinates(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    seoul = reader.get("/places/geo-gdelt-feature-716583").json()
    assert (seoul["name"], seoul["kind"], seoul["lat"], seoul["lon"]) == (
        "Seoul",
        "city",
        37.5664,
        127.0,
    )
    assert ref_id(seoul["part_of"]) == "geo-adm1-ks11"
    region = reader.get("/places/geo-adm1-ks11").json()
    assert (region["name"], ref_id(region["part_of"])) == ("Soul-t'ukpyolsi", "geo-fips-ks")
    assert reader.get("/places/geo-fips-ks").json()["kind"] == "country"
    bogota = reader.get("/places/geo-gdelt-feature-578472").json()
    assert bogota["name"] == "Bogotá"  # a Latin-1 line, read as such


def test_every_fact_cites_its_row_of_the_dataset_source(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    source = reader.get("/sources/gdelt-events-20221018").json()
    assert (source["kind"], source["version"]) == ("dataset", "2.0")
    assert "GDELT" in source["licence"]
    items = evidence_items(reader, "/events/gdelt-1069420342")
    assert {(i["kind"], i["source"], i["record"], i["field"]) for i in items} == {
        ("record", "gdelt-events-20221018", "1069420342", "GLOBALEVENTID")
    }
    claims = reader.get("/events/gdelt-1069420342/evidence").json()["claims"]
    cited = {(ref_id(e["source"]), e["record"], e["field"]) for c in claims for e in c["evidence"]}
    assert ("gdelt-events-20221018", "1069420342", "EventCode") in cited


def test_bad_and_repeated_rows_are_skipped_and_named(empty_engine: Engine) -> None:
    _, fields = load(empty_engine, "gdelt-events", GDELT_EVENTS)
    skipped = skipped_lines(fields)
    assert set(skipped) == {5, 6, 9, 10}
    assert "repeats line 1" in skipped[5]
    assert "40 tab-separated columns" in skipped[6]
    assert "SQLDATE" in skipped[9]
    assert "EventCode" in skipped[10]
    assert fields.rows == 9  # the blank line is no row
    assert any("Latin-1" in note for note in fields.notes)


def test_the_field_report_names_every_column_and_why_some_are_dropped(empty_engine: Engine) -> None:
    _, fields = load(empty_engine, "gdelt-events", GDELT_EVENTS)
    columns = {c["field"]: c for c in fields.as_json()["fields"]}
    assert len(columns) == 61
    assert columns["MonthYear"]["dropped"] == "derived from SQLDATE"
    assert "goldstein" in columns["GoldsteinScale"]["target"]
    assert (columns["GoldsteinScale"]["filled"], columns["GoldsteinScale"]["blank"]) == (4, 1)


def test_a_dry_run_writes_nothing(empty_engine: Engine, reader: TestClient) -> None:
    report, _ = load(empty_engine, "gdelt-events", GDELT_EVENTS, dry_run=True)
    assert report.kinds["event"].inserted == 5
    assert not report.loaded
    assert reader.get("/events/gdelt-1069420342").status_code == 404


def test_importing_the_file_again_changes_nothing(empty_engine: Engine) -> None:
    first, _ = load(empty_engine, "gdelt-events", GDELT_EVENTS)
    again, fields = load(empty_engine, "gdelt-events", GDELT_EVENTS)
    assert changed(again) == 0
    assert again.kinds["event"].unchanged == first.kinds["event"].inserted
    assert fields.documents["actor already stored, left as is"] == first.kinds["actor"].inserted
