"""GET /events/aggregate, checked against figures computed here from the test data."""

import csv
import io
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from tests.attributes.conftest import Loaded
from tests.attributes.data import ENCLOSING, EVENTS, event_facts
from tests.helpers import assert_problem

OURS = {"id__startswith": "acled-ev"}


def _facts() -> list[dict[str, Any]]:
    return [event_facts(i) for i in range(EVENTS)]


def _aggregate(loaded: Loaded, **params: Any) -> dict[str, Any]:
    response = loaded.client.get("/events/aggregate", params={**OURS, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_fatalities_per_month_and_type(loaded: Loaded) -> None:
    body = _aggregate(loaded, group_by="month,event_type", sum="fatalities", max="goldstein")
    expected: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in _facts():
        expected[(f["day"].isoformat()[:7], f["event_type"])].append(f)
    got = {(g["key"]["month"], g["key"]["event_type"]): g for g in body["groups"]}
    assert set(got) == set(expected)
    for key, facts in expected.items():
        known = [f["fatalities"] for f in facts if f["fatalities"] is not None]
        assert got[key]["count"] == len(facts)
        assert got[key]["sum"]["fatalities"] == (sum(known) if known else None)
        assert got[key]["max"]["goldstein"] == max(f["goldstein"] for f in facts)
    assert list(got) == sorted(got)  # key order
    assert body["truncated"] is False


def test_weeks_are_named_by_their_monday(loaded: Loaded) -> None:
    body = _aggregate(loaded, group_by="week", min="fatalities")
    expected: dict[str, int] = defaultdict(int)
    for f in _facts():
        day: date = f["day"]
        expected[(day - timedelta(days=day.weekday())).isoformat()] += 1
    assert {g["key"]["week"]: g["count"] for g in body["groups"]} == dict(expected)


def test_per_actor_each_event_counts_once_per_actor(loaded: Loaded) -> None:
    body = _aggregate(loaded, group_by="actor", sum="fatalities")
    count: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for f in _facts():
        for actor in f["actors"]:
            count[actor] += 1
            total[actor] += f["fatalities"] or 0
    got = {g["key"]["actor"]: g for g in body["groups"]}
    assert {a: g["count"] for a, g in got.items()} == dict(count)
    assert {a: g["sum"]["fatalities"] for a, g in got.items()} == dict(total)


def test_code_attribute_groups_distinct_counts_and_filters(loaded: Loaded) -> None:
    body = _aggregate(
        loaded,
        group_by="acled_sub_event_type",
        distinct="event_type,actor",
        fatalities__gte=3,
    )
    chosen = [f for f in _facts() if f["fatalities"] is not None and f["fatalities"] >= 3]
    by_sub: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in chosen:
        by_sub[f["sub_event"]].append(f)
    got = {g["key"]["acled_sub_event_type"]: g for g in body["groups"]}
    assert set(got) == set(by_sub)
    for sub, facts in by_sub.items():
        assert got[sub]["count"] == len(facts)
        assert got[sub]["distinct"]["event_type"] == len({f["event_type"] for f in facts})
        assert got[sub]["distinct"]["actor"] == len({a for f in facts for a in f["actors"]})


def _per_level(level: int) -> dict[str | None, tuple[int, int]]:
    """(events, summed fatalities) per region (level 0) or country (level 1), from the data."""
    found: dict[str | None, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for f in _facts():
        key = ENCLOSING[f["place"]][level]
        count, total = found[key]
        found[key] = (count + 1, total + (f["fatalities"] or 0))
    return dict(found)


def _figures(body: dict[str, Any], name: str) -> dict[str | None, tuple[int, int]]:
    return {g["key"][name]: (g["count"], g["sum"]["fatalities"] or 0) for g in body["groups"]}


def test_region_is_the_outermost_region_below_the_country(loaded: Loaded) -> None:
    body = _aggregate(loaded, group_by="region", sum="fatalities")
    assert _figures(body, "region") == _per_level(0)
    assert body["groups"][-1]["key"]["region"] is None  # no place, or no region: last


def test_country_is_the_nearest_enclosing_country(loaded: Loaded) -> None:
    body = _aggregate(loaded, group_by="country", sum="fatalities", distinct="region,place")
    assert _figures(body, "country") == _per_level(1)
    for group in body["groups"]:
        inside = [f for f in _facts() if ENCLOSING[f["place"]][1] == group["key"]["country"]]
        regions = {ENCLOSING[f["place"]][0] for f in inside} - {None}
        assert group["distinct"]["region"] == len(regions)
        assert group["distinct"]["place"] == len({f["place"] for f in inside} - {None})


def test_month_by_region_and_country_together(loaded: Loaded) -> None:
    body = _aggregate(loaded, group_by="month,region,country", fatalities__gte=1)
    expected: dict[tuple[Any, ...], int] = defaultdict(int)
    for f in _facts():
        if (f["fatalities"] or 0) >= 1:
            expected[(f["day"].isoformat()[:7], *ENCLOSING[f["place"]])] += 1
    keys = ("month", "region", "country")
    assert {tuple(g["key"][k] for k in keys): g["count"] for g in body["groups"]} == expected


def test_csv_has_a_column_per_key_and_measure(loaded: Loaded) -> None:
    response = loaded.client.get(
        "/events/aggregate",
        params={**OURS, "group_by": "year", "sum": "fatalities", "format": "csv"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["year", "count", "sum_fatalities"]
    total = sum(f["fatalities"] or 0 for f in _facts())
    assert sum(int(r["sum_fatalities"]) for r in rows) == total
    assert sum(int(r["count"]) for r in rows) == EVENTS


def test_limit_truncates_and_bad_names_are_400(loaded: Loaded) -> None:
    body = _aggregate(loaded, group_by="day", max_groups=3)
    assert len(body["groups"]) == 3
    assert body["truncated"] is True
    bad = loaded.client.get("/events/aggregate", params={"group_by": "colour"})
    assert_problem(bad, 400, "query.group_by")
    text = loaded.client.get("/events/aggregate", params={"group_by": "year", "sum": "notes"})
    assert_problem(text, 400, "query.sum")
    mixed = {"group_by": "year", "sum": "fatalities", "distinct": "actor"}
    assert_problem(loaded.client.get("/events/aggregate", params=mixed), 400, "query.distinct")
    assert_problem(loaded.client.get("/events/aggregate"), 400, "query.group_by")
