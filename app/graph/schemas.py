"""The graph JSON form: nodes and edges that Cytoscape.js, vis-network and D3 take as they are.

Each element carries the field names all three libraries read: `id` and `label`;
`source`/`target` on edges for D3's forceLink and Cytoscape, `from`/`to` for vis-network;
and `data` with a copy of the same fields for Cytoscape's `{data: …}` element form.
Nodes carry no top-level `group`: Cytoscape reads that field as the element group and
rejects anything but "nodes" or "edges" (checked against cytoscape 3.34).
"""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.records import RecordRef
from app.provenance.schemas import EvidenceRead


class NodeType(StrEnum):
    EVENT = "event"
    ACTOR = "actor"
    SOURCE = "source"
    PLACE = "place"


class EdgeType(StrEnum):
    """The kinds of edge, each named after what it links and pointing the way stated."""

    PARTICIPATION = "participation"  # actor → event, labelled with the role
    RELATIONSHIP = "relationship"  # subject actor → object actor, labelled with its type
    EVENT_LINK = "event_link"  # event → target event, labelled with the link type
    REPORTS = "reports"  # source → event it reports
    OUTLET = "outlet"  # source → the outlet (actor) that published it
    LOCATED = "located"  # event → place where it happened
    WITHIN = "within"  # place → the place it is part of (city → country)


class NodeData(BaseModel):
    """The node's fields again, for Cytoscape's `{data: …}` element form."""

    id: str = Field(examples=["actor:nato"])
    label: str = Field(examples=["North Atlantic Treaty Organization"])
    type: NodeType


class GraphNode(BaseModel):
    """A record in the graph: an event, actor, source (article) or place."""

    id: str = Field(description="`type:record_id`, unique in the graph.", examples=["actor:nato"])
    label: str = Field(examples=["North Atlantic Treaty Organization"])
    type: NodeType
    record_id: str = Field(examples=["nato"])
    href: str = Field(description="URL path of the record.", examples=["/actors/nato"])
    depth: int = Field(description="Hops from the nearest requested node (0 for those).")
    data: NodeData


class EdgeRecord(BaseModel):
    """The record an edge stands for (a participation, relationship or event link)."""

    type: Literal["participation", "relationship", "event_link"]
    id: str


class EdgeData(BaseModel):
    """The edge's fields again, for Cytoscape's `{data: …}` element form."""

    id: str
    source: str
    target: str
    label: str
    type: EdgeType


class GraphEdge(BaseModel):
    """A directed edge between two nodes of the same response."""

    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(
        description="The edge type and what identifies it; unique among nodes and edges.",
        examples=["participation:nac-decides-rok-nato-office--nato--decision_maker"],
    )
    source: str = Field(description="Node id the edge leaves (D3, Cytoscape).")
    target: str = Field(description="Node id the edge reaches (D3, Cytoscape).")
    from_: str = Field(alias="from", description="Same as `source` (vis-network).")
    to: str = Field(description="Same as `target` (vis-network).")
    label: str = Field(description="Role, relationship type, link type or the edge type.")
    type: EdgeType
    record: EdgeRecord | None = Field(
        description="The participation, relationship or event link behind the edge; null for "
        "reports, outlet, located and within, which are fields of the source, event or place."
    )
    data: EdgeData


class Graph(BaseModel):
    """A subgraph: `nodes` and `edges`, every edge's ends among the nodes."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = Field(description="True when `max_nodes` cut the graph short.")
    max_nodes: int = Field(description="The node cap this answer was built under.")
    hint: str | None = Field(
        default=None, description="When truncated: which parameters to narrow."
    )


class PathHop(BaseModel):
    """One step of a path, in walking order, with the excerpts that support its edge."""

    model_config = ConfigDict(populate_by_name=True)

    step: int = Field(description="1 for the first hop.")
    from_: str = Field(alias="from", description="Node id this hop leaves.")
    to: str = Field(description="Node id this hop reaches.")
    direction: Literal["forward", "backward"] = Field(
        description="`backward` when the walk goes against the edge's direction."
    )
    edge: GraphEdge
    evidence: list[EvidenceRead] = Field(
        description="Excerpts backing the edge's record; for `reports`, the source's excerpts "
        "about the event; empty for `outlet`, `located` and `within`."
    )
    sources: list[RecordRef] = Field(description="The articles the evidence comes from.")


class GraphPath(BaseModel):
    """A shortest path between two records, or `found: false` and `path: null`."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from", examples=["actor:yoon-suk-yeol"])
    to: str = Field(examples=["actor:kim-gun"])
    found: bool
    length: int | None = Field(description="Number of hops; null when no path was found.")
    path: list[PathHop] | None
    nodes: list[GraphNode] = Field(
        description="The path's nodes in order (just the two ends "
        "when there is no path), to render like `/graph`."
    )
    edges: list[GraphEdge]
    truncated: bool = Field(description="True when the search stopped at its node cap.")
    hint: str | None = None
