"""Batch loaders for includes: one query per include path, whatever the page size."""

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from app.core.query.resource import Rows

Loader = Callable[[Session, Rows], Mapping[str, Rows]]


def _id(row: Any) -> str:
    return str(row.id)


def referenced(target: type[SQLModel], attr: str, options: tuple[Any, ...] = ()) -> Loader:
    """The record each row points to through its `attr` foreign key (at most one)."""

    def load(session: Session, rows: Rows) -> Mapping[str, Rows]:
        keys = {getattr(r, attr) for r in rows} - {None}
        statement = select(target).where(col(target.id).in_(keys)).options(*options)  # type: ignore[attr-defined]
        found = {_id(t): t for t in session.exec(statement)}
        return {_id(r): [found[k]] for r in rows if (k := getattr(r, attr)) in found}

    return load


def referencing(child: type[SQLModel], attr: str) -> Loader:
    """The rows of `child` whose `attr` points at each row, in id order."""

    def load(session: Session, rows: Rows) -> Mapping[str, Rows]:
        column = col(getattr(child, attr))
        statement = select(child).where(column.in_([_id(r) for r in rows]))
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in session.exec(statement.order_by(col(child.id))):  # type: ignore[attr-defined]
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
