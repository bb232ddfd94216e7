"""What a link table copies of its parent's columns, for keys read from the link alone
(app/core/query/driving.py)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, TableClause
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import ColumnClause


@dataclass(frozen=True)
class Copies:
    """A link table (a lightweight `table()`), the column naming its parent, and the copies
    it keeps of the parent's columns (parent column -> link column)."""

    table: TableClause
    parent_key: ColumnClause[Any]
    columns: Mapping[Any, ColumnClause[Any]]

    def adapt(self, clause: ColumnElement[Any]) -> ColumnElement[Any] | None:
        """`clause` on the link table's copies, or None if it names a parent column that
        has no copy."""
        # ORM expressions hold annotated copies of the table's columns: compare the originals.
        copies = {id(_plain(k)): v for k, v in self.columns.items()}
        parents = {_plain(k).table for k in self.columns}

        def swap(element: Any, **_: Any) -> Any:
            return copies.get(id(_plain(element))) if isinstance(element, ColumnClause) else None

        original: ColumnElement[Any] = _element(clause)
        swapped: ColumnElement[Any] = visitors.replacement_traverse(original, {}, swap)
        for element in visitors.iterate(swapped):
            if isinstance(element, ColumnClause) and element.table in parents:
                return None
        return swapped


def _element(expr: Any) -> Any:
    """The SQL expression behind an ORM attribute (`Event.id`), or `expr` itself."""
    return expr.__clause_element__() if hasattr(expr, "__clause_element__") else expr


def _plain(column: Any) -> Any:
    column = _element(column)
    return column._deannotate() if hasattr(column, "_deannotate") else column


# A relation filter that can drive: the condition on the link table for its values.
Drive = Callable[[list[str], Mapping[str, list[str]]], tuple[Copies, ColumnElement[bool]]]
