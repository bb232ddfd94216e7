"""Where each record of a page lies, for `format=geojson`: a place's own point, an event's
place's point (an event at a place without coordinates has `geometry: null`)."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.core.geojson import Geometry, point
from app.models import Event, Place


def place_points(session: Session, rows: Sequence[Place]) -> list[Geometry]:
    return [point(r.lat, r.lon) for r in rows]


def event_points(session: Session, rows: Sequence[Event]) -> list[Geometry]:
    ids = {r.place_id for r in rows if r.place_id}
    found = session.exec(
        select(col(Place.id), col(Place.lat), col(Place.lon)).where(col(Place.id).in_(ids))
    ).all()
    at = {place_id: point(lat, lon) for place_id, lat, lon in found}
    return [at.get(r.place_id) if r.place_id else None for r in rows]
