"""What /places can be filtered, sorted and included by."""

from sqlmodel import col

from app.core.query.fields import Field, Kind
from app.core.query.loaders import referenced
from app.core.query.resource import Include, ResourceSpec
from app.core.vocab import PlaceKind, PlacePrecision
from app.models import Place
from app.places.filters import geo_relations
from app.places.geojson import place_points
from app.places.schemas import PlaceRead
from app.places.service import read_places
from app.provenance.queries import evidence_from, provenance_includes

PLACES = ResourceSpec(
    name="places",
    table=Place,
    read_model=PlaceRead,
    convert=read_places,
    fields=(
        Field("id", Kind.ID, col(Place.id), "Place id"),
        Field("name", Kind.TEXT, col(Place.name), "Name"),
        Field("kind", Kind.ENUM, col(Place.kind), "Kind of place", choices=PlaceKind),
        Field("part_of", Kind.ID, col(Place.part_of_id), "Id of the enclosing place"),
        Field("precision", Kind.ENUM, col(Place.precision), "Precision", choices=PlacePrecision),
        Field("lat", Kind.NUMBER, col(Place.lat), "Latitude (WGS84, decimal degrees)"),
        Field("lon", Kind.NUMBER, col(Place.lon), "Longitude (WGS84, decimal degrees)"),
    ),
    relations=(evidence_from("place", Place.id), *geo_relations(Place.id)),
    geometry=place_points,
    includes=(
        Include("part_of", "places", referenced(Place, "part_of_id"), many=False),
        *provenance_includes("place")[:1],
    ),
)
