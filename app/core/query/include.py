"""`include=participants.actor,evidence.source`: related records embedded under `included`.

Each include path is loaded for the whole page at once (one batch per path segment), so
the number of SQL statements does not grow with the page size.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.core.errors import BadParameter
from app.core.query.resource import Include, ResourceSpec, Rows
from app.core.registry import registry

MAX_DEPTH = 3


@dataclass
class Node:
    """One include path segment, resolved: what it loads and what to include below it."""

    include: Include
    children: "Tree"


Tree = dict[str, Node]


def include_help(spec: ResourceSpec) -> str:
    """The `include` parameter's description for `spec`."""
    names = ", ".join(f"{i.name} ({i.target})" for i in spec.includes) or "none"
    return (
        f"Related records to embed under `included`, dot paths up to {MAX_DEPTH} deep. "
        f"Here: {names}."
    )


def parse_include(spec: ResourceSpec, text: str | None) -> Tree:
    """The include paths as a tree; unknown names or paths deeper than 3 are a 400."""
    tree: Tree = {}
    for path in (p.strip() for p in (text or "").split(",") if p.strip()):
        parts = path.split(".")
        if len(parts) > MAX_DEPTH:
            raise BadParameter("query.include", f"{path!r} is deeper than {MAX_DEPTH} levels")
        _add(spec, tree, parts, path)
    return tree


def _add(spec: ResourceSpec, tree: Tree, parts: list[str], path: str) -> None:
    current, level = spec, tree
    for part in parts:
        include = current.include(part)
        if include is None:
            names = ", ".join(i.name for i in current.includes) or "none"
            raise BadParameter("query.include", f"{path!r}: {current.name} include {names}")
        level = level.setdefault(part, Node(include, {})).children
        current = registry().resource(include.target)


def expand(session: Session, rows: Rows, items: list[dict[str, Any]], tree: Tree) -> None:
    """Attach each include of `tree` to `items` (the converted `rows`), recursively."""
    for name, node in tree.items():
        include, subtree = node.include, node.children
        target = registry().resource(include.target)
        related = include.load(session, rows)
        children = list({getattr(c, "id"): c for cs in related.values() for c in cs}.values())  # noqa: B009
        shown = target.dumped(session, children)
        expand(session, children, shown, subtree)
        by_id = {item["id"]: item for item in shown}
        for row, item in zip(rows, items, strict=True):
            ids = [getattr(c, "id") for c in related.get(getattr(row, "id"), [])]  # noqa: B009
            embedded = [by_id[i] for i in ids]
            item.setdefault("included", {})[name] = (
                embedded if include.many else (embedded[0] if embedded else None)
            )
