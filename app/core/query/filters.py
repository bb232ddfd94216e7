"""Filters: query parameters (`field__op=value`, relation filters, `or=`/`not=` groups) parsed
once into typed clauses, then compiled to SQL."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_, true

from app.core.errors import BadParameter
from app.core.query.fields import Field, parse_value
from app.core.query.groups import Group, Term, parse_group
from app.core.query.operators import Op, Operator
from app.core.query.resource import RelationFilter, ResourceSpec

MAX_TERMS = 30
GROUP_PARAMS = ("or", "not")


@dataclass(frozen=True)
class FieldClause:
    """`field__op=value` with its value already typed (a date span, an int, a list, ...)."""

    field: Field
    operator: Operator
    value: Any

    def compile(self) -> ColumnElement[bool]:
        stored = self.field.stored
        if stored is None or self.operator.op in (Op.NE, Op.ISNULL):  # these match absence
            return self.operator.sql(self.field, self.value)
        inner = replace(self.field, column=stored.value)
        return stored.records(self.operator.sql(inner, self.value))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class RelationClause:
    """A relation filter's values, with those of its companions given beside it."""

    relation: RelationFilter
    values: list[str]
    companions: Mapping[str, list[str]]

    def compile(self) -> ColumnElement[bool]:
        return self.relation.build(self.values, self.companions)


@dataclass(frozen=True)
class GroupClause:
    """`and`/`or`/`not` over clauses (`not` negates their conjunction)."""

    op: str
    items: list["Clause"]

    def compile(self) -> ColumnElement[bool]:
        parts = [i.compile() for i in self.items]
        if self.op == "or":
            return or_(*parts)
        conjunction = and_(*parts)
        return not_(conjunction) if self.op == "not" else conjunction


Clause = FieldClause | RelationClause | GroupClause


@dataclass(frozen=True)
class Filters:
    """A request's filters, parsed: the clauses (ANDed) and the raw pairs they came from."""

    clauses: list[Clause]
    pairs: list[tuple[str, str]]

    def where(self) -> ColumnElement[bool]:
        return and_(true(), *(c.compile() for c in self.clauses))


@dataclass(frozen=True)
class _Raw:
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


def parse_filters(spec: ResourceSpec, params: Iterable[tuple[str, str]]) -> Filters:
    """Every top-level filter and group in `params` (pairs, repeats allowed), typed."""
    raws: list[_Raw] = []
    groups: list[Group] = []
    pairs = list(params)
    for key, value in pairs:
        if key in GROUP_PARAMS:
            groups.append(parse_group(f"query.{key}", key, value))
        else:
            raws.append(_Raw(f"query.{key}", *split_name(key), value))
    _check_size(raws, groups)
    clauses = _conjunction(spec, raws)
    clauses += [_group(spec, g, f"query.{g.op}") for g in groups]
    return Filters(clauses, pairs)


def _check_size(raws: list[_Raw], groups: list[Group]) -> None:
    total = len(raws) + sum(_count(g) for g in groups)
    if total > MAX_TERMS:
        raise BadParameter("query", f"{total} filter terms; at most {MAX_TERMS} are allowed")


def _count(group: Group) -> int:
    return sum(_count(i) if isinstance(i, Group) else 1 for i in group.items)


def _conjunction(spec: ResourceSpec, raws: list[_Raw]) -> list[Clause]:
    """Field clauses as given; a relation's companions narrow its EXISTS instead of their own."""
    owned = {
        companion
        for raw in raws
        if (relation := spec.relation(raw.name)) is not None
        for companion in relation.companions
        if not _mutual(spec, raw.name, companion)
    }
    result: list[Clause] = []
    for raw in raws:
        relation = spec.relation(raw.name)
        if relation is None:
            result.append(_field_clause(spec, raw))
        elif raw.name not in owned:
            companions = {c.name: _values(c) for c in raws if c.name in relation.companions}
            result.append(RelationClause(relation, _relation_values(raw), companions))
    return result


def _mutual(spec: ResourceSpec, name: str, companion: str) -> bool:
    """Relations that are each other's companions (`actor.kind`, `actor.country_code`) each
    build the whole condition from all their values, so neither is dropped for the other."""
    other = spec.relation(companion)
    return other is not None and name in other.companions


def _relation_values(raw: _Raw) -> list[str]:
    if raw.op not in (Op.EQ, Op.IN):
        raise BadParameter(raw.param, "relation filters take a value or a list (__in)")
    return _values(raw)


def _values(raw: _Raw) -> list[str]:
    given = raw.value
    items = given if isinstance(given, list) else (given.split(",") if raw.op is Op.IN else [given])
    values = [v.strip() for v in items if v.strip()]
    if not values:
        raise BadParameter(raw.param, "needs a value")
    return values


def _field_clause(spec: ResourceSpec, raw: _Raw) -> FieldClause:
    field = spec.field(raw.name)
    if field is None:
        raise BadParameter(
            raw.param,
            f"unknown filter; {spec.name} filter on {', '.join(f.name for f in spec.fields)}",
        )
    return FieldClause(field, *parse_value(field, raw.op, raw.value, raw.param))


def _group(spec: ResourceSpec, group: Group, param: str) -> GroupClause:
    terms = [i for i in group.items if isinstance(i, Term)]
    raws = [_Raw(param, *split_name(t.name), t.value) for t in terms]
    items = (
        _conjunction(spec, raws)
        if group.op != "or"
        else [c for r in raws for c in _conjunction(spec, [r])]
    )
    items += [_group(spec, g, param) for g in group.items if isinstance(g, Group)]
    return GroupClause(group.op, items)
