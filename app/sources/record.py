"""The source record type, declared once."""

from typing import Any

from fastapi import APIRouter, Request
from pydantic import TypeAdapter
from sqlmodel import col, select

from app.core.jsonld import node, time_value
from app.core.registry import RecordType, SubList
from app.core.timespec import TimeSpec
from app.models import Event, EventSource, Evidence, Source
from app.sources.document import SOURCE_DOCUMENT
from app.sources.resource import SOURCES
from app.sources.write import SOURCES as SOURCE_WRITES

_SCHEMA_TYPES = {"article": "NewsArticle", "web": "WebPage", "dataset": "Dataset"}


def _jsonld(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": _SCHEMA_TYPES.get(item["kind"], "CreativeWork"),
        "headline": item["title"],
        "author": item["byline"],
        "publisher": node(request, item["outlet"]),
        "inLanguage": item["language"],
        "datePublished": time_value(item["published"]),
        "url": item["url"],
        "era:sha256": item["sha256"],
    }


def _reported(source_id: str) -> Any:
    reported = select(EventSource.event_id).where(EventSource.source_id == source_id)
    return col(Event.id).in_(reported)


def _routes(router: APIRouter) -> None:
    # Imported when an app is built, not with the declaration: the CLI builds the registry
    # too, and has no use for routes (FastAPI builds each route as its module is imported).
    from app.sources.router import add_source_routes

    add_source_routes(router)


SOURCE = RecordType(
    name="source",
    table=Source,
    collection="sources",
    label="title",
    example_id="asiae-nato-approves-rok-representative-office",
    resource=SOURCES,
    write=SOURCE_WRITES,
    list_doc="List source articles (metadata; the text is under /text): filter, sort, "
    "include, pick fields; a page at a time.",
    get_doc="One source article's metadata.",
    routes=_routes,
    sublists=(
        SubList(
            "excerpts",
            "evidence",
            lambda source_id: col(Evidence.source_id) == source_id,
            "The excerpts taken from a source as evidence, with what each supports.",
        ),
        SubList(
            "events", "events", _reported, "The events a source reports (event filters apply)."
        ),
    ),
    field_properties={"published": TypeAdapter(TimeSpec)},
    jsonld=_jsonld,
    document=SOURCE_DOCUMENT,
)
