"""Declared attributes in queries: filters with the operator vocabulary, sorting, facets,
CSV columns, OpenAPI types, actor-attribute filters on events and disagreements."""

import csv
import io
from typing import Any

from tests.attributes.conftest import Loaded
from tests.attributes.data import EVENTS, WEB, event_facts
from tests.helpers import assert_problem

OURS = {"id__startswith": "acled-ev", "limit": 100}


def _ids(loaded: Loaded, **params: Any) -> list[str]:
    response = loaded.client.get("/events", params={**OURS, **params})
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["items"]]


def _facts() -> list[dict[str, Any]]:
    return [event_facts(i) for i in range(EVENTS)]


def test_filters_use_the_operator_vocabulary(loaded: Loaded) -> None:
    expected = {f["id"] for f in _facts() if f["fatalities"] is not None and f["fatalities"] >= 5}
    assert set(_ids(loaded, fatalities__gte=5)) == expected
    assert set(_ids(loaded, fatalities__in="0,3")) == {
        f["id"] for f in _facts() if f["fatalities"] in (0, 3)
    }
    assert set(_ids(loaded, fatalities__isnull="true")) == {
        f["id"] for f in _facts() if f["fatalities"] is None
    }
    assert set(_ids(loaded, goldstein__lt=-1.5)) == {
        f["id"] for f in _facts() if f["goldstein"] < -1.5
    }
    assert set(_ids(loaded, acled_sub_event_type="Armed clash")) == {
        f["id"] for f in _facts() if f["sub_event"] == "Armed clash"
    }


def test_bad_attribute_values_are_400_naming_the_parameter(loaded: Loaded) -> None:
    bad = loaded.client.get("/events", params={"fatalities__gte": "many"})
    assert_problem(bad, 400, "query.fatalities__gte")
    nan = loaded.client.get("/events", params={"goldstein__gt": "nan"})
    assert_problem(nan, 400, "query.goldstein__gt")
    text = loaded.client.get("/events", params={"notes__gte": "a"})
    assert_problem(text, 400, "query.notes__gte")


def test_sort_by_an_attribute_pages_with_cursors(loaded: Loaded) -> None:
    known = sorted(
        (f for f in _facts() if f["fatalities"] is not None),
        key=lambda f: (-f["fatalities"], f["id"]),
    )
    missing = sorted(f["id"] for f in _facts() if f["fatalities"] is None)
    seen: list[str] = []
    params: dict[str, Any] = {**OURS, "sort": "-fatalities", "limit": 5}
    while True:
        body = loaded.client.get("/events", params=params).json()
        seen += [e["id"] for e in body["items"]]
        if not body["next_cursor"]:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == [f["id"] for f in known] + missing


def test_facets_count_code_attributes(loaded: Loaded) -> None:
    response = loaded.client.get(
        "/events/facets", params={"facet": "acled_sub_event_type", "id__startswith": "acled-ev"}
    )
    assert response.status_code == 200, response.text
    counts = {b["value"]: b["count"] for b in response.json()["facets"]["acled_sub_event_type"]}
    expected: dict[str, int] = {}
    for f in _facts():
        expected[f["sub_event"]] = expected.get(f["sub_event"], 0) + 1
    assert counts == expected


def test_csv_has_one_plain_column_per_attribute(loaded: Loaded) -> None:
    response = loaded.client.get("/events", params={**OURS, "format": "csv"})
    assert response.status_code == 200, response.text
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(response.text))}
    assert "attributes" not in next(iter(rows.values()))
    for f in _facts():
        shown = "" if f["fatalities"] is None else str(f["fatalities"])
        assert rows[f["id"]]["fatalities"] == shown
        assert float(rows[f["id"]]["goldstein"]) == f["goldstein"]


def test_openapi_types_the_attribute_filters(loaded: Loaded) -> None:
    spec = loaded.client.get("/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/events"]["get"]["parameters"]}

    def types(name: str) -> set[str]:
        schema = params[name]["schema"]
        return {s.get("type") for s in schema.get("anyOf", [schema])} - {"null"}

    assert types("fatalities__gte") == {"integer"}
    assert types("goldstein__gte") == {"number"}
    assert "actor.country_code" in params
    schemas = spec["components"]["schemas"]
    fatalities = schemas["EventAttributes"]["properties"]["fatalities"]
    assert {"type": "integer"} in fatalities["anyOf"]


def test_actor_attributes_reach_events(loaded: Loaded) -> None:
    korean_state = {f["id"] for f in _facts() if "test-kor-state" in f["actors"]}
    assert set(_ids(loaded, **{"actor.country_code": "KOR", "actor.kind": "state"})) == korean_state
    assert set(_ids(loaded, **{"actor.country_code": "KOR"})) == {f["id"] for f in _facts()}
    # One participant must meet both: the USA state and the Korean group are not one actor.
    assert _ids(loaded, **{"actor.country_code": "USA", "actor.kind": "group"}) == []
    assert set(_ids(loaded, **{"actor.country_code__in": "USA,JPN"})) == korean_state


def test_actors_filter_on_their_own_attributes(loaded: Loaded) -> None:
    response = loaded.client.get("/actors", params={"country_code": "KOR", "sort": "id"})
    assert [a["id"] for a in response.json()["items"]] == ["test-kor-militia", "test-kor-state"]


def test_two_sources_disagreeing_on_an_attribute_are_a_disagreement(loaded: Loaded) -> None:
    other = {
        "subject_type": "event",
        "subject_id": "acled-ev-05",
        "property": "fatalities",
        "value": 40,
        "evidence": [{"kind": "located", "source": WEB, "sentence": 2}],
    }
    made = loaded.client.post("/claims", json=other, headers=loaded.headers)
    assert made.status_code == 201, made.text
    found = {d["id"]: d for d in loaded.client.get("/disagreements").json()["items"]}
    disputed = found["event:acled-ev-05:fatalities"]
    assert sorted(a["value"] for a in disputed["accounts"]) == sorted(
        [40, event_facts(5)["fatalities"]]
    )
    # Unranked claims that disagree show no value until one is preferred.
    assert "fatalities" not in loaded.client.get("/events/acled-ev-05").json()["attributes"]
    preferred = {**other, "rank": "preferred"}
    again = loaded.client.put(
        f"/claims/{made.json()['id']}", json=preferred, headers=loaded.headers
    )
    assert again.status_code == 200, again.text
    assert loaded.client.get("/events/acled-ev-05").json()["attributes"]["fatalities"] == 40


def test_facets_take_top_n_with_labels_and_day_buckets(loaded: Loaded) -> None:
    params = {"facet": "actor,when", "top": 1, "interval": "day", "id__startswith": "acled-ev"}
    response = loaded.client.get("/events/facets", params=params)
    assert response.status_code == 200, response.text
    facets = response.json()["facets"]
    counts: dict[str, int] = {}
    for f in _facts():
        for actor in f["actors"]:
            counts[actor] = counts.get(actor, 0) + 1
    top = max(counts, key=lambda a: (counts[a], a))
    assert facets["actor"] == [{"value": top, "label": "Test Kor Militia", "count": counts[top]}]
    days = {b["value"]: b["count"] for b in facets["when"]}
    assert days == {f["day"].isoformat(): 1 for f in _facts()}
