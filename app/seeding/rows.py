"""How planned rows are held, written and compared: identity and data columns (the table
order is the registry's: app/imports/schemas.py:table_order)."""

from collections.abc import Callable
from functools import cache
from operator import itemgetter
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import inspect
from sqlmodel import SQLModel

# Bookkeeping a seed run neither sets nor compares.
_TIMESTAMPS = {"created_at", "updated_at", "version"}


class Row:
    """One planned row: its table and its columns' values, as plain data.

    Not an ORM instance: an import plans a row for every name, participation, claim and
    excerpt, and building each as a SQLModel (instrumented state, pydantic defaults looked
    up per field) cost more than writing it. Columns not given take their model's default.
    """

    __slots__ = ("key", "model", "values")

    def __init__(self, model: type[SQLModel], **values: Any):
        self.model = model
        defaults, key_of = _shape(model)
        self.values = full = {**defaults, **values}
        # The primary key: asked several times per row (checks, comparison, writing).
        self.key: tuple[Any, ...] = key_of(full)

    def data(self) -> dict[str, Any]:
        """The columns a load sets and compares (no bookkeeping, nothing computed)."""
        values = self.values
        return {name: values[name] for name in data_keys(self.model)}

    def __repr__(self) -> str:
        return f"Row({self.model.__name__}, {self.values!r})"


def identity(row: SQLModel) -> tuple[Any, ...]:
    """A stored (ORM) row's primary key."""
    return tuple(inspect(row).mapper.primary_key_from_instance(row))


def row_data(row: SQLModel) -> dict[str, Any]:
    """A stored (ORM) row's columns, less the bookkeeping a load neither sets nor compares."""
    return {key: getattr(row, key) for key in data_keys(type(row))}


@cache
def key_names(model: type[SQLModel]) -> tuple[str, ...]:
    mapper = inspect(model)
    return tuple(mapper.get_property_by_column(c).key for c in mapper.primary_key)


_Shape = tuple[dict[str, Any], Callable[[dict[str, Any]], tuple[Any, ...]]]
_SHAPES: dict[type[SQLModel], _Shape] = {}


def _shape(model: type[SQLModel]) -> _Shape:
    """A model's defaults and key getter, in one dictionary look-up: a row is planned for
    every name, participation and excerpt, and two cached calls per row showed."""
    shape = _SHAPES.get(model)
    if shape is None:
        shape = _SHAPES[model] = (_defaults(model), _key_of(model))
    return shape


@cache
def _key_of(model: type[SQLModel]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    names = key_names(model)
    if len(names) == 1:
        (name,) = names
        return lambda values: (values[name],)
    return itemgetter(*names)


@cache
def data_keys(model: type[SQLModel]) -> tuple[str, ...]:
    # Asked once per row of an import: the mapper's attribute list is slow to walk each time.
    # Computed columns are the database's to fill: it refuses values for them.
    return tuple(
        a.key
        for a in inspect(model).column_attrs
        if a.key not in _TIMESTAMPS and a.columns[0].computed is None
    )


@cache
def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The default of each data column that has a plain one (the tables here have no
    default factories besides the timestamps)."""
    fields = model.model_fields
    defaults = {
        key: fields[key].default
        for key in data_keys(model)
        if key in fields and fields[key].default is not PydanticUndefined
    }
    shared = [key for key, value in defaults.items() if isinstance(value, list | dict | set)]
    if shared:  # one object would be shared by every row
        raise TypeError(f"{model.__name__}: mutable defaults {shared}")
    return defaults
