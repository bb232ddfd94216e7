"""The neighbourhood of records and the shortest path between two, walked a level at a time.

Each BFS level asks the repository for the edges of the whole level at once (one query per
edge type) and for the labels of the nodes it reaches (one query per node type), so the
number of statements grows with the depth, never with the number of nodes.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session

from app.core.errors import BadParameter, NotFound
from app.core.records import RecordKey, RecordRef, href
from app.graph import repository
from app.graph.repository import Link, Window
from app.graph.schemas import (
    EdgeData,
    EdgeRecord,
    EdgeType,
    Graph,
    GraphEdge,
    GraphNode,
    GraphPath,
    NodeData,
    NodeType,
    PathHop,
)
from app.models import Evidence
from app.provenance import repository as provenance
from app.provenance.service import read_evidence

MAX_NODES = 2000
Labels = dict[RecordKey, str]
Hop = tuple[RecordKey, RecordKey, Link]


@dataclass(frozen=True)
class Filters:
    """Which edges a walk may follow, and the dates its events and edges may fall in."""

    kinds: tuple[EdgeType, ...] = tuple(EdgeType)
    window: Window = field(default_factory=Window)


def node_id(key: RecordKey) -> str:
    return f"{key[0]}:{key[1]}"


def to_node(key: RecordKey, label: str, depth: int) -> GraphNode:
    node_type, record_id = key
    data = NodeData(id=node_id(key), label=label, type=NodeType(node_type))
    return GraphNode(
        **data.model_dump(),
        record_id=record_id,
        href=href(node_type, record_id),
        depth=depth,
        data=data,
    )


def to_edge(link: Link) -> GraphEdge:
    data = EdgeData(
        id=link.id,
        source=node_id(link.source),
        target=node_id(link.target),
        label=link.label,
        type=link.kind,
    )
    record = None
    if link.record_id is not None:
        record = EdgeRecord.model_validate({"type": link.kind.value, "id": link.record_id})
    return GraphEdge(
        **data.model_dump(), from_=data.source, to=data.target, record=record, data=data
    )


def require(session: Session, keys: Iterable[RecordKey]) -> Labels:
    """The labels of the named records; a 404 problem for the first that does not exist."""
    wanted = list(keys)
    found = repository.labels(session, wanted)
    for node_type, record_id in wanted:
        if (node_type, record_id) not in found:
            raise NotFound(f"No {node_type} with id {record_id!r}.")
    return found


# ---- /graph -------------------------------------------------------------------------------


@dataclass
class _Subgraph:
    """The nodes (label, depth) and edges found so far."""

    nodes: dict[RecordKey, tuple[str, int]]
    links: dict[str, Link] = field(default_factory=dict)

    def keep(self, found: Iterable[Link]) -> None:
        """Keep the edges whose two ends are both nodes of the graph."""
        self.links |= {
            link.id: link
            for link in found
            if link.source in self.nodes and link.target in self.nodes
        }


def neighbourhood(
    session: Session,
    *,
    starts: list[RecordKey],
    depth: int,
    filters: Filters,
    max_nodes: int = MAX_NODES,
) -> Graph:
    """The nodes within `depth` hops of `starts`, and every edge among them."""
    if len(starts) > max_nodes:
        raise BadParameter("query.max_nodes", f"is below the {len(starts)} nodes asked for")
    graph = _Subgraph({key: (label, 0) for key, label in require(session, starts).items()})
    frontier, truncated_at = set(graph.nodes), None
    for level in range(1, depth + 1):
        if not frontier:
            break
        frontier, truncated = _grow(session, graph, frontier, level, filters, max_nodes)
        if truncated:
            truncated_at = level
            break
    if frontier:
        # One more round over the outer ring adds the edges between its own nodes.
        graph.keep(repository.links_around(session, frontier, filters.kinds, filters.window))
    return _graph_read(graph, max_nodes, truncated_at)


def _grow(
    session: Session,
    graph: _Subgraph,
    frontier: set[RecordKey],
    level: int,
    filters: Filters,
    max_nodes: int,
) -> tuple[set[RecordKey], bool]:
    """Add the next ring of nodes (up to the cap); return it and whether the cap cut it."""
    found = repository.links_around(session, frontier, filters.kinds, filters.window)
    reached = {end for link in found for end in (link.source, link.target)} - graph.nodes.keys()
    labels = repository.labels(session, reached, filters.window)
    room = max_nodes - len(graph.nodes)
    added = sorted(labels)[:room]  # sorted, so a cut graph is the same on every backend
    graph.nodes |= {key: (labels[key], level) for key in added}
    graph.keep(found)
    return set(added), len(labels) > room


def _graph_read(graph: _Subgraph, max_nodes: int, truncated_at: int | None) -> Graph:
    nodes = sorted(graph.nodes.items(), key=lambda item: (item[1][1], item[0]))
    hint = None
    if truncated_at is not None:
        hint = (
            f"Stopped at max_nodes={max_nodes} while adding the nodes {truncated_at} hop(s) "
            "out: lower `depth`, pass fewer `edge_types`, narrow `since`/`until`, start from "
            f"fewer `node`s, or raise `max_nodes` (at most {MAX_NODES})."
        )
    return Graph(
        nodes=[to_node(key, label, depth) for key, (label, depth) in nodes],
        edges=[to_edge(link) for _, link in sorted(graph.links.items())],
        truncated=truncated_at is not None,
        max_nodes=max_nodes,
        hint=hint,
    )


# ---- /graph/path --------------------------------------------------------------------------


@dataclass
class _Side:
    """One end of a bidirectional BFS: how each reached node was reached, and its frontier."""

    origin: RecordKey
    parents: dict[RecordKey, tuple[RecordKey, Link] | None]
    dist: dict[RecordKey, int]
    frontier: set[RecordKey]
    depth: int = 0

    @classmethod
    def at(cls, origin: RecordKey) -> "_Side":
        return cls(origin, {origin: None}, {origin: 0}, {origin})

    def trail(self, key: RecordKey) -> list[Hop]:
        """The hops from this side's origin to `key`, in walking order."""
        hops: list[Hop] = []
        while (step := self.parents[key]) is not None:
            previous, link = step
            hops.append((previous, key, link))
            key = previous
        return hops[::-1]


