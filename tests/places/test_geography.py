"""A place's coordinates, precision, gazetteer ids and alternate names: seeded, written,
validated, exported."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records
from tests.imports.support import lines, post

HALL: dict[str, Any] = {
    "id": "geo-geonames-2800867",
    "name": "Test Hall",
    "kind": "building",
    "part_of": "brussels",
    "lat": 50.8466,
    "lon": 4.3528,
    "precision": "exact",
    "gazetteer": {"geonames": "2800867", "adm1": "BE11"},
    "names": [{"name": "Salle d'essai", "lang": "fr"}, {"name": "Testzaal", "lang": "nl"}],
}


def test_seed_places_carry_reference_coordinates_and_gazetteer_ids(client: TestClient) -> None:
    for seeded in seed_records("places"):
        shown = client.get(f"/places/{seeded['id']}").json()
        assert (shown["lat"], shown["lon"]) == (seeded.get("lat"), seeded.get("lon"))
        assert shown["gazetteer"] == seeded.get("gazetteer", {})
        want = {(n["name"], n["lang"]) for n in seeded.get("names", [])}
        assert {(n["name"], n["lang"]) for n in shown["names"]} == want
        # Coordinates never pass for the articles' word: they are marked as reference data.
        assert shown["geo_origin"] == ("reference" if "lat" in seeded else None)
    brussels = client.get("/places/brussels").json()
    assert brussels["precision"] == "city"
    assert brussels["gazetteer"]["geonames"] == "2800866"


def test_a_written_place_keeps_its_geography(api: TestClient, writer: dict[str, str]) -> None:
    created = api.post("/places", json=HALL, headers=writer)
    assert created.status_code == 201, created.text
    shown = api.get(f"/places/{HALL['id']}").json()
    for key in ("lat", "lon", "precision", "gazetteer", "names"):
        assert shown[key] == HALL[key], key
    assert shown["geo_origin"] == "reference"  # the default when coordinates come bare
    moved = {**HALL, "lat": -33.9, "lon": 18.4, "gazetteer": {}, "names": []}
    etag = api.get(f"/places/{HALL['id']}").headers["ETag"]
    replaced = api.put(f"/places/{HALL['id']}", json=moved, headers={**writer, "If-Match": etag})
    assert replaced.status_code == 200, replaced.text
    shown = api.get(f"/places/{HALL['id']}").json()
    assert (shown["lat"], shown["lon"], shown["gazetteer"], shown["names"]) == (-33.9, 18.4, {}, [])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lat": 90.5}, "body.lat"),
        ({"lon": -180.01}, "body.lon"),
        ({"lat": "north"}, "body.lat"),
        ({"gazetteer": {"osm": "1"}}, "body.gazetteer.osm.[key]"),
        ({"precision": "street"}, "body.precision"),
    ],
)
def test_bad_geography_is_refused_naming_the_field(
    api: TestClient, writer: dict[str, str], change: dict[str, Any], field: str
) -> None:
    body = {**HALL, "id": "t-bad-geo", **change}
    assert_problem(api.post("/places", json=body, headers=writer), 422, field)
    assert api.get("/places/t-bad-geo").status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"lon": None},  # a latitude alone is no point
        {"lat": None, "lon": None, "gazetteer": {}},  # a precision of nothing
        {"names": [{"name": "Testzaal", "lang": "nl"}, {"name": "Testzaal", "lang": "nl"}]},
    ],
)
def test_inconsistent_geography_is_refused(
    api: TestClient, writer: dict[str, str], change: dict[str, Any]
) -> None:
    body = {**HALL, "id": "t-bad-geo", **change}
    assert_problem(api.post("/places", json=body, headers=writer), 422)
    assert api.get("/places/t-bad-geo").status_code == 404


def test_an_imported_place_document_of_the_shared_shape_loads(
    api: TestClient, writer: dict[str, str]
) -> None:
    # The document the GDELT and ACLED importers emit (SHAPES9: `geo-<scheme>-<id>` ids).
    document = {
        "record": "place",
        **HALL,
        "id": "geo-geonames-1835848",
        "name": "Seoul",
        "kind": "city",
        "part_of": None,
        "lat": 37.566,
        "lon": 126.9784,
        "precision": "city",
        "geo_origin": "dataset",
        "gazetteer": {"geonames": "1835848", "gdelt_feature": "-716583"},
        "names": [{"name": "서울", "lang": "ko"}],
        "evidence": [],
    }
    response = post(api, lines([document]), writer)
    assert response.status_code == 200, response.text
    shown = api.get("/places/geo-geonames-1835848").json()
    assert shown["gazetteer"] == document["gazetteer"]
    assert (shown["lat"], shown["lon"], shown["geo_origin"]) == (37.566, 126.9784, "dataset")
    assert shown["names"] == [{"name": "서울", "lang": "ko"}]


def test_geo_filters_cross_the_antimeridian_and_the_pole(
    api: TestClient, writer: dict[str, str]
) -> None:
    spots = {"t-fiji-east": (-17.8, 179.8), "t-fiji-west": (-17.8, -179.8), "t-north": (89.5, 10.0)}
    for place_id, (lat, lon) in spots.items():
        body = {"id": place_id, "name": place_id, "kind": "region", "lat": lat, "lon": lon}
        assert api.post("/places", json=body, headers=writer).status_code == 201

    def ids(query: str) -> set[str]:
        response = api.get(f"/places?{query}&limit=100")
        assert response.status_code == 200, response.text
        return {p["id"] for p in response.json()["items"]} & set(spots)

    assert ids("bbox=179,-20,-179,-15") == {"t-fiji-east", "t-fiji-west"}  # min_lon > max_lon
    assert ids("bbox=-179,-20,179,-15") == set()  # the other way round: the rest of the world
    assert ids("near=-17.8,179.9&radius_km=50") == {"t-fiji-east", "t-fiji-west"}
    assert ids("near=-17.8,179.9&radius_km=20") == {"t-fiji-east"}  # west is ~32 km off
    assert ids("near=89.9,-170&radius_km=100") == {"t-north"}  # over the pole: ~67 km
    assert ids("near=89.9,-170&radius_km=50") == set()
