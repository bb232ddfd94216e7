"""Content negotiation and the streamed export formats (CSV, NDJSON)."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import JSONResponse

from app.core.errors import DomainError
from app.core.geojson import GEOJSON

JSON, CSV, NDJSON, JSONLD = (
    "application/json",
    "text/csv",
    "application/x-ndjson",
    "application/ld+json",
)
BY_NAME = {
    "json": JSON,
    "csv": CSV,
    "ndjson": NDJSON,
    "jsonld": JSONLD,
    "geojson": GEOJSON,
}


class FastJSONResponse(JSONResponse):
    """A JSON answer encoded by orjson: the read routes build plain dicts once and encode
    them once (several times faster than `json.dumps` on a page of records)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class NotAcceptable(DomainError):
    status = 406
    slug = "not-acceptable"
    title = "Not acceptable"


def negotiate(request: Request, offered: tuple[str, ...]) -> str:
    """The media type to answer with: `format=` first, then the Accept header (RFC 9110 §12.5.1)."""
    if name := request.query_params.get("format"):
        return BY_NAME[name]  # the declared Literal parameter already checked the name
    ranked = sorted(_accepted(request.headers.get("accept", "*/*")), key=lambda t: -t[1])
    for media_type, quality in ranked:
        if quality <= 0:
            continue
        if media_type in ("*/*", "application/*"):
            return offered[0]
        if media_type in offered:
            return media_type
    raise NotAcceptable(
        f"This route answers in {', '.join(offered)}; use one in Accept or pass format=."
    )


def _accepted(header: str) -> Iterable[tuple[str, float]]:
    for part in header.split(","):
        media_type, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type:
            yield media_type.strip().lower(), quality


def csv_lines(columns: list[str], batches: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """A header row, then one row per record; nested values as their id or as JSON."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield _drain(buffer)
    for batch in batches:
        for item in batch:
            writer.writerow([_cell(item.get(c)) for c in columns])
        yield _drain(buffer)


def ndjson_lines(batches: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    for batch in batches:
        yield "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in batch)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _cell(value: Any) -> Any:
    if isinstance(value, dict) and "id" in value and "type" in value:
        return value["id"]
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value
