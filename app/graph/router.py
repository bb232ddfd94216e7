"""GET /graph and GET /graph/path."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.core.db import SessionDep
from app.core.errors import NOT_FOUND_RESPONSES, PROBLEM_RESPONSES
from app.graph.dependencies import graph_filters, parse_node, parse_nodes
from app.graph.schemas import Graph, GraphPath
from app.graph.service import MAX_NODES, Filters, neighbourhood, shortest_path

router = APIRouter(
    prefix="/graph", tags=["graph"], responses={**PROBLEM_RESPONSES, **NOT_FOUND_RESPONSES}
)
FiltersDep = Annotated[Filters, Depends(graph_filters)]

GRAPH_DOC = """The subgraph around one or more records, as `{"nodes": [...], "edges": [...]}`.

The JSON goes as it is into the three common graph libraries:

* **vis-network**: `new vis.Network(el, {nodes: g.nodes, edges: g.edges}, {})`
  (nodes: `id`, `label`; edges: `from`, `to`, `label`).
* **Cytoscape.js**: `cytoscape({elements: {nodes: g.nodes, edges: g.edges}})`
  (each element's `data` holds `id`, `label`, `type` and, on edges, `source`, `target`).
* **D3**: `d3.forceSimulation(g.nodes).force("link", d3.forceLink(g.edges).id(d => d.id))`
  (edges: `source`, `target`).

A node is `{id: "actor:nato", label, type, record_id, href, depth, data}`; `type` is
`event`, `actor`, `source` or `place`, `depth` the hops from the nearest requested node.
An edge is `{id, source, target, from, to, label, type, record, data}`: `participation`
(actor → event, label = role), `relationship` (subject → object, label = its type),
`event_link` (event → event, label = link type), `reports` (source → event), `outlet`
(source → its outlet actor), `located` (event → place); `record` names the participation,
relationship or event link behind the edge. Every edge's ends are nodes of the answer.

Dates: an event or relationship is kept when its time may overlap `since`..`until`
(a value covers the whole span its precision names); undated ones are kept, and so are
the requested nodes. When more than `max_nodes` nodes are reached, `truncated` is true and
`hint` says which parameter to narrow.
"""

PATH_DOC = """A shortest path between two records, each hop with the evidence for its edge.

The walk follows edges either way (`direction` says which); each hop carries its `edge` (as
in `/graph`) and the `evidence` for it: the excerpts backing the participation, relationship
or event link, or for `reports` the article's own excerpts about the event. `nodes` and
`edges` hold the path in the `/graph` form, ready to render. When no path of at most
`max_depth` hops exists the answer is still 200, with `found: false` and `path: null`: a
404 is kept for a record that does not exist.
"""


@router.get("", response_model=Graph, summary="Graph around records", description=GRAPH_DOC)
def get_graph(
    session: SessionDep,
    filters: FiltersDep,
    node: Annotated[
        list[str],
        Query(
            description="A record to start from, as TYPE:ID with TYPE one of event, actor, "
            "source, place; repeat for several.",
            examples=["event:nac-decides-rok-nato-office"],
        ),
    ],
    depth: Annotated[
        int, Query(ge=0, le=3, description="Hops to walk out from the nodes (at most 3).")
    ] = 1,
    max_nodes: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_NODES,
            description=f"Most nodes to return (at most {MAX_NODES}); beyond it the answer is "
            "`truncated`.",
        ),
    ] = MAX_NODES,
) -> Graph:
    """The subgraph around records, as nodes and edges for Cytoscape.js, vis-network and D3."""
    starts = parse_nodes(node, "query.node")
    return neighbourhood(session, starts=starts, depth=depth, filters=filters, max_nodes=max_nodes)


@router.get(
    "/path", response_model=GraphPath, summary="Path between two records", description=PATH_DOC
)
def get_path(
    session: SessionDep,
    filters: FiltersDep,
    from_: Annotated[
        str,
        Query(
            alias="from",
            description="The record to start from, as TYPE:ID.",
            examples=["actor:yoon-suk-yeol"],
        ),
    ],
    to: Annotated[
        str, Query(description="The record to reach, as TYPE:ID.", examples=["actor:kim-gun"])
    ],
    max_depth: Annotated[
        int, Query(ge=1, le=6, description="Longest path to look for, in hops (at most 6).")
    ] = 4,
) -> GraphPath:
    """How two records connect: a shortest path, with the evidence for each hop."""
    start, goal = parse_node(from_, "query.from"), parse_node(to, "query.to")
    return shortest_path(session, start=start, goal=goal, max_depth=max_depth, filters=filters)
