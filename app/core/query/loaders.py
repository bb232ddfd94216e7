"""Batch loaders for includes: one query per include path, whatever the page size.

Rows are read with Core (plain rows with the table's columns as attributes, which is all
a read converter uses) unless ORM loader options are given: building ORM instances was a
fifth of an included page's time, and nothing here writes them back.
"""

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from app.core.query.resource import Rows

Loader = Callable[[Session, Rows], Mapping[str, Rows]]


def _id(row: Any) -> str:
    return str(row.id)


def referenced(target: type[SQLModel], attr: str, options: tuple[Any, ...] = ()) -> Loader:
    """The record each row points to through its `attr` foreign key (at most one)."""

    def load(session: Session, rows: Rows) -> Mapping[str, Rows]:
        keys = {getattr(r, attr) for r in rows} - {None}
        found = {_id(t): t for t in _read(session, target, "id", keys, options)}
        return {_id(r): [found[k]] for r in rows if (k := getattr(r, attr)) in found}

    return load


def referencing(child: type[SQLModel], attr: str) -> Loader:
    """The rows of `child` whose `attr` points at each row, in id order."""

    def load(session: Session, rows: Rows) -> Mapping[str, Rows]:
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in _read(session, child, attr, [_id(r) for r in rows], order="id"):
            grouped[getattr(row, attr)].append(row)
        return grouped

    return load


def through(
    link: type[SQLModel], near: str, far: str, target: type[SQLModel], options: tuple[Any, ...] = ()
) -> Loader:
    """Rows of `target` reached through the link table `link` (near -> far), in id order."""

    def load(session: Session, rows: Rows) -> Mapping[str, Rows]:
        statement = (
            select(getattr(link, near), target)
            .join(target, col(target.id) == getattr(link, far))  # type: ignore[attr-defined]
            .where(col(getattr(link, near)).in_([_id(r) for r in rows]))
            .order_by(col(target.id))  # type: ignore[attr-defined]
            .options(*options)
        )
        grouped: dict[str, list[Any]] = defaultdict(list)
        for parent_id, row in session.exec(statement):
            grouped[parent_id].append(row)
        return grouped

    return load


def _read(
    session: Session,
    model: type[SQLModel],
    attr: str,
    keys: Any,
    options: tuple[Any, ...] = (),
    order: str | None = None,
) -> Sequence[Any]:
    """Rows of `model` whose `attr` is one of `keys`: Core rows, or ORM instances when
    loader `options` (such as deferred columns) are asked for."""
    if options:
        statement: Any = select(model).where(col(getattr(model, attr)).in_(keys)).options(*options)
        if order:
            statement = statement.order_by(getattr(model, order))
        return list(session.exec(statement))
    table: Any = getattr(model, "__table__")  # noqa: B009  (every table model has one)
    core = sa_select(table).where(table.c[attr].in_(keys))
    if order:
        core = core.order_by(table.c[order])
    return list(session.execute(core))
