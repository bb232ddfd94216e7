"""The graph walks are batched per BFS level: statements grow with depth, not with nodes."""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from app.graph.schemas import EdgeType, NodeType
from tests.helpers import seed_records

# A level costs at most one query per edge type (the edges) and one per node type (labels).
PER_LEVEL = len(EdgeType) + len(NodeType)


@contextmanager
def _counting(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements sent to `engine` inside the block."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _bound(depth: int) -> int:
    """Start labels, each level, and the closing round over the outer ring."""
    return len(NodeType) + depth * PER_LEVEL + len(EdgeType)


def _count(client: TestClient, engine: Engine, url: str) -> tuple[int, dict[str, Any]]:
    with _counting(engine) as statements:
        response = client.get(url)
    assert response.status_code == 200, response.text
    return len(statements), response.json()


def test_statements_at_depth_two_do_not_grow_with_the_nodes_in_a_level(
    client: TestClient, seeded_engine: Engine
) -> None:
    one = "node=event:nac-decides-rok-nato-office"
    every = "&".join(f"node=event:{e['id']}" for e in seed_records("events"))
    few, small = _count(client, seeded_engine, f"/graph?depth=2&{one}")
    many, large = _count(client, seeded_engine, f"/graph?depth=2&{every}")

    def first_ring(graph: dict[str, Any]) -> int:
        return sum(1 for n in graph["nodes"] if n["depth"] <= 1)

    assert first_ring(large) > 3 * first_ring(small)
    assert many <= few <= _bound(2)


def test_each_level_adds_at_most_a_fixed_number_of_statements(
    client: TestClient, seeded_engine: Engine
) -> None:
    counts = [
        _count(client, seeded_engine, f"/graph?node=actor:nato&depth={depth}")[0]
        for depth in range(4)
    ]
    for depth, count in enumerate(counts):
        assert count <= _bound(depth), counts
    assert all(0 <= b - a <= PER_LEVEL for a, b in itertools.pairwise(counts))


def test_path_statements_are_bounded_by_its_depth(
    client: TestClient, seeded_engine: Engine
) -> None:
    count, body = _count(
        client, seeded_engine, "/graph/path?from=actor:yoon-suk-yeol&to=actor:kim-gun&max_depth=6"
    )
    assert body["found"]
    # The ends' labels, one level per round (a path of n hops takes n rounds), then the
    # hops' evidence in one query and its labels: one per subject type, one for sources.
    evidence = 1 + len({"participation", "relationship", "event_link", "event"}) + 1
    assert count <= len(NodeType) + body["length"] * PER_LEVEL + evidence
