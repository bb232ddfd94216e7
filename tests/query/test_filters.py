"""Filters: every operator, relation filters as EXISTS, or/not groups, precision-aware dates."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def _ids(client: TestClient, url: str) -> set[str]:
    return {item["id"] for item in walk(client, url, limit=500)}


def _events() -> list[dict[str, Any]]:
    return seed_records("events")


def test_equality_in_and_ne_on_enums(client: TestClient) -> None:
    agree = {e["id"] for e in _events() if e["event_type"] == "agree"}
    assert _ids(client, "/events?event_type=agree") == agree
    two = {e["id"] for e in _events() if e["event_type"] in ("agree", "consult")}
    assert _ids(client, "/events?event_type__in=agree,consult") == two
    assert _ids(client, "/events?event_type__ne=agree") == {e["id"] for e in _events()} - agree


def test_contains_is_case_insensitive_and_startswith_is_a_prefix(client: TestClient) -> None:
    with_nato = {e["id"] for e in _events() if "nato" in (e.get("title") or "").lower()}
    assert with_nato
    assert _ids(client, "/events?title__contains=NaTo") == with_nato
    prefixed = {e["id"] for e in _events() if e["id"].startswith("kim-gun")}
    assert prefixed
    assert _ids(client, "/events?id__startswith=kim-gun") == prefixed


def test_like_wildcards_are_literal_in_contains(client: TestClient) -> None:
    assert _ids(client, "/events?title__contains=%25") == set()
    assert _ids(client, "/events?title__contains=_") == set()


def test_isnull_on_a_reported_time_and_a_reference(client: TestClient) -> None:
    undated = {e["id"] for e in _events() if not e.get("occurred")}
    assert _ids(client, "/events?when__isnull=true") == undated
    placed = {e["id"] for e in _events() if e.get("place")}
    assert _ids(client, "/events?place__isnull=false") == placed


def test_month_precise_event_matches_a_range_and_a_day_inside_it(client: TestClient) -> None:
    june = {e["id"] for e in _events() if (e.get("occurred") or {}).get("value", "") == "2022-06"}
    assert june
    in_range = _ids(client, "/events?when__gte=2022-06-01&when__lte=2022-06-30")
    assert june <= in_range
    assert june <= _ids(client, "/events?when=2022")
    # "at the end of June" (earliest 21 June) is narrower than "in June".
    whole = {e["id"] for e in _events() if e["id"] in june and not e["occurred"].get("earliest")}
    late = june - whole
    assert whole
    assert late
    mid_june = _ids(client, "/events?when=2022-06-15")
    assert whole <= mid_june
    assert not late & mid_june
    assert not june & _ids(client, "/events?when__gte=2022-07-01")
    assert not june & _ids(client, "/events?when__lt=2022-06-01")


def test_day_precise_event_matches_only_its_day(client: TestClient) -> None:
    decided = next(e for e in _events() if (e.get("occurred") or {}).get("value") == "2022-09-26")
    assert decided["id"] in _ids(client, "/events?when=2022-09-26")
    assert decided["id"] not in _ids(client, "/events?when=2022-09-27")
    assert decided["id"] in _ids(client, "/events?when__gt=2022-09-25&when__lt=2022-09-27")


def test_events_with_an_actor_optionally_in_a_role(client: TestClient) -> None:
    actor = "south-korea"
    expected = {e["id"] for e in _events() if any(p["actor"] == actor for p in e["participants"])}
    assert _ids(client, f"/events?actor={actor}") == expected
    role = next(p["role"] for e in _events() for p in e["participants"] if p["actor"] == actor)
    in_role = {
        e["id"]
        for e in _events()
        if any(p["actor"] == actor and p["role"] == role for p in e["participants"])
    }
    assert _ids(client, f"/events?actor={actor}&role={role}") == in_role
    assert in_role <= expected


def test_relation_filter_never_multiplies_rows(client: TestClient) -> None:
    busiest = max(_events(), key=lambda e: len(e["participants"]))
    actors = ",".join(p["actor"] for p in busiest["participants"])
    items = walk(client, f"/events?actor__in={actors}", limit=500)
    assert len(items) == len({i["id"] for i in items})


def test_events_reported_by_a_source_or_an_outlet(client: TestClient) -> None:
    source = next(s for s in seed_records("sources") if s["outlet"])
    expected = {e["id"] for e in _events() if source["id"] in e["sources"]}
    assert _ids(client, f"/events?source={source['id']}") == expected
    assert _ids(client, f"/events?outlet={source['outlet']}") == expected


def test_actors_related_by_a_relationship_type(client: TestClient) -> None:
    rel = seed_records("relationships")[0]
    expected = {
        r["subject"]
        for r in seed_records("relationships")
        if r["object"] == rel["object"] and r["relationship_type"] == rel["relationship_type"]
    }
    expected |= {
        r["object"]
        for r in seed_records("relationships")
        if r["subject"] == rel["object"] and r["relationship_type"] == rel["relationship_type"]
    }
    got = _ids(
        client, f"/actors?related_to={rel['object']}&relationship_type={rel['relationship_type']}"
    )
    assert got == expected


def test_records_with_evidence_from_an_article(client: TestClient) -> None:
    source = seed_records("sources")[0]["id"]
    expected = {
        e["id"]
        for e in _events()
        if any(x["source"] == source for x in e["evidence"])
        or any(x["source"] == source for c in e.get("claims", []) for x in c["evidence"])
    }
    assert _ids(client, f"/events?evidence_from={source}") == expected


def test_or_and_not_groups(client: TestClient) -> None:
    agree = {e["id"] for e in _events() if e["event_type"] == "agree"}
    expected = {
        e["id"] for e in _events() if e["event_type"] == "agree" or e["modality"] == "expected"
    }
    assert _ids(client, "/events?or=(event_type=agree,modality=expected)") == expected
    assert _ids(client, "/events?not=(event_type=agree)") == {e["id"] for e in _events()} - agree
    nested = _ids(client, "/events?or=(event_type=agree,and(modality=expected,event_type=appoint))")
    assert nested == agree | {
        e["id"] for e in _events() if e["modality"] == "expected" and e["event_type"] == "appoint"
    }
    listed = _ids(client, "/events?or=(event_type__in=(agree,consult))")
    assert listed == {e["id"] for e in _events() if e["event_type"] in ("agree", "consult")}


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/events?titel=nato", "query.titel"),
        ("/events?title__near=nato", "query.title__near"),
        ("/events?event_type=agreed", "query.event_type"),
        ("/events?when=2022-13", "query.when"),
        ("/events?when__gte=yesterday", "query.when__gte"),
        ("/events?sort=colour", "query.sort"),
        ("/events?sort=title,-title", "query.sort"),
        ("/events?or=(event_type=agree", "query.or"),
        ("/events?or=(or(or(or(event_type=agree))))", "query.or"),
        ("/events?or=(bogus=1)", "query.or"),
        ("/events?include=participants.nothing", "query.include"),
        ("/events?include=participants.actor.participations.event", "query.include"),
        ("/events?fields=colour", "query.fields"),
        ("/events?count=roughly", "query.count"),
        ("/events?format=xml", "query.format"),
        ("/events?recorded_at__gte=soon", "query.recorded_at__gte"),
        ("/evidence?start__gt=ten", "query.start__gt"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(
    client: TestClient, url: str, param: str
) -> None:
    assert_problem(client.get(url), 400, param)


def test_too_many_filter_terms_is_a_400(client: TestClient) -> None:
    group = ",".join(["event_type=agree"] * 31)
    assert_problem(client.get(f"/events?or=({group})"), 400)


def test_integer_operators_on_evidence_offsets(client: TestClient) -> None:
    items = walk(client, "/evidence?start__gte=1000&start__lt=1100&end__lte=1200", limit=500)
    assert items
    assert all(1000 <= i["start"] < 1100 and i["end"] <= 1200 for i in items)
    exact = items[0]["start"]
    assert {i["start"] for i in walk(client, f"/evidence?start={exact}", limit=500)} == {exact}
    listed = walk(client, f"/evidence?start__in={exact},{exact + 1}", limit=500)
    assert {i["start"] for i in listed} <= {exact, exact + 1}


def test_timestamp_operators_on_recorded_at(client: TestClient) -> None:
    everything = _ids(client, "/events")
    assert _ids(client, "/events?recorded_at__lte=2999-01-01T00:00:00Z") == everything
    assert _ids(client, "/events?recorded_at__gt=2999-01-01") == set()
    assert _ids(client, "/events?recorded_at__isnull=false") == everything


def test_other_relation_filters(client: TestClient) -> None:
    event = max(_events(), key=lambda e: len(e["participants"]))
    in_event = {p["actor"] for p in event["participants"]}
    assert _ids(client, f"/actors?event={event['id']}") == in_event
    name = next(n for a in seed_records("actors") for n in a["names"] if n["kind"] == "variant")
    owners = {
        a["id"]
        for a in seed_records("actors")
        if any(n["name"] == name["name"] for n in a["names"])
    }
    assert _ids(client, f"/actors?alias={name['name']}") == owners
    reporting = {s["id"] for s in seed_records("sources") if s["id"] in event["sources"]}
    assert _ids(client, f"/sources?reports={event['id']}") == reporting
    rels = {
        r.get("id") or f"{r['subject']}--{r['relationship_type']}--{r['object']}"
        for r in seed_records("relationships")
        if "nato" in (r["subject"], r["object"])
    }
    assert _ids(client, "/relationships?actor=nato") == rels


def test_sort_on_several_keys_in_both_directions(client: TestClient) -> None:
    actors = walk(client, "/actors?sort=kind,-name", limit=500)
    keys = [(a["kind"], a["name"]) for a in actors]
    by_kind = sorted(keys, key=lambda k: k[0])
    assert [k[0] for k in keys] == [k[0] for k in by_kind]
    for kind in {k[0] for k in keys}:
        names = [n for k, n in keys if k == kind]
        assert names == sorted(names, reverse=True)
