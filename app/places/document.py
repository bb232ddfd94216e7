"""How places travel as documents: seed files, NDJSON imports and exports."""

from collections.abc import Iterator

from app.core.place_rows import geo_document
from app.core.registry import Child, Document, Resolve
from app.imports.export import Record, evidence_of
from app.imports.repository import Bundle
from app.models import Place, PlaceIdentifier, PlaceName
from app.seeding.plan import plan_places
from app.seeding.schema import PlaceIn


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


PLACE_DOCUMENT = Document(
    model=PlaceIn,
    order=0,
    plan=plan_places,
    assemble=_assemble,
    references=_references,
    redirect=_redirect,
    children=(
        Child(PlaceIdentifier, PlaceIdentifier.place_id),
        Child(PlaceName, PlaceName.place_id),
    ),
)
