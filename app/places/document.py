"""How places travel as documents: seed files, NDJSON imports and exports."""

from collections.abc import Iterator, Sequence

from app.core.place_rows import geo_child_values, geo_columns, geo_document
from app.core.registry import Child, Document, Gone, Resolve
from app.imports.export import Record, evidence_of
from app.imports.repository import Bundle
from app.models import Place, PlaceIdentifier, PlaceName
from app.seeding.plan import KnownIds, Plan, require
from app.seeding.rows import Row
from app.seeding.schema import PlaceIn


def _plan(plan: Plan, places: Sequence[PlaceIn], ids: KnownIds) -> None:
    by_id = {p.id: p for p in places}

    def depth(place_id: str, seen: frozenset[str] = frozenset()) -> int:
        parent = by_id[place_id].part_of
        if parent is None or parent not in by_id or place_id in seen:
            return 0
        return 1 + depth(parent, seen | {place_id})

    for place in sorted(places, key=lambda p: depth(p.id)):
        where = f"place {place.id!r}"
        plan.begin("place", place.id)
        require(plan, ids, "place", place.part_of, where)
        plan.add(
            Row(
                Place,
                id=place.id,
                name=place.name,
                kind=place.kind.value,
                part_of_id=place.part_of,
                **geo_columns(place),
            )
        )
        for model, values in geo_child_values(place.id, place):
            plan.add(Row(model, **values))
        plan.evidence(("place", place.id), place.evidence, where)


def _assemble(bundle: Bundle, place: Place) -> Record:
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "part_of": place.part_of_id,
        **geo_document(place, bundle.of(PlaceIdentifier, place.id), bundle.of(PlaceName, place.id)),
        "evidence": evidence_of(bundle, "place", place.id),
    }


def _references(place: PlaceIn) -> Iterator[tuple[str, str]]:
    if place.part_of is not None:
        yield "place", place.part_of


def _redirect(place: PlaceIn, resolve: Resolve) -> PlaceIn:
    if place.part_of is None:
        return place
    return place.model_copy(update={"part_of": resolve("place", place.part_of)})


def _drop(place: PlaceIn, gone: Gone) -> PlaceIn:
    if place.part_of is None or not gone("place", place.part_of):
        return place
    return place.model_copy(update={"part_of": None})


PLACE_DOCUMENT = Document(
    model=PlaceIn,
    order=0,
    plan=_plan,
    assemble=_assemble,
    references=_references,
    redirect=_redirect,
    drop=_drop,
    children=(
        Child(PlaceIdentifier, PlaceIdentifier.place_id),
        Child(PlaceName, PlaceName.place_id),
    ),
)
