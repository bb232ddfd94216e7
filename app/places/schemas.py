from typing import Literal

from pydantic import BaseModel, Field

from app.core.records import RecordRef
from app.core.types import Name, Slug
from app.core.vocab import PlaceKind
from app.curation.schemas import ExcerptWrite, Write


class PlaceRead(BaseModel):
    """Where events happen: a country, region, city or building."""

    id: str = Field(examples=["brussels"])
    type: Literal["place"] = "place"
    name: str
    kind: str = Field(description="Term of the place_kind vocabulary.")
    part_of: RecordRef | None


# What clients write (POST/PUT; PATCH merges into the same shape).


class PlaceWrite(Write):
    id: Slug | None = None
    name: Name
    kind: PlaceKind
    part_of: Slug | None = None
    evidence: list[ExcerptWrite] = []
