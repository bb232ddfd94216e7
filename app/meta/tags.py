"""The OpenAPI tags, in the order /docs shows them, each with what it groups."""

from typing import Any

_TAGS = {
    "events": "News events with their times (and precision), place, participants, sources "
    "and links to other events; `/timeline` orders them in time.",
    "actors": "People, states, organisations and their bodies, with every spelling attested "
    "and the events and relationships they are in.",
    "sources": "The articles, byte for byte, with the excerpts that back each fact.",
    "participations": "An actor's role in an event.",
    "relationships": "Typed, dated edges between actors.",
    "quotes": "Statements quoted in the articles, each article's wording kept.",
    "places": "Places events happen at, with coordinates where known.",
    "provenance": "Claims (sourced values with their rank), evidence excerpts and the "
    "disagreements between sources.",
    "graph": "Actors, events, sources and places as nodes and edges for graph libraries, and "
    "shortest paths with the evidence for each hop.",
    "search": "Full-text search over events, actors, sources and quotes, any spelling.",
    "curation": "Matching new records against stored ones and merging duplicates; writes "
    "need an API key with the `write` scope.",
    "history": "Every change ever made, with before and after snapshots.",
    "imports": "Bulk loading of records (NDJSON, JSON or YAML), all or nothing.",
    "keys": "API keys and their scopes (`read` ⊂ `write` ⊂ `admin`).",
    "meta": "Health and the controlled vocabularies.",
    "operations": "Probes for orchestrators: liveness and readiness.",
}


TAGS: list[dict[str, Any]] = [
    {"name": name, "description": description} for name, description in _TAGS.items()
]
