"""Keeping `attribute_value` in step with the claims: the value each record shows.

A record shows its preferred claim's value for an attribute, else the one value its other
(not deprecated) claims agree on; none when they disagree unranked. Every path that writes
claims (seeding, imports, the claim API, merges) calls `refresh` for the subjects it wrote.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, and_, delete, insert, select
from sqlmodel import col

from app.attributes.declarations import ATTRIBUTES, Attribute, adapter, declared
from app.core.vocab import AttributeType, Rank
from app.models import AttributeValue, Claim

Subject = tuple[str, str]
_CHUNK = 200
_TYPES = sorted({a.applies_to for a in ATTRIBUTES})


def shown_value(claims: Sequence[tuple[str, Any]]) -> Any | None:
    """The value shown from (rank, value) pairs: the preferred one, or the only one."""
    for rank, value in claims:
        if rank == Rank.PREFERRED.value:
            return value
    values = {json.dumps(v, sort_keys=True): v for r, v in claims if r != Rank.DEPRECATED.value}
    return next(iter(values.values())) if len(values) == 1 else None


def value_columns(attribute: Attribute, value: Any) -> dict[str, Any] | None:
    """The row's value columns for a claim value; None if it is not of the declared type."""
    try:
        checked = adapter(attribute).validate_python(value)
    except ValidationError:
        return None  # a value stored before the declaration: kept as a claim, not shown
    if attribute.numeric:
        return {"number": float(checked)}
    if attribute.type is AttributeType.CODE:
        return {"code": checked}
    return {"text": checked}


def refresh(connection: Connection, subjects: Iterable[Subject]) -> None:
    """Recompute the attribute values of these records from their claims."""
    by_type: dict[str, set[str]] = defaultdict(set)
    for subject_type, subject_id in subjects:
        if subject_type in _TYPES:
            by_type[subject_type].add(subject_id)
    for subject_type, ids in by_type.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), _CHUNK):
            _refresh_chunk(connection, subject_type, ordered[start : start + _CHUNK])


def _refresh_chunk(connection: Connection, subject_type: str, ids: Sequence[str]) -> None:
    attributes = declared(subject_type)
    table = AttributeValue.__table__  # type: ignore[attr-defined]
    connection.execute(
        delete(table).where(and_(table.c.subject_type == subject_type, table.c.subject_id.in_(ids)))
    )
    claims: dict[tuple[str, str], list[tuple[str, Any]]] = defaultdict(list)
    statement = select(
        col(Claim.subject_id), col(Claim.property), col(Claim.rank), col(Claim.value)
    )
    statement = statement.where(
        col(Claim.subject_type) == subject_type,
        col(Claim.subject_id).in_(ids),
        col(Claim.property).in_(list(attributes)),
    )
    for subject_id, prop, rank, value in connection.execute(statement):
        claims[(subject_id, prop)].append((rank, value))
    rows = []
    for (subject_id, prop), given in sorted(claims.items()):
        value = shown_value(given)
        columns = None if value is None else value_columns(attributes[prop], value)
        if columns is not None:
            base = {"subject_type": subject_type, "subject_id": subject_id, "name": prop}
            rows.append({"number": None, "code": None, "text": None, **base, **columns})
    if rows:
        connection.execute(insert(table), rows)


def refill_all(connection: Connection) -> None:
    """Recompute every stored attribute value (after a migration or a bulk change)."""
    for subject_type in _TYPES:
        names = list(declared(subject_type))
        statement = (
            select(col(Claim.subject_id))
            .where(col(Claim.subject_type) == subject_type, col(Claim.property).in_(names))
            .distinct()
        )
        ids = [subject_id for (subject_id,) in connection.execute(statement)]
        refresh(connection, [(subject_type, i) for i in ids])


def values_of(
    connection: Connection, subject_type: str, ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """The attribute values of these records, by id then attribute name, typed."""
    from app.attributes.schemas import shown

    attributes = declared(subject_type)
    table = AttributeValue.__table__  # type: ignore[attr-defined]
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    unique = sorted(set(ids))
    for start in range(0, len(unique), _CHUNK):
        statement = select(table).where(
            table.c.subject_type == subject_type,
            table.c.subject_id.in_(unique[start : start + _CHUNK]),
        )
        for row in connection.execute(statement):
            if row.name in attributes:
                value = shown(attributes[row.name], row.number, row.code, row.text)
                found[row.subject_id][row.name] = value
    return found
