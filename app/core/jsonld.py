"""Records as JSON-LD with schema.org terms, for linked-data clients and search engines."""

from collections.abc import Callable
from typing import Any

from fastapi import Request

CONTEXT = {"@vocab": "https://schema.org/", "era": "https://event-records.dev/vocab#"}
_ORGANISATION_TYPES = {
    "state": "Country",
    "media_outlet": "NewsMediaOrganization",
    "government": "GovernmentOrganization",
    "government_ministry": "GovernmentOrganization",
    "government_body": "GovernmentOrganization",
    "diplomatic_mission": "GovernmentOrganization",
}


def _node(request: Request, ref: dict[str, Any] | None) -> dict[str, Any] | None:
    if not ref:
        return None
    return {"@id": str(request.base_url).rstrip("/") + ref["href"], "name": ref["label"]}


def _time(spec: dict[str, Any] | None) -> str | None:
    return spec.get("value") if spec else None


def _event(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Event",
        "name": item["title"],
        "description": item["summary"],
        "startDate": _time(item["occurred"]),
        "location": _node(request, item["place"]),
        "era:eventType": item["event_type"],
        "era:modality": item["modality"],
        "subjectOf": [_node(request, s) for s in item["sources"]],
    }


def _actor(item: dict[str, Any], _: Request) -> dict[str, Any]:
    kind = item["kind"]
    schema_type = "Person" if kind == "person" else _ORGANISATION_TYPES.get(kind, "Organization")
    wikidata = item["identifiers"].get("wikidata")
    return {
        "@type": schema_type,
        "name": item["name"],
        "description": item["description"],
        "alternateName": sorted({n["name"] for n in item["names"]} - {item["name"]}),
        "sameAs": [f"https://www.wikidata.org/wiki/{wikidata}"] if wikidata else [],
    }


def _source(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "NewsArticle",
        "headline": item["title"],
        "author": item["byline"],
        "publisher": _node(request, item["outlet"]),
        "inLanguage": item["language"],
        "datePublished": _time(item["published"]),
        "url": item["url"],
        "era:sha256": item["sha256"],
    }


def _claim(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Claim",
        "about": _node(request, item["subject"]),
        "era:property": item["property"],
        "era:value": item["value"],
        "era:rank": item["rank"],
        "appearance": [_node(request, s) for s in item["sources"]],
        "text": [e["excerpt"] for e in item["evidence"]],
    }


def _quote(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Quotation",
        "text": item["text"],
        "inLanguage": item["language"],
        "creator": _node(request, item["speaker"]),
        "about": _node(request, item["event"]),
    }


def _place(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Place",
        "name": item["name"],
        "containedInPlace": _node(request, item["part_of"]),
    }


_MAPPERS: dict[str, Callable[[dict[str, Any], Request], dict[str, Any]]] = {
    "event": _event,
    "actor": _actor,
    "source": _source,
    "claim": _claim,
    "quote": _quote,
    "place": _place,
}


def to_jsonld(item: dict[str, Any], request: Request) -> dict[str, Any]:
    """`item` (a record as the API shows it) in schema.org terms; unmapped types as Thing."""
    mapper = _MAPPERS.get(item["type"])
    body = mapper(item, request) if mapper else {"@type": "Thing", "name": item.get("id")}
    node = {
        "@context": CONTEXT,
        "@id": str(request.url.remove_query_params("format")),
        "identifier": item["id"],
        **body,
    }
    return {k: v for k, v in node.items() if v not in (None, [], "")}
