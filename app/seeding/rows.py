"""How planned rows are compared: identity and data columns (the table order is the
registry's: app/imports/schemas.py:table_order)."""

from functools import cache
from typing import Any

from sqlalchemy import inspect
from sqlmodel import SQLModel

# Bookkeeping a seed run neither sets nor compares.
_TIMESTAMPS = {"created_at", "updated_at", "version"}


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
