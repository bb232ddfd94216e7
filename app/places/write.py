"""Writing places: the place, its gazetteer ids and its alternate names."""

from typing import Any

from sqlmodel import Session, col, delete, select

from app.core.place_rows import geo_document
from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Unprocessable
from app.curation.excerpts import evidence_of
from app.curation.spec import require, slug_id
from app.models import Event, Place, PlaceIdentifier, PlaceName
from app.places.schemas import PlaceWrite


def _check(session: Session, data: PlaceWrite, record_id: str) -> None:
    require(session, Place, data.part_of, "body.part_of")
    if data.part_of == record_id:
        raise Unprocessable("body.part_of", "a place cannot be part of itself")
    if data.part_of is not None and record_id in _ancestors(session, data.part_of):
        raise Unprocessable("body.part_of", "a place cannot be part of a place within it")


def _ancestors(session: Session, place_id: str) -> set[str]:
    """`place_id` and every place it is within (a cycle in stored data cannot loop here)."""
    seen: set[str] = set()
    current: str | None = place_id
    while current is not None and current not in seen:
        seen.add(current)
        current = session.exec(select(Place.part_of_id).where(col(Place.id) == current)).first()
    return seen


def _snapshot(session: Session, row: Place) -> dict[str, Any]:
    identifiers = session.exec(
        select(PlaceIdentifier).where(col(PlaceIdentifier.place_id) == row.id)
    ).all()
    names = session.exec(select(PlaceName).where(col(PlaceName.place_id) == row.id)).all()
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "part_of": row.part_of_id,
        **geo_document(row, list(identifiers), list(names)),
        "evidence": evidence_of(session, ("place", row.id)),
    }


def _dependents(session: Session, row: Place) -> list[RecordKey]:
    events = session.exec(select(Event.id).where(col(Event.place_id) == row.id)).all()
    places = session.exec(select(Place.id).where(col(Place.part_of_id) == row.id)).all()
    return [("event", e) for e in events] + [("place", p) for p in places]


def _cleanup(session: Session, row: Place) -> None:
    """A place's gazetteer ids and names go with it (and are replaced as a whole)."""
    session.execute(delete(PlaceIdentifier).where(col(PlaceIdentifier.place_id) == row.id))
    session.execute(delete(PlaceName).where(col(PlaceName.place_id) == row.id))


PLACES = WriteSpec(
    "place",
    Place,
    PlaceWrite,
    None,  # written as its document (app/places/document.py)
    _snapshot,
    _dependents,
    new_id=lambda session, data: slug_id(session, Place, data.name),
    cleanup=_cleanup,
    check=_check,
)
