"""Claim properties that are also a field of their record, with the type of their value.

A preferred claim for one of these is what the record's field shows (seeding, imports and
the write API all keep the two in step).
"""

from typing import Any

from pydantic import TypeAdapter

from app.core.timespec import TimeSpec
from app.core.vocab import Modality, Role

FIELD_PROPERTIES: dict[str, dict[str, TypeAdapter[Any]]] = {
    "event": {
        "occurred": TypeAdapter(TimeSpec),
        "announced": TypeAdapter(TimeSpec),
        "modality": TypeAdapter(Modality),
        "title": TypeAdapter(str),
        "summary": TypeAdapter(str),
    },
    "actor": {"description": TypeAdapter(str)},
    "quote": {"text": TypeAdapter(str)},
    "relationship": {
        "start": TypeAdapter(TimeSpec),
        "end": TypeAdapter(TimeSpec),
        "description": TypeAdapter(str),
    },
    "source": {"published": TypeAdapter(TimeSpec)},
    "participation": {"role": TypeAdapter(Role), "description": TypeAdapter(str)},
}


def plain(value: Any) -> Any:
    """A JSON-ready form of a field value, as stored and as compared."""
    if isinstance(value, TimeSpec):
        return value.model_dump(mode="json", exclude_none=True)
    return value
