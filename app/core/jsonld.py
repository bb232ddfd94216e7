"""Records as JSON-LD with schema.org terms, for linked-data clients and search engines.

Each record type declares its own mapping (`RecordType.jsonld`); types without one are
shown as schema.org `Thing`s.
"""

from typing import Any

from fastapi import Request

from app.core.registry import registry

CONTEXT = {"@vocab": "https://schema.org/", "era": "https://event-records.dev/vocab#"}


def node(request: Request, ref: dict[str, Any] | None) -> dict[str, Any] | None:
    if not ref:
        return None
    return {"@id": str(request.base_url).rstrip("/") + ref["href"], "name": ref["label"]}


def time_value(spec: dict[str, Any] | None) -> str | None:
    return spec.get("value") if spec else None


def to_jsonld(item: dict[str, Any], request: Request) -> dict[str, Any]:
    """`item` (a record as the API shows it) in schema.org terms; unmapped types as Thing."""
    types = registry()
    mapper = types.get(item["type"]).jsonld if item["type"] in types else None
    body = mapper(item, request) if mapper else {"@type": "Thing", "name": item.get("id")}
    doc = {
        "@context": CONTEXT,
        "@id": str(request.url.remove_query_params("format")),
        "identifier": item["id"],
        **body,
    }
    return {k: v for k, v in doc.items() if v not in (None, [], "")}
