"""GET /graph/path: a shortest path between two records, with the evidence for each hop."""

from itertools import combinations
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records


def _unrelated_pair_sharing_an_event() -> tuple[str, str, set[str]]:
    """Two actors in one seeded event with no relationship between them, and their events."""
    related = {frozenset((r["subject"], r["object"])) for r in seed_records("relationships")}
    events_of: dict[str, set[str]] = {}
    for event in seed_records("events"):
        for participant in event["participants"]:
            events_of.setdefault(participant["actor"], set()).add(event["id"])
    for event in seed_records("events"):
        actors = sorted({p["actor"] for p in event["participants"]})
        for a, b in combinations(actors, 2):
            if frozenset((a, b)) not in related:
                return a, b, events_of[a] & events_of[b]
    raise AssertionError("the seeds have no two unrelated actors in one event")


def _participant_excerpts(event_id: str, actor_id: str) -> set[str]:
    event = next(e for e in seed_records("events") if e["id"] == event_id)
    return {
        evidence["excerpt"]
        for p in event["participants"]
        if p["actor"] == actor_id
        for evidence in p["evidence"]
    }


def _path(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get(f"/graph/path?{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _assert_walkable(body: dict[str, Any]) -> None:
    """The hops chain from `from` to `to`, and `nodes`/`edges` list the same walk."""
    hops = body["path"]
    assert [h["from"] for h in hops] == [body["from"]] + [h["to"] for h in hops[:-1]]
    assert hops[-1]["to"] == body["to"]
    assert [n["id"] for n in body["nodes"]] == [body["from"]] + [h["to"] for h in hops]
    assert body["edges"] == [h["edge"] for h in hops]
    for hop in hops:
        walked = (hop["from"], hop["to"])
        edge = (hop["edge"]["source"], hop["edge"]["target"])
        assert edge == (walked if hop["direction"] == "forward" else walked[::-1])


def test_actors_sharing_an_event_meet_through_it_with_evidence(client: TestClient) -> None:
    a, b, shared = _unrelated_pair_sharing_an_event()
    body = _path(client, f"from=actor:{a}&to=actor:{b}&edge_types=participation")
    assert (body["found"], body["length"]) == (True, 2)
    _assert_walkable(body)
    middle = body["path"][0]["to"]
    assert middle.removeprefix("event:") in shared
    for hop, actor in zip(body["path"], (a, b), strict=True):
        excerpts = {e["excerpt"] for e in hop["evidence"]}
        assert excerpts
        assert all(excerpts)
        assert excerpts == _participant_excerpts(middle.removeprefix("event:"), actor)
        assert {s["id"] for s in hop["sources"]} == {e["source"]["id"] for e in hop["evidence"]}


def test_any_edge_type_path_is_no_longer(client: TestClient) -> None:
    a, b, _ = _unrelated_pair_sharing_an_event()
    body = _path(client, f"from=actor:{a}&to=actor:{b}")
    assert body["found"]
    assert body["length"] <= 2
    _assert_walkable(body)
    assert all(hop["evidence"] for hop in body["path"])


def test_reports_hop_carries_the_articles_excerpts_of_the_event(client: TestClient) -> None:
    event = next(e for e in seed_records("events") if e["sources"])
    source = event["sources"][0]
    body = _path(client, f"from=source:{source}&to=event:{event['id']}&edge_types=reports")
    (hop,) = body["path"]
    assert hop["edge"]["type"] == "reports"
    assert hop["direction"] == "forward"
    assert {e["excerpt"] for e in hop["evidence"]} == {
        e["excerpt"] for e in event["evidence"] if e["source"] == source
    }
    assert [s["id"] for s in hop["sources"]] == [source]


def test_no_path_is_200_with_found_false(client: TestClient) -> None:
    a, b, _ = _unrelated_pair_sharing_an_event()
    for query in ("edge_types=located", "edge_types=participation&max_depth=1"):
        body = _path(client, f"from=actor:{a}&to=actor:{b}&{query}")
        assert (body["found"], body["path"], body["length"]) == (False, None, None)
        assert [n["id"] for n in body["nodes"]] == [f"actor:{a}", f"actor:{b}"]
        assert body["edges"] == []


def test_a_record_reaches_itself_in_zero_hops(client: TestClient) -> None:
    body = _path(client, "from=actor:kim-gun&to=actor:kim-gun")
    assert (body["found"], body["length"], body["path"]) == (True, 0, [])


def test_path_answer_is_the_same_either_way_round(client: TestClient) -> None:
    there = _path(client, "from=actor:yoon-suk-yeol&to=actor:kim-gun")
    back = _path(client, "from=actor:kim-gun&to=actor:yoon-suk-yeol")
    assert there["length"] == back["length"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("to=actor:kim-gun", "query.from"),
        ("from=kim-gun&to=actor:kim-gun", "query.from"),
        ("from=actor:kim-gun&to=person:kim-gun", "query.to"),
        ("from=actor:kim-gun&to=actor:nato&max_depth=7", "query.max_depth"),
        ("from=actor:kim-gun&to=actor:nato&max_depth=0", "query.max_depth"),
        ("from=actor:kim-gun&to=actor:nato&edge_types=likes", "query.edge_types"),
        ("from=actor:kim-gun&to=actor:nato&since=soon", "query.since"),
    ],
)
def test_bad_parameters_are_400_problems_naming_them(
    client: TestClient, query: str, field: str
) -> None:
    assert_problem(client.get(f"/graph/path?{query}"), 400, field)


def test_unknown_end_is_a_404_problem(client: TestClient) -> None:
    assert_problem(client.get("/graph/path?from=actor:kim-gun&to=actor:nobody"), 404)
    assert_problem(client.get("/graph/path?from=event:never&to=actor:kim-gun"), 404)
