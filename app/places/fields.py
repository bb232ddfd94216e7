"""A place's geography as every writer takes it (seed files, imports, the write API): one
set of fields and checks, so the three accept exactly the same documents."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.core.types import Lang, Name
from app.core.vocab import GazetteerScheme, GeoOrigin, PlacePrecision

GazetteerId = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^\S+$")]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


class PlaceNameIn(BaseModel):
    """An alternate name of a place, exactly as written, with its BCP 47 language."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    lang: Lang


class PlaceGeo(BaseModel):
    """Coordinates (WGS84 degrees, both or neither), their precision and origin, gazetteer
    ids (scheme -> id) and alternate names."""

    lat: Latitude | None = None
    lon: Longitude | None = None
    precision: PlacePrecision | None = None
    geo_origin: GeoOrigin | None = Field(
        default=None,
        description="Where the coordinates and gazetteer ids come from; `reference` "
        "(a gazetteer) when they are given without it. Never an article.",
    )
    gazetteer: dict[GazetteerScheme, GazetteerId] = {}
    names: Annotated[list[PlaceNameIn], Field(max_length=500)] = []

    @model_validator(mode="after")
    def _consistent(self) -> "PlaceGeo":
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both `lat` and `lon`, or neither")
        if self.precision is not None and self.lat is None:
            raise ValueError("`precision` describes coordinates: give `lat` and `lon` too")
        located = self.lat is not None or bool(self.gazetteer)
        if self.geo_origin is not None and not located:
            raise ValueError("`geo_origin` needs coordinates or gazetteer ids")
        if located and self.geo_origin is None:
            self.geo_origin = GeoOrigin.REFERENCE
        spellings = [(n.name, n.lang) for n in self.names]
        if len(set(spellings)) != len(spellings):
            raise ValueError("a name is given twice with the same language in `names`")
        return self
