"""The quote record type, declared once."""

from typing import Any

from fastapi import Request
from pydantic import TypeAdapter

from app.core.jsonld import node
from app.core.registry import RecordType
from app.models import Quote
from app.quotes.resource import QUOTES
from app.quotes.write import QUOTES as QUOTE_WRITES


def _jsonld(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Quotation",
        "text": item["text"],
        "inLanguage": item["language"],
        "creator": node(request, item["speaker"]),
        "about": node(request, item["event"]),
    }


QUOTE = RecordType(
    name="quote",
    table=Quote,
    collection="quotes",
    label="text",
    example_id="nato-important-step",
    resource=QUOTES,
    write=QUOTE_WRITES,
    get_doc="One quoted statement in its preferred wording; each article's wording is a "
    "`text` claim under its evidence.",
    field_properties={"text": TypeAdapter(str)},
    jsonld=_jsonld,
)
