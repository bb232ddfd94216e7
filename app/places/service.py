from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.core.records import resolve_refs
from app.models import Place, PlaceIdentifier, PlaceName
from app.places.schemas import PlaceNameRead, PlaceRead


def read_places(session: Session, rows: Sequence[Place]) -> list[PlaceRead]:
    refs = resolve_refs(session, {("place", r.part_of_id) for r in rows if r.part_of_id})
    gazetteer, names = _children(session, [r.id for r in rows])
    return [
        PlaceRead(
            id=r.id,
            name=r.name,
            kind=r.kind,
            part_of=refs[("place", r.part_of_id)] if r.part_of_id else None,
            lat=r.lat,
            lon=r.lon,
            precision=r.precision,
            geo_origin=r.geo_origin,
            gazetteer=gazetteer.get(r.id, {}),
            names=names.get(r.id, []),
        )
        for r in rows
    ]


def _children(
    session: Session, ids: list[str]
) -> tuple[dict[str, dict[str, str]], dict[str, list[PlaceNameRead]]]:
    """The gazetteer ids and names of a page of places, in two queries."""
    gazetteer: dict[str, dict[str, str]] = defaultdict(dict)
    names: dict[str, list[PlaceNameRead]] = defaultdict(list)
    if not ids:
        return gazetteer, names
    identifiers = select(PlaceIdentifier).where(col(PlaceIdentifier.place_id).in_(ids))
    for i in session.exec(identifiers.order_by(col(PlaceIdentifier.scheme))):
        gazetteer[i.place_id][i.scheme] = i.value
    spellings = select(PlaceName).where(col(PlaceName.place_id).in_(ids))
    for n in session.exec(spellings.order_by(col(PlaceName.lang), col(PlaceName.name))):
        names[n.place_id].append(PlaceNameRead(name=n.name, lang=n.lang))
    return gazetteer, names
