"""How planned rows are written and compared: table order, identity and data columns."""

from functools import cache
from typing import Any

from sqlalchemy import inspect
from sqlmodel import SQLModel

from app.models import (
    Actor,
    ActorIdentifier,
    ActorName,
    Claim,
    Event,
    EventLink,
    EventSource,
    Evidence,
    Participation,
    Place,
    PlaceIdentifier,
    PlaceName,
    Quote,
    Relationship,
    Source,
)

# Bookkeeping a seed run neither sets nor compares.
_TIMESTAMPS = {"created_at", "updated_at", "version"}
# Parents before children, so every foreign key points at a row already written.
TABLE_ORDER: list[type[SQLModel]] = [
    Place,
    PlaceIdentifier,
    PlaceName,
    Actor,
    ActorName,
    ActorIdentifier,
    Source,
    Event,
    EventSource,
    EventLink,
    Participation,
    Relationship,
    Quote,
    Claim,
    Evidence,
]


def identity(row: SQLModel) -> tuple[Any, ...]:
    """The row's primary key."""
    return tuple(inspect(row).mapper.primary_key_from_instance(row))


def row_data(row: SQLModel) -> dict[str, Any]:
    """The row's columns, less the bookkeeping a load neither sets nor compares."""
    return {key: getattr(row, key) for key in _data_keys(type(row))}


@cache
def _data_keys(model: type[SQLModel]) -> tuple[str, ...]:
    # Asked once per row of an import: the mapper's attribute list is slow to walk each time.
    # Computed columns are the database's to fill: it refuses values for them.
    return tuple(
        a.key
        for a in inspect(model).column_attrs
        if a.key not in _TIMESTAMPS and a.columns[0].computed is None
    )
