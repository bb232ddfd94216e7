"""Claim properties that are also a field of their record, with the type of their value.

A preferred claim for one of these is what the record's field shows (seeding, imports and
the write API all keep the two in step). Each record type declares its own
(`RecordType.field_properties`).
"""

from collections.abc import Mapping
from typing import Any

from pydantic import TypeAdapter

from app.core.registry import registry
from app.core.timespec import TimeSpec


def field_properties(record_type: str) -> Mapping[str, TypeAdapter[Any]]:
    """The properties of `record_type` that are fields of it (none for unknown types)."""
    types = registry()
    return types.get(record_type).field_properties if record_type in types else {}


def plain(value: Any) -> Any:
    """A JSON-ready form of a field value, as stored and as compared."""
    if isinstance(value, TimeSpec):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def set_time(row: Any, name: str, spec: TimeSpec | None) -> None:
    """Set a reported time (`occurred`, `announced`, …) with the date span that filters and
    sorting use (`<name>_start`, `<name>_end`)."""
    start, end = spec.bounds() if spec else (None, None)
    setattr(row, name, plain(spec))
    setattr(row, f"{name}_start", start)
    setattr(row, f"{name}_end", end)
