"""`--from acled`: ACLED CSV exports, the newer text form and the older numeric form."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.importers.conftest import (
    ACLED_NEW,
    ACLED_OLD,
    NEEDS_SHAPES,
    changed,
    load,
    participants,
    ref_id,
    skipped_lines,
)

pytestmark = NEEDS_SHAPES


def _attributes(body: dict[str, Any]) -> dict[str, Any]:
    return dict(body.get("attributes") or {})


def test_an_export_loads_with_fatalities_types_and_notes(
    empty_engine: Engine, reader: TestClient
) -> None:
    report, _ = load(empty_engine, "acled", ACLED_NEW)
    assert report.loaded
    assert report.kinds["event"].inserted == 5
    battle = reader.get("/events/acled-ukr5678").json()
    assert battle["event_type"] == "assault"
    assert (
        _attributes(battle).items()
        >= {
            "fatalities": 3,
            "acled_event_type": "Battles",
            "acled_sub_event_type": "Armed clash",
            "interaction": "State forces-State forces",
        }.items()
    )
    arrests = reader.get("/events/acled-kor1240").json()
    assert arrests["event_type"] == "coerce"  # the sub-event type Arrests wins
    assert "fatalities" not in _attributes(arrests)  # NA is no value, not 0
    rally = reader.get("/events/acled-kor1234").json()
    assert "\n" in rally["summary"]
    assert '"fair wages"' in rally["summary"]


def test_admin_levels_become_a_place_hierarchy(empty_engine: Engine, reader: TestClient) -> None:
    load(empty_engine, "acled", ACLED_NEW)
    place_id = ref_id(reader.get("/events/acled-ukr5678").json()["place"])
    chain = []
    while place_id:
        place = reader.get(f"/places/{place_id}").json()
        chain.append((place["name"], place["kind"]))
        place_id = ref_id(place.get("part_of"))
    assert chain == [
        ("Kharkiv", "city"),
        ("Kharkivska", "region"),  # admin3
        ("Kharkivskyi", "region"),
        ("Kharkivska", "region"),  # admin1: same name as admin3, another place
        ("Ukraine", "country"),
    ]
    nigeria = (
        reader.get(reader.get("/events/acled-nig9012").json()["place"]).json() if False else None
    )
    assert nigeria is None


def test_associated_actors_take_part_with_their_association(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "acled", ACLED_NEW)
    parts = participants(reader, "acled-kor1234")
    assert len(parts) == 3  # actor1 and its two associated actors
    by_name = {ref_id(p["actor"]): p for p in parts}
    assert any("labor-group" in actor for actor in by_name)
    inter = {_attributes(p).get("acled_inter_code") for p in parts}
    assert "Protesters" in inter
    assert {_attributes(p).get("association") for p in parts} >= {"actor1"}


def test_the_older_numeric_form_reads_as_the_codebook_labels(
    empty_engine: Engine, reader: TestClient
) -> None:
    report, fields = load(empty_engine, "acled", ACLED_OLD)
    assert report.kinds["event"].inserted == 3
    assert not fields.skipped
    bomb = reader.get("/events/acled-col12345").json()
    assert _attributes(bomb)["interaction"] == "State forces-Rebel group"  # "12"
    assert _attributes(bomb)["fatalities"] == 22
    assert bomb["occurred"]["value"] == "2019-01-15"  # "15 January 2019"
    riot = reader.get("/events/acled-col12350").json()
    assert _attributes(riot)["interaction"] == "Rioters only"  # "50": no second actor
    talks = reader.get("/events/acled-col12351").json()
    assert talks["occurred"]["value"] == "2019-01"  # time_precision 3: the month
    assert talks["occurred"]["precision"] == "month"
    place = reader.get(f"/places/{ref_id(bomb['place'])}").json()
    assert place["name"] == "Bogotá"  # Latin-1 bytes in the file
    columns = {c["field"]: c for c in fields.as_json()["fields"]}
    assert columns["data_id"]["dropped"]
    assert "alpha-2" in columns["iso3"]["dropped"]
    assert "disorder_type" not in columns  # the older form has no such column


def test_bad_and_repeated_rows_are_skipped_and_named(empty_engine: Engine) -> None:
    _, fields = load(empty_engine, "acled", ACLED_NEW)
    skipped = skipped_lines(fields)
    assert set(skipped) == {7, 9, 10, 12}
    assert "repeats line 2" in skipped[7]
    assert "Parade" in skipped[9]
    assert "event_date" in skipped[10]
    assert "3 columns, the header has 31" in skipped[12]
    assert fields.invalid["fatalities"] == 1  # "three": the row loads without it


def test_importing_the_export_again_changes_nothing(empty_engine: Engine) -> None:
    load(empty_engine, "acled", ACLED_NEW)
    again, _ = load(empty_engine, "acled", ACLED_NEW)
    assert changed(again) == 0
    assert not again.rejected


def test_group_by_region_gives_the_admin1_areas(empty_engine: Engine, reader: TestClient) -> None:
    load(empty_engine, "acled", ACLED_NEW)
    params = {"group_by": "region,country", "sum": "fatalities"}
    groups = reader.get("/events/aggregate", params=params).json()["groups"]
    found = {}
    for group in groups:
        region = reader.get(f"/places/{group['key']['region']}").json()
        assert ref_id(region["part_of"]) == group["key"]["country"]  # right below it
        country = reader.get(f"/places/{group['key']['country']}").json()
        found[(region["name"], country["name"])] = group["sum"]["fatalities"]
    # Kharkiv's admin1, not its admin3 of the same name; Seoul's events have no fatalities
    # or NA.
    assert found == {
        ("Kharkivska", "Ukraine"): 3,
        ("Plateau", "Nigeria"): 2,
        ("Seoul", "South Korea"): 0,
    }
