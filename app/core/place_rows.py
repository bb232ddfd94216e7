"""A place's geography as rows: the same for the seed loader, imports and the write API."""

from typing import Any

from sqlmodel import SQLModel

from app.core.geo import PlaceGeo
from app.core.text import fold, stable_id
from app.models import Place, PlaceIdentifier, PlaceName


def geo_columns(geo: PlaceGeo) -> dict[str, Any]:
    """The place row's coordinates, their precision and origin."""
    return {
        "lat": geo.lat,
        "lon": geo.lon,
        "precision": geo.precision and geo.precision.value,
        "geo_origin": geo.geo_origin and geo.geo_origin.value,
    }


def set_geo(row: Place, geo: PlaceGeo) -> Place:
    """Copy the coordinates, their precision and origin onto the place row."""
    for name, value in geo_columns(geo).items():
        setattr(row, name, value)
    return row


def geo_child_values(place_id: str, geo: PlaceGeo) -> list[tuple[type[SQLModel], dict[str, Any]]]:
    """The place's gazetteer ids and alternate names: each row's table and values."""
    identifiers: list[tuple[type[SQLModel], dict[str, Any]]] = [
        (PlaceIdentifier, {"place_id": place_id, "scheme": scheme.value, "value": value})
        for scheme, value in sorted(geo.gazetteer.items())
    ]
    names: list[tuple[type[SQLModel], dict[str, Any]]] = [
        (
            PlaceName,
            {
                "id": stable_id("pname", place_id, n.name, n.lang),
                "place_id": place_id,
                "name": n.name,
                "lang": n.lang,
                "search_key": fold(n.name),
            },
        )
        for n in geo.names
    ]
    return identifiers + names


def geo_children(place_id: str, geo: PlaceGeo) -> list[SQLModel]:
    """The place's gazetteer ids and alternate names, as rows of their own tables."""
    return [model(**values) for model, values in geo_child_values(place_id, geo)]


def geo_document(
    place: Place, identifiers: list[PlaceIdentifier], names: list[PlaceName]
) -> dict[str, Any]:
    """The geography fields of a place document (export, snapshots), from its rows."""
    return {
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
        "geo_origin": place.geo_origin,
        "gazetteer": {i.scheme: i.value for i in sorted(identifiers, key=lambda i: i.scheme)},
        "names": [
            {"name": n.name, "lang": n.lang} for n in sorted(names, key=lambda n: (n.lang, n.name))
        ],
    }
