"""Turn query parameters (`field__op=value`, relation filters, `or=`/`not=` groups) into SQL."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, not_, or_, true

from app.core.errors import BadParameter
from app.core.query.fields import Op, compile_filter
from app.core.query.groups import Group, Term, parse_group
from app.core.query.resource import ResourceSpec

MAX_TERMS = 30
GROUP_PARAMS = ("or", "not")


@dataclass(frozen=True)
class Clause:
    """One filter as given: parameter name (with operator) and raw value(s)."""

    param: str
    name: str
    op: Op
    value: str | list[str]


def split_name(param: str) -> tuple[str, Op]:
    """`when__gte` -> ("when", GTE); a plain name is an equality."""
    name, sep, op = param.rpartition("__")
    if not sep:
        return param, Op.EQ
    try:
        return name, Op(op)
    except ValueError:
        return param, Op.EQ


def compile_filters(
    spec: ResourceSpec, params: Iterable[tuple[str, str]], reserved: set[str]
) -> ColumnElement[bool]:
    """AND of every top-level filter and group in `params` (pairs, repeats allowed)."""
    clauses: list[Clause] = []
    groups: list[Group] = []
    for key, value in params:
        if key in GROUP_PARAMS:
            groups.append(parse_group(f"query.{key}", key, value))
        elif key not in reserved:
            name, op = split_name(key)
            clauses.append(Clause(f"query.{key}", name, op, value))
    _check_size(clauses, groups)
    compiled = _conjunction(spec, clauses)
    compiled += [_group(spec, g, f"query.{g.op}") for g in groups]
    return and_(true(), *compiled)


def _check_size(clauses: list[Clause], groups: list[Group]) -> None:
    total = len(clauses) + sum(_count(g) for g in groups)
    if total > MAX_TERMS:
        raise BadParameter("query", f"{total} filter terms; at most {MAX_TERMS} are allowed")


def _count(group: Group) -> int:
    return sum(_count(i) if isinstance(i, Group) else 1 for i in group.items)


def _conjunction(spec: ResourceSpec, clauses: list[Clause]) -> list[ColumnElement[bool]]:
    """Field clauses as given; a relation's companions narrow its EXISTS instead of their own."""
    owned = {
        companion
        for clause in clauses
        if (relation := spec.relation(clause.name)) is not None
        for companion in relation.companions
    }
    result = []
    for clause in clauses:
        relation = spec.relation(clause.name)
        if relation is None:
            result.append(_field_clause(spec, clause))
        elif clause.name not in owned:
            companions = {c.name: _values(c) for c in clauses if c.name in relation.companions}
            result.append(relation.build(_relation_values(clause), companions))
    return result


def _relation_values(clause: Clause) -> list[str]:
    if clause.op not in (Op.EQ, Op.IN):
        raise BadParameter(clause.param, "relation filters take a value or a list (__in)")
    return _values(clause)


def _values(clause: Clause) -> list[str]:
    raw = clause.value
    items = raw if isinstance(raw, list) else (raw.split(",") if clause.op is Op.IN else [raw])
    values = [v.strip() for v in items if v.strip()]
    if not values:
        raise BadParameter(clause.param, "needs a value")
    return values


def _field_clause(spec: ResourceSpec, clause: Clause) -> ColumnElement[bool]:
    field = spec.field(clause.name)
    if field is None:
        raise BadParameter(
            clause.param,
            f"unknown filter; {spec.name} filter on {', '.join(f.name for f in spec.fields)}",
        )
    return compile_filter(field, clause.op, clause.value, clause.param)


def _group(spec: ResourceSpec, group: Group, param: str) -> ColumnElement[bool]:
    terms = [i for i in group.items if isinstance(i, Term)]
    clauses = [Clause(param, *split_name(t.name), t.value) for t in terms]
    parts = (
        _conjunction(spec, clauses)
        if group.op != "or"
        else [p for c in clauses for p in _conjunction(spec, [c])]
    )
    parts += [_group(spec, g, param) for g in group.items if isinstance(g, Group)]
    if group.op == "or":
        return or_(*parts)
    conjunction = and_(*parts)
    return not_(conjunction) if group.op == "not" else conjunction
