"""Facet counts for dashboards and the timeline view."""

from collections import Counter

from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records, walk


def _buckets(body: dict[str, list[dict[str, object]]], name: str) -> dict[object, object]:
    return {b["value"]: b["count"] for b in body[name]}


def test_event_facets_count_types_roles_and_months(client: TestClient) -> None:
    body = client.get("/events/facets").json()["facets"]
    assert _buckets(body, "event_type") == Counter(e["event_type"] for e in seed_records("events"))
    roles: Counter[str] = Counter()
    for seeded in seed_records("events"):
        roles.update({p["role"] for p in seeded["participants"]})
    assert _buckets(body, "role") == roles
    months = _buckets(body, "when")
    assert sum(int(str(c)) for c in months.values()) == len(seed_records("events"))
    assert all(m is None or len(str(m)) == 7 for m in months)


def test_facets_say_how_many_records_they_counted(client: TestClient) -> None:
    body = client.get("/events/facets?facet=event_type").json()
    assert body["counted"] == len(seed_records("events"))
    assert body["truncated"] is False


def test_facets_honour_filters_and_year_interval(client: TestClient) -> None:
    body = client.get("/events/facets?facet=when&interval=year&event_type=consult").json()
    consult = [e for e in seed_records("events") if e["event_type"] == "consult"]
    assert sum(int(str(c)) for c in _buckets(body["facets"], "when").values()) == len(consult)
    assert set(body["facets"]) == {"when"}


def test_unknown_facet_is_a_400(client: TestClient) -> None:
    assert_problem(client.get("/events/facets?facet=colour"), 400, "query.facet")


def test_actor_and_source_facets(client: TestClient) -> None:
    kinds = client.get("/actors/facets?facet=kind").json()["facets"]
    assert _buckets(kinds, "kind") == Counter(a["kind"] for a in seed_records("actors"))
    outlets = client.get("/sources/facets?facet=outlet").json()["facets"]
    assert _buckets(outlets, "outlet") == Counter(s["outlet"] for s in seed_records("sources"))


def test_timeline_lists_events_in_time_order_with_precision(client: TestClient) -> None:
    items = walk(client, "/timeline", limit=4)
    assert {i["id"] for i in items} == {e["id"] for e in seed_records("events")}
    dated = [i for i in items if i["start"]]
    assert [i["start"] for i in dated] == sorted(i["start"] for i in dated)
    month = next(i for i in items if i["precision"] == "month")
    assert month["start"].endswith("-01") or month["as_reported"]
    assert all(i["content"] == i["title"] for i in items)