@dataclass
class _Search:
    """What a path search found: the hops (None: no path), the labels seen, and whether
    it stopped at the node cap."""

    hops: list[Hop] | None
    labels: Labels
    truncated: bool = False


def shortest_path(
    session: Session, *, start: RecordKey, goal: RecordKey, max_depth: int, filters: Filters
) -> GraphPath:
    """A shortest path from `start` to `goal` of at most `max_depth` hops, with evidence."""
    labels = require(session, [start, goal])
    found = (
        _Search([], labels)
        if start == goal
        else _search(session, start, goal, max_depth, filters, labels)
    )
    if found.hops is None:
        return _no_path(start, goal, found)
    return _path_read(session, start, goal, found.hops, found.labels)


def _search(
    session: Session,
    start: RecordKey,
    goal: RecordKey,
    max_depth: int,
    filters: Filters,
    labels: Labels,
) -> _Search:
    """Bidirectional BFS, one level of one side per round, so at most `max_depth` rounds."""
    ahead, behind = _Side.at(start), _Side.at(goal)
    for _ in range(max_depth):
        # Grow the smaller frontier: the two searches meet having touched far fewer nodes.
        side, other = sorted((ahead, behind), key=lambda s: len(s.frontier))
        if not side.frontier:
            break  # one end's component is exhausted: there is no path
        labels |= _advance(session, side, filters)
        meeting = side.frontier & other.parents.keys()
        if meeting:
            # Every meeting node lies on a shortest path; the id breaks ties the same way
            # on every backend.
            best = min(meeting, key=lambda key: (side.dist[key] + other.dist[key], key))
            back = [(b, a, link) for a, b, link in reversed(behind.trail(best))]
            return _Search(ahead.trail(best) + back, labels)
        if len(ahead.parents) + len(behind.parents) > MAX_NODES:
            return _Search(None, labels, truncated=True)
    return _Search(None, labels)


