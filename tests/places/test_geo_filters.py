"""`within=`, `bbox=`, `near=` on events and places, and GeoJSON answers (RFC 7946)."""

import math
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk

EARTH_KM = 6371.0088


def _places() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in seed_records("places")}


def _inside(place_id: str, ancestor: str) -> bool:
    """Whether the seed files put `place_id` at or below `ancestor` (the test's own walk)."""
    places = _places()
    current: str | None = place_id
    while current is not None:
        if current == ancestor:
            return True
        current = places[current].get("part_of")
    return False


def _events_at(keep: Any) -> set[str]:
    return {e["id"] for e in seed_records("events") if e.get("place") and keep(e["place"])}


def _ids(client: TestClient, url: str) -> set[str]:
    return {item["id"] for item in walk(client, url, limit=50)}


def _km(a: dict[str, Any], lat: float, lon: float) -> float:
    p1, p2 = math.radians(a["lat"]), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def test_within_follows_the_hierarchy_two_levels_down(client: TestClient) -> None:
    # Belgium > Brussels > NATO headquarters: events at the building are within the country.
    expected = _events_at(lambda p: _inside(p, "belgium"))
    assert expected  # the seed places events at the headquarters, two levels below
    assert _ids(client, "/events?within=belgium") == expected
    assert _ids(client, "/events?within=nato-headquarters") == expected
    assert _ids(client, "/events?place=belgium") == set()  # the plain filter stays exact
    assert _ids(client, "/places?within=belgium") == {"belgium", "brussels", "nato-headquarters"}
    assert _ids(client, "/places?within__in=brussels,east-asia") == {
        "brussels",
        "nato-headquarters",
        "east-asia",
        "northeast-asia",
    }
    assert _ids(client, "/events?within=atlantis") == set()


def test_bbox_keeps_what_lies_in_the_box(client: TestClient) -> None:
    box = (4.4, 50.0, 5.0, 51.0)  # min_lon, min_lat, max_lon, max_lat: east of central Brussels
    located = {
        k: p
        for k, p in _places().items()
        if "lat" in p and box[1] <= p["lat"] <= box[3] and box[0] <= p["lon"] <= box[2]
    }
    assert set(located) == {"belgium", "nato-headquarters"}
    assert _ids(client, "/places?bbox=4.4,50,5,51") == set(located)
    assert _ids(client, "/events?bbox=4.4,50,5,51") == _events_at(lambda p: p in located)
    assert _ids(client, "/events?bbox=100,30,140,45") == set()


def test_places_filter_and_sort_by_latitude_and_longitude(client: TestClient) -> None:
    located = {k: p for k, p in _places().items() if "lat" in p}
    north = {k for k, p in located.items() if p["lat"] >= 50.8}
    assert north  # the seed has places on both sides of 50.8
    assert north != set(located)
    assert _ids(client, "/places?lat__gte=50.8") == north
    assert _ids(client, "/places?lat__lt=50.8&lon__gt=4") == set(located) - north
    assert _ids(client, "/places?lat__isnull=true") == set(_places()) - set(located)
    by_lon = [p["id"] for p in walk(client, "/places?lat__isnull=false&sort=-lon", limit=2)]
    assert by_lon == sorted(located, key=lambda k: -located[k]["lon"])
    assert_problem(client.get("/places?lat__gte=north"), 400, "query.lat__gte")


@pytest.mark.parametrize("radius", [1.0, 6.0, 7.0, 40.0])
def test_near_measures_the_great_circle_distance(client: TestClient, radius: float) -> None:
    lat, lon = 50.85, 4.35  # central Brussels; the headquarters are about 6.3 km away
    expected = {k for k, p in _places().items() if "lat" in p and _km(p, lat, lon) <= radius}
    url = f"/places?near={lat},{lon}&radius_km={radius}"
    assert _ids(client, url) == expected
    events = _ids(client, f"/events?near={lat},{lon}&radius_km={radius}")
    assert events == _events_at(lambda p: p in expected)


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("bbox=1,2,3", "query.bbox"),
        ("bbox=a,b,c,d", "query.bbox"),
        ("bbox=0,95,1,96", "query.bbox"),
        ("bbox=0,10,1,5", "query.bbox"),
        ("bbox=nan,1,2,3", "query.bbox"),
        ("near=50.8,4.3", "query.radius_km"),
        ("near=50.8&radius_km=3", "query.near"),
        ("near=50.8,190&radius_km=3", "query.near"),
        ("near=50.8,4.3&radius_km=-1", "query.radius_km"),
        ("near=50.8,4.3&radius_km=far", "query.radius_km"),
        ("near=50.8,4.3&radius_km=30000", "query.radius_km"),
        ("radius_km=3", "query.radius_km"),
        ("bbox__in=1,2,3,4", "query.bbox__in"),
    ],
)
@pytest.mark.parametrize("collection", ["events", "places"])
def test_bad_geo_filters_are_problems_naming_the_parameter(
    client: TestClient, collection: str, query: str, param: str
) -> None:
    assert_problem(client.get(f"/{collection}?{query}"), 400, param)


def _check_feature_collection(body: dict[str, Any]) -> None:
    """RFC 7946 §3.3, §3.2, §3.1.2: the structure every GeoJSON reader relies on."""
    assert body["type"] == "FeatureCollection"
    for feature in body["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert feature["id"] == feature["properties"]["id"]
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180
            assert -90 <= lat <= 90


def test_places_as_geojson_put_longitude_first(client: TestClient) -> None:
    response = client.get("/places?format=geojson&limit=50")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    _check_feature_collection(body)
    by_id = {f["id"]: f for f in body["features"]}
    assert set(by_id) == set(_places())
    for place_id, seeded in _places().items():
        geometry = by_id[place_id]["geometry"]
        if "lat" in seeded:
            assert geometry["coordinates"] == [seeded["lon"], seeded["lat"]]
        else:
            assert geometry is None  # §3.2: an unlocated feature has a null geometry


def test_events_as_geojson_by_accept_header_page_by_page(client: TestClient) -> None:
    places, seen = _places(), {}
    url: str | None = "/events?limit=7"
    while url:
        response = client.get(url, headers={"Accept": "application/geo+json"})
        assert response.headers["content-type"] == "application/geo+json"
        body = response.json()
        _check_feature_collection(body)
        assert len(body["features"]) <= 7
        seen.update({f["id"]: f["geometry"] for f in body["features"]})
        url = body["links"]["next"]
        assert (url is None) == (not body["has_more"])
    for event in seed_records("events"):
        place = places.get(event.get("place") or "")
        want = [place["lon"], place["lat"]] if place and "lat" in place else None
        assert (seen[event["id"]] or {}).get("coordinates") == want


def test_geojson_combines_with_filters_and_is_documented(client: TestClient) -> None:
    body = client.get("/events?within=belgium&format=geojson").json()
    assert {f["id"] for f in body["features"]} == _events_at(lambda p: _inside(p, "belgium"))
    spec = client.get("/openapi.json").json()
    for path in ("/events", "/places"):
        operation = spec["paths"][path]["get"]
        assert "application/geo+json" in operation["responses"]["200"]["content"]
        names = {p["name"] for p in operation["parameters"]}
        assert {"within", "within__in", "bbox", "near", "radius_km"} <= names
    assert_problem(client.get("/actors?format=geojson"), 400, "query.format")
