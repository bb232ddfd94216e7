"""A page's keys read from a link table that copies its parent's sort and filter columns.

`/events?actor=X&when__gte=…` filters on the participation table and sorts on the event's
span. Started from the event side, the database must look up every one of a busy actor's
events to test the range and sort them. When the link table holds copies of the parent's
columns (kept by triggers; see the migration `participation_when_copies`) and an index in
page order, the same keys come from one index range, read until a page has passed.

A request is driven this way only when every column its filters and sort keys name has a
copy on the link table; anything else (a title filter, `sort=title`) takes the usual path.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, select, true

from app.core.query.copies import Copies
from app.core.query.filters import Clause, Filters, RelationClause


@dataclass(frozen=True)
class Driven:
    """A keys query on the link table: its FROM and WHERE, and the adapted sort keys."""

    copies: Copies
    where: ColumnElement[bool]
    sort_exprs: list[ColumnElement[Any]]


def drive(
    filters: Filters,
    sort_exprs: Iterable[ColumnElement[Any]],
    scope: ColumnElement[bool] | None,
) -> Driven | None:
    """The keys query for these filters from the link table, if there is one to start from."""
    driver = next((c for c in filters.clauses if _drives(c)), None)
    if not isinstance(driver, RelationClause) or driver.relation.drive is None:
        return None
    copies, condition = driver.relation.drive(driver.values, driver.companions)
    rest = [c.compile() for c in filters.clauses if c is not driver]
    adapted = [copies.adapt(e) for e in [*rest, scope if scope is not None else true()]]
    keys = [copies.adapt(e) for e in sort_exprs]
    if any(a is None for a in adapted) or any(k is None for k in keys):
        return None
    where = and_(condition, *(a for a in adapted if a is not None))
    return Driven(copies, where, [k for k in keys if k is not None])


def _drives(clause: Clause) -> bool:
    return isinstance(clause, RelationClause) and clause.relation.drive is not None


def keys_statement(driven: Driven, labelled: list[Any]) -> Any:
    """`SELECT parent_key, keys… FROM link WHERE …`, one row per parent (a parent may be
    linked more than once, e.g. one actor in two roles); grouped in sort order, so the
    database can read the index in order and stop after the page."""
    copies = driven.copies
    return (
        select(copies.parent_key.label("_id"), *labelled)
        .select_from(copies.table)
        .where(driven.where)
        .group_by(*driven.sort_exprs)
    )