def _advance(session: Session, side: _Side, filters: Filters) -> Labels:
    """Move one side's frontier a level out; return the labels of the nodes it reached."""
    found = repository.links_around(session, side.frontier, filters.kinds, filters.window)
    parents: dict[RecordKey, tuple[RecordKey, Link]] = {}
    for link in found:  # sorted by id, so the parent chosen is the same on every backend
        for here, there in ((link.source, link.target), (link.target, link.source)):
            if here in side.frontier and there not in side.parents:
                parents.setdefault(there, (here, link))
    labels = repository.labels(session, parents, filters.window)
    side.depth += 1
    side.parents |= {key: parents[key] for key in labels}
    side.dist |= dict.fromkeys(labels, side.depth)
    side.frontier = set(labels)
    return labels


def _no_path(start: RecordKey, goal: RecordKey, found: _Search) -> GraphPath:
    hint = None
    if found.truncated:
        hint = (
            f"The search reached {MAX_NODES} nodes without a path: pass fewer `edge_types`, "
            "narrow `since`/`until` or lower `max_depth`."
        )
    ends = [start, goal]
    return GraphPath(
        from_=node_id(start),
        to=node_id(goal),
        found=False,
        length=None,
        path=None,
        nodes=[to_node(key, found.labels[key], 0) for key in ends],
        edges=[],
        truncated=found.truncated,
        hint=hint,
    )


def _path_read(
    session: Session, start: RecordKey, goal: RecordKey, hops: list[Hop], labels: Labels
) -> GraphPath:
    keys = [start] + [there for _, there, _ in hops]
    path = _hops_read(session, hops, labels)
    return GraphPath(
        from_=node_id(start),
        to=node_id(goal),
        found=True,
        length=len(hops),
        path=path,
        # depth, as in /graph: hops from the nearer of the two requested ends
        nodes=[to_node(key, labels[key], min(i, len(hops) - i)) for i, key in enumerate(keys)],
        edges=[hop.edge for hop in path],
        truncated=False,
    )


def _hops_read(session: Session, hops: list[Hop], labels: Labels) -> list[PathHop]:
    """Each hop with the excerpts behind its edge, read in one batch for the whole path."""
    backing = _backing(session, [link for _, _, link in hops])
    shown = {e.id: e for e in read_evidence(session, [e for es in backing.values() for e in es])}
    result = []
    for step, (here, there, link) in enumerate(hops, start=1):
        evidence = [shown[e.id] for e in backing.get(link.id, [])]
        sources = {e.source.id: e.source for e in evidence}
        if link.kind in (EdgeType.REPORTS, EdgeType.OUTLET):
            # The article is itself the evidence that it reports the event or is the outlet's.
            sources.setdefault(link.source[1], _ref(link.source, labels))
        result.append(
            PathHop(
                step=step,
                from_=node_id(here),
                to=node_id(there),
                direction="forward" if link.source == here else "backward",
                edge=to_edge(link),
                evidence=evidence,
                sources=list(sources.values()),
            )
        )
    return result


def _backing(session: Session, links: list[Link]) -> dict[str, list[Evidence]]:
    """Evidence rows per edge id: the edge record's own, or a source's excerpts of an event."""
    subjects = {link.id: _evidence_subject(link) for link in links}
    rows = provenance.evidence_for(session, {key for key in subjects.values() if key})
    backing: dict[str, list[Evidence]] = {}
    for link in links:
        subject = subjects[link.id]
        found = rows.get(subject, []) if subject else []
        if link.kind is EdgeType.REPORTS:
            found = [row for row in found if row.source_id == link.source[1]]
        backing[link.id] = found
    return backing


def _evidence_subject(link: Link) -> RecordKey | None:
    if link.record_id is not None:
        return link.kind.value, link.record_id
    if link.kind is EdgeType.REPORTS:
        return link.target
    return None


def _ref(key: RecordKey, labels: Labels) -> RecordRef:
    return RecordRef(type=key[0], id=key[1], label=labels[key], href=href(*key))
