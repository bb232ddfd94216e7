"""Writing places."""

from typing import Any

from sqlmodel import Session, col, select

from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Unprocessable
from app.curation.excerpts import evidence_of
from app.curation.spec import require, slug_id
from app.models import Event, Place
from app.places.schemas import PlaceWrite


def _check(session: Session, data: PlaceWrite, record_id: str) -> None:
    require(session, Place, data.part_of, "body.part_of")
    if data.part_of == record_id:
        raise Unprocessable("body.part_of", "a place cannot be part of itself")


def _snapshot(session: Session, row: Place) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "part_of": row.part_of_id,
        "evidence": evidence_of(session, ("place", row.id)),
    }


def _dependents(session: Session, row: Place) -> list[RecordKey]:
    events = session.exec(select(Event.id).where(col(Event.place_id) == row.id)).all()
    places = session.exec(select(Place.id).where(col(Place.part_of_id) == row.id)).all()
    return [("event", e) for e in events] + [("place", p) for p in places]


PLACES = WriteSpec(
    "place",
    Place,
    PlaceWrite,
    None,  # written as its document (app/places/document.py)
    _snapshot,
    _dependents,
    new_id=lambda session, data: slug_id(session, Place, data.name),
    check=_check,
)
