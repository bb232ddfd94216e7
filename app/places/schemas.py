from typing import Literal

from pydantic import BaseModel, Field

from app.core.records import RecordRef


class PlaceRead(BaseModel):
    """Where events happen: a country, region, city or building."""

    id: str = Field(examples=["brussels"])
    type: Literal["place"] = "place"
    name: str
    kind: str = Field(description="Term of the place_kind vocabulary.")
    part_of: RecordRef | None
