"""Declared attributes as query fields: filters, sorting, facets and actor filters on events.

A field's `column` is the record's value (a correlated lookup by primary key, for sorting,
CSV and the filters that match absence); its filters read `attribute_value`'s indexes.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, cast, func
from sqlmodel import Session, col, select

from app.attributes.declarations import Attribute, declared
from app.core.query.fields import Field, Kind, Stored
from app.core.query.resource import Facet, RelationFilter
from app.core.vocab import AttributeType
from app.models import Actor, AttributeValue, Participation

_KINDS = {
    AttributeType.INTEGER: Kind.INT,
    AttributeType.NUMBER: Kind.NUMBER,
    AttributeType.CODE: Kind.ID,
    AttributeType.TEXT: Kind.TEXT,
}


def value_column(attribute: Attribute) -> Any:
    """The `attribute_value` column holding this attribute's values."""
    if attribute.numeric:
        return col(AttributeValue.number)
    return col(AttributeValue.code if attribute.type is AttributeType.CODE else AttributeValue.text)


def _typed(attribute: Attribute, column: Any) -> Any:
    # Integers are kept as numbers; read back as integers so sorting and cursors stay exact.
    return cast(column, BigInteger) if attribute.type is AttributeType.INTEGER else column


def _rows_of(subject_type: str, name: str) -> Any:
    return select(AttributeValue.subject_id).where(
        col(AttributeValue.subject_type) == subject_type, col(AttributeValue.name) == name
    )


def value_of(attribute: Attribute, record_id: Any) -> Any:
    """The record's value of the attribute (NULL when it has none), as an SQL expression."""
    lookup = select(_typed(attribute, value_column(attribute))).where(
        col(AttributeValue.subject_type) == attribute.applies_to,
        col(AttributeValue.subject_id) == record_id,
        col(AttributeValue.name) == attribute.name,
    )
    return lookup.scalar_subquery()


def attribute_fields(subject_type: str, record_id: Any) -> tuple[Field, ...]:
    """One filterable, sortable field per declared attribute of the record type."""
    return tuple(_field(a, record_id) for a in declared(subject_type).values())


def _field(attribute: Attribute, record_id: Any) -> Field:
    rows = _rows_of(attribute.applies_to, attribute.name)

    def records(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        return col(record_id).in_(rows.where(condition))

    unit = f" ({attribute.unit})" if attribute.unit else ""
    return Field(
        attribute.name,
        _KINDS[attribute.type],
        value_of(attribute, record_id),
        f"{attribute.label}{unit}",
        sortable=attribute.type is not AttributeType.TEXT,
        stored=Stored(_typed(attribute, value_column(attribute)), records),
    )


def attribute_facets(subject_type: str) -> tuple[Facet, ...]:
    """Counts by value of each declared code attribute."""
    return tuple(_facet(a) for a in declared(subject_type).values() if a.type is AttributeType.CODE)


def _facet(attribute: Attribute) -> Facet:
    def counts(session: Session, ids: Any, _: str | None) -> list[tuple[Any, int]]:
        code = col(AttributeValue.code)
        statement = select(code, func.count()).where(
            col(AttributeValue.subject_type) == attribute.applies_to,
            col(AttributeValue.name) == attribute.name,
        )
        if ids is not None:
            statement = statement.where(col(AttributeValue.subject_id).in_(ids))
        return list(session.exec(statement.group_by(code).order_by(code)))

    return Facet(attribute.name, f"Records by {attribute.label}.", counts)


# `actor.kind` and `actor.<attribute>` on events: one participating actor meets them all.
ACTOR_PREFIX = "actor."


def actor_relations(event_id: Any) -> tuple[RelationFilter, ...]:
    """Relation filters reaching events through a participant's kind and attributes."""
    names = ["kind", *(a.name for a in declared("actor").values() if not a.numeric)]
    params = tuple(f"{ACTOR_PREFIX}{n}" for n in names)

    def build(values: list[str], companions: Mapping[str, list[str]]) -> ColumnElement[bool]:
        actors = select(Actor.id)
        for param, given in companions.items():
            actors = actors.where(_actor_condition(param.removeprefix(ACTOR_PREFIX), given))
        participants = select(Participation.event_id).where(col(Participation.actor_id).in_(actors))
        return col(event_id).in_(participants)

    def one(param: str) -> RelationFilter:
        def own(values: list[str], companions: Mapping[str, list[str]]) -> ColumnElement[bool]:
            return build(values, {**companions, param: values})

        return RelationFilter(
            param,
            f"A participant's {param.removeprefix(ACTOR_PREFIX)} (one actor meets every "
            "actor.* filter given).",
            own,
            companions=tuple(p for p in params if p != param),
        )

    return tuple(one(param) for param in params)


def _actor_condition(name: str, values: list[str]) -> ColumnElement[bool]:
    if name == "kind":
        return col(Actor.kind).in_(values)
    return col(Actor.id).in_(_rows_of("actor", name).where(col(AttributeValue.code).in_(values)))
