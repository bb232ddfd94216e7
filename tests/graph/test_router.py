"""GET /graph: the neighbourhood of records, its filters, its cap and its JSON form."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.timespec import TimeSpec
from tests.helpers import assert_problem, seed_records

APPROVAL = "nac-decides-rok-nato-office"
GRAPH = f"/graph?node=event:{APPROVAL}"
EDGE_TYPES = {"participation", "relationship", "event_link", "reports", "outlet", "located"}


def _seeded_event(event_id: str) -> dict[str, Any]:
    return next(e for e in seed_records("events") if e["id"] == event_id)


def _linked_events(event_id: str) -> set[str]:
    """Events linked to this one in the seeds, in either direction."""
    events = seed_records("events")
    outgoing = {link["event"] for link in _seeded_event(event_id)["links"]}
    incoming = {e["id"] for e in events for link in e["links"] if link["event"] == event_id}
    return outgoing | incoming


def _span(time: dict[str, Any] | None) -> tuple[date | None, date | None]:
    return TimeSpec.model_validate(time).bounds() if time else (None, None)


def _may_overlap(time: dict[str, Any] | None, since: date, until: date) -> bool:
    start, end = _span(time)
    return (start is None or start <= until) and (end is None or end >= since)


def _graph(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get(f"/graph?{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _node_ids(graph: dict[str, Any]) -> set[str]:
    return {n["id"] for n in graph["nodes"]}


def _edge_ids(graph: dict[str, Any]) -> set[str]:
    return {e["id"] for e in graph["edges"]}


def test_graph_around_the_approval_has_its_participants_and_linked_events(
    client: TestClient,
) -> None:
    graph = _graph(client, f"node=event:{APPROVAL}")
    participants = _seeded_event(APPROVAL)["participants"]
    nodes = _node_ids(graph)
    assert {f"actor:{p['actor']}" for p in participants} <= nodes
    assert {f"event:{e}" for e in _linked_events(APPROVAL)} <= nodes
    roles = {
        (e["source"], e["label"])
        for e in graph["edges"]
        if e["type"] == "participation" and e["target"] == f"event:{APPROVAL}"
    }
    assert roles == {(f"actor:{p['actor']}", p["role"]) for p in participants}
    start = next(n for n in graph["nodes"] if n["id"] == f"event:{APPROVAL}")
    assert (start["depth"], start["href"]) == (0, f"/events/{APPROVAL}")


def test_event_links_keep_their_direction_and_type(client: TestClient) -> None:
    graph = _graph(client, f"node=event:{APPROVAL}&edge_types=event_link")
    shown = {(e["source"], e["label"], e["target"]) for e in graph["edges"]}
    outgoing = {
        (f"event:{APPROVAL}", link["link_type"], f"event:{link['event']}")
        for link in _seeded_event(APPROVAL)["links"]
    }
    assert outgoing <= shown
    assert all(e["record"]["type"] == "event_link" for e in graph["edges"])


def test_depth_two_contains_depth_one(client: TestClient) -> None:
    one = _graph(client, f"node=event:{APPROVAL}&depth=1")
    two = _graph(client, f"node=event:{APPROVAL}&depth=2")
    assert _node_ids(one) < _node_ids(two)
    assert _edge_ids(one) <= _edge_ids(two)
    assert {n["depth"] for n in two["nodes"]} == {0, 1, 2}


def test_edge_types_filter_keeps_only_those_edges(client: TestClient) -> None:
    full = _graph(client, f"node=event:{APPROVAL}&depth=2")
    only = _graph(client, f"node=event:{APPROVAL}&depth=2&edge_types=participation,event_link")
    assert {e["type"] for e in only["edges"]} == {"participation", "event_link"}
    assert {e["type"] for e in full["edges"]} > {"participation", "event_link"}
    assert {n["type"] for n in only["nodes"]} == {"event", "actor"}
    kept = {e["id"] for e in full["edges"] if e["type"] in {"participation", "event_link"}}
    assert _edge_ids(only) <= kept


def test_date_window_drops_events_that_cannot_overlap_it(client: TestClient) -> None:
    since, until = date(2022, 9, 27), date(2022, 9, 30)
    graph = _graph(client, f"node=event:{APPROVAL}&since=2022-09-27&until=2022-09")
    events = {e["id"]: e for e in seed_records("events")}
    linked = _linked_events(APPROVAL)
    kept = {e for e in linked if _may_overlap(events[e]["occurred"], since, until)}
    assert kept
    assert kept < linked
    shown = {n["record_id"] for n in graph["nodes"] if n["type"] == "event"} - {APPROVAL}
    assert shown & linked == kept
    # Events reached another way (through the articles) obey the same rule.
    assert all(_may_overlap(events[e]["occurred"], since, until) for e in shown)
    assert f"event:{APPROVAL}" in _node_ids(graph)  # a requested node always stays


def test_date_window_drops_relationships_that_cannot_overlap_it(client: TestClient) -> None:
    dated = next(r for r in seed_records("relationships") if r.get("start"))
    first_day = _span(dated["start"])[0]
    assert first_day is not None
    before = first_day.year - 1
    node = f"actor:{dated['subject']}"
    relationship = (
        f"relationship:{dated['subject']}--{dated['relationship_type']}--{dated['object']}"
    )
    assert relationship in _edge_ids(_graph(client, f"node={node}&edge_types=relationship"))
    earlier = _graph(client, f"node={node}&edge_types=relationship&until={before}")
    assert relationship not in _edge_ids(earlier)


def test_place_nodes_reach_the_events_located_there(client: TestClient) -> None:
    place = next(e["place"] for e in seed_records("events") if e["place"])
    graph = _graph(client, f"node=place:{place}&edge_types=located")
    expected = {f"event:{e['id']}" for e in seed_records("events") if e["place"] == place}
    assert _node_ids(graph) == expected | {f"place:{place}"}
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {
        (event, f"place:{place}") for event in expected
    }


def test_sources_reach_what_they_report_and_their_outlet(client: TestClient) -> None:
    source = next(s for s in seed_records("sources") if s.get("outlet"))
    graph = _graph(client, f"node=source:{source['id']}&edge_types=reports,outlet")
    reported = {f"event:{e['id']}" for e in seed_records("events") if source["id"] in e["sources"]}
    assert _node_ids(graph) == reported | {f"source:{source['id']}", f"actor:{source['outlet']}"}


def test_node_cap_truncates_and_says_what_to_narrow(client: TestClient) -> None:
    graph = _graph(client, f"node=event:{APPROVAL}&depth=3&max_nodes=5")
    assert graph["truncated"] is True
    assert len(graph["nodes"]) == 5
    assert "max_nodes" in graph["hint"]
    assert "depth" in graph["hint"]
    assert _graph(client, f"node=event:{APPROVAL}")["truncated"] is False


def test_json_feeds_vis_network_d3_and_cytoscape_as_is(client: TestClient) -> None:
    graph = _graph(client, f"node=event:{APPROVAL}&depth=2")
    node_ids = [n["id"] for n in graph["nodes"]]
    edge_ids = [e["id"] for e in graph["edges"]]
    # Cytoscape needs ids unique across nodes and edges; vis-network within each set.
    assert len(set(node_ids + edge_ids)) == len(node_ids) + len(edge_ids)
    for node in graph["nodes"]:
        assert {"id", "label", "type", "record_id", "href", "data"} <= node.keys()
        assert node["data"] == {k: node[k] for k in ("id", "label", "type")}
        assert node["id"] == f"{node['type']}:{node['record_id']}"
        # Cytoscape reads a top-level `group` as "nodes"/"edges" and rejects anything else.
        assert "group" not in node
    for edge in graph["edges"]:
        assert edge["source"] == edge["from"]
        assert edge["target"] == edge["to"]
        assert {edge["source"], edge["target"]} <= set(node_ids)
        assert edge["data"] == {k: edge[k] for k in ("id", "source", "target", "label", "type")}
        assert edge["type"] in EDGE_TYPES
        assert edge["label"]


def test_several_start_nodes_are_all_depth_zero(client: TestClient) -> None:
    starts = ["actor:yoon-suk-yeol", "actor:kim-gun", f"event:{APPROVAL}"]
    graph = _graph(client, "depth=0&" + "&".join(f"node={n}" for n in starts))
    assert {n["id"]: n["depth"] for n in graph["nodes"]} == dict.fromkeys(starts, 0)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("node=nato", "query.node"),
        ("node=actor:", "query.node"),
        ("node=person:nato", "query.node"),
        ("", "query.node"),
        (f"node=event:{APPROVAL}&depth=4", "query.depth"),
        (f"node=event:{APPROVAL}&edge_types=participation,friendship", "query.edge_types"),
        (f"node=event:{APPROVAL}&edge_types=,", "query.edge_types"),
        (f"node=event:{APPROVAL}&since=2022-13", "query.since"),
        (f"node=event:{APPROVAL}&until=last-week", "query.until"),
        (f"node=event:{APPROVAL}&since=2022-11&until=2022-10", "query.until"),
        (f"node=event:{APPROVAL}&max_nodes=0", "query.max_nodes"),
        (f"node=event:{APPROVAL}&max_nodes=2001", "query.max_nodes"),
        (f"node=event:{APPROVAL}&node=actor:nato&max_nodes=1", "query.max_nodes"),
    ],
)
def test_bad_parameters_are_400_problems_naming_them(
    client: TestClient, query: str, field: str
) -> None:
    assert_problem(client.get(f"/graph?{query}"), 400, field)


@pytest.mark.parametrize("node", ["actor:no-such-actor", "event:no-such-event", "place:nowhere"])
def test_unknown_record_is_a_404_problem(client: TestClient, node: str) -> None:
    body = assert_problem(client.get(f"{GRAPH}&node={node}"), 404)
    assert node.split(":")[1] in body["detail"]
