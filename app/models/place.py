from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Place(Timestamped, table=True):
    """Where an event happened: a country, city or building, within another place."""

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=500)
    kind: str = Field(max_length=20)
    part_of_id: str | None = Field(default=None, foreign_key="place.id", max_length=ID_LENGTH)
