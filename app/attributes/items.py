"""Declared attribute values as a record's `attributes` object dumps to JSON, for lists."""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from app.attributes.declarations import declared
from app.attributes.values import values_of


def attribute_items(
    session: Session, subject_type: str, ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Each record's shown values in declaration order, absent ones left out, as the typed
    attributes model (app/attributes/schemas.py) writes them."""
    names = list(declared(subject_type))
    found = values_of(session.connection(), subject_type, ids)
    return {
        record_id: {n: values[n] for n in names if values.get(n) is not None}
        for record_id, values in found.items()
    }
