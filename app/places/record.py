"""The place record type, declared once."""

from typing import Any

from fastapi import Request

from app.core.jsonld import node
from app.core.registry import RecordType
from app.models import Place
from app.places.document import PLACE_DOCUMENT
from app.places.resource import PLACES
from app.places.write import PLACES as PLACE_WRITES


def _jsonld(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Place",
        "name": item["name"],
        "containedInPlace": node(request, item["part_of"]),
    }


PLACE = RecordType(
    name="place",
    table=Place,
    collection="places",
    label="name",
    example_id="brussels",
    resource=PLACES,
    write=PLACE_WRITES,
    jsonld=_jsonld,
    document=PLACE_DOCUMENT,
)
