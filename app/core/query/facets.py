"""Facet counters over the filtered records, portable across SQLite and PostgreSQL."""

from typing import Any, Literal

from sqlalchemy import String, cast, func
from sqlmodel import Session, col, select

from app.core.query.resource import Facet

Interval = Literal["year", "month", "day"]
_WIDTHS = {"year": 4, "month": 7, "day": 10}


def _within(statement: Any, column: Any, ids: Any) -> Any:
    """Narrowed to the filtered records; `ids` None (no filters) counts every record without
    building the set of all ids first."""
    return statement if ids is None else statement.where(col(column).in_(ids))


def by_column(name: str, column: Any, description: str, refers_to: str | None = None) -> Facet:
    """Counts by a column of the collection's own table."""

    def counts(session: Session, ids: Any, _: str | None) -> list[tuple[Any, int]]:
        statement = _within(select(column, func.count()), column.class_.id, ids)
        return list(session.exec(statement.group_by(column).order_by(column.is_(None), column)))

    return Facet(name, description, counts, refers_to=refers_to)


def by_related(
    name: str,
    value: Any,
    owner: Any,
    description: str,
    join: Any = None,
    refers_to: str | None = None,
) -> Facet:
    """Counts of distinct records by a value of a related table (`owner` is its record FK)."""

    def counts(session: Session, ids: Any, _: str | None) -> list[tuple[Any, int]]:
        statement = _within(select(value, func.count(func.distinct(owner))), owner, ids)
        if join is not None:
            statement = statement.join(*join)
        return list(session.exec(statement.group_by(value).order_by(value.is_(None), value)))

    return Facet(name, description, counts, refers_to=refers_to)


def histogram(name: str, start: Any, description: str) -> Facet:
    """Counts by year, month or day of a span's first day (`interval`), undated as null."""

    def counts(session: Session, ids: Any, interval: str | None) -> list[tuple[Any, int]]:
        width = _WIDTHS.get(interval or "month", 7)
        # The ISO text of a date is the same on both backends, so a prefix buckets it.
        bucket = func.substr(cast(start, String), 1, width)
        statement = _within(select(bucket, func.count()), start.class_.id, ids)
        return list(session.exec(statement.group_by(bucket).order_by(bucket.is_(None), bucket)))

    return Facet(name, description, counts, histogram=True)
