from typing import Literal

from pydantic import BaseModel, Field

from app.core.geo import PlaceGeo
from app.core.records import RecordRef
from app.core.types import Name, Slug
from app.core.vocab import PlaceKind
from app.curation.schemas import ExcerptWrite, Write


class PlaceNameRead(BaseModel):
    name: str
    lang: str


class PlaceRead(BaseModel):
    """Where events happen: a country, region, city or building."""

    id: str = Field(examples=["brussels"])
    type: Literal["place"] = "place"
    name: str
    kind: str = Field(description="Term of the place_kind vocabulary.")
    part_of: RecordRef | None
    lat: float | None = Field(default=None, description="WGS84 latitude, degrees.")
    lon: float | None = Field(default=None, description="WGS84 longitude, degrees.")
    precision: str | None = Field(
        default=None, description="Term of the place_precision vocabulary: what the point is."
    )
    geo_origin: str | None = Field(
        default=None, description="Term of the geo_origin vocabulary: where the point came from."
    )
    gazetteer: dict[str, str] = Field(
        default={}, description="Ids in gazetteers, by scheme (gazetteer_scheme vocabulary)."
    )
    names: list[PlaceNameRead] = Field(default=[], description="Alternate names, as written.")


# What clients write (POST/PUT; PATCH merges into the same shape).


class PlaceWrite(Write, PlaceGeo):
    id: Slug | None = None
    name: Name
    kind: PlaceKind
    part_of: Slug | None = None
    evidence: list[ExcerptWrite] = []
