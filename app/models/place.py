from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Place(Timestamped, table=True):
    """Where an event happened: a country, region, city or building, within another place.

    `lat`/`lon` are WGS84 degrees (both or neither); `precision` says what the point stands
    for (the exact spot, or the centre of a city, region or country) and `geo_origin` where it
    came from (a gazetteer, or a dataset's own geocoding): never from the articles.
    """

    __table_args__ = (
        # Bounding-box prefilter of `bbox=` and `near=`: a range on lat, then lon, in one index.
        Index("ix_place_lat_lon", "lat", "lon"),
        CheckConstraint("lat BETWEEN -90 AND 90", name="lat_range"),
        CheckConstraint("lon BETWEEN -180 AND 180", name="lon_range"),
        CheckConstraint("(lat IS NULL) = (lon IS NULL)", name="lat_lon_together"),
    )

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=500)
    kind: str = Field(max_length=20)
    # Indexed: `within=` walks the hierarchy downwards, from a place to its parts.
    part_of_id: str | None = Field(
        default=None, foreign_key="place.id", index=True, max_length=ID_LENGTH
    )
    lat: float | None = None
    lon: float | None = None
    precision: str | None = Field(default=None, max_length=20)
    geo_origin: str | None = Field(default=None, max_length=20)
