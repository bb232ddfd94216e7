from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from app.models.base import ID_LENGTH


class PlaceIdentifier(SQLModel, table=True):
    """A place's id in a gazetteer (GeoNames, ISO 3166, FIPS, ADM codes, GDELT feature id).

    Not unique across places: a city and its region may share an ADM1 code.
    """

    __tablename__ = "place_identifier"
    __table_args__ = (Index("ix_place_identifier_scheme_value", "scheme", "value"),)

    place_id: str = Field(foreign_key="place.id", primary_key=True, max_length=ID_LENGTH)
    scheme: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=200)
