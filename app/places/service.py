from collections.abc import Sequence

from sqlmodel import Session

from app.core.records import resolve_refs
from app.models import Place
from app.places.schemas import PlaceRead


def read_places(session: Session, rows: Sequence[Place]) -> list[PlaceRead]:
    refs = resolve_refs(session, {("place", r.part_of_id) for r in rows if r.part_of_id})
    return [
        PlaceRead(
            id=r.id,
            name=r.name,
            kind=r.kind,
            part_of=refs[("place", r.part_of_id)] if r.part_of_id else None,
        )
        for r in rows
    ]
