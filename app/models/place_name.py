from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import ID_LENGTH


class PlaceName(SQLModel, table=True):
    """An alternate name of a place ("Bruxelles", "브뤼셀"), kept exactly as written."""

    __tablename__ = "place_name"
    __table_args__ = (UniqueConstraint("place_id", "name", "lang"),)

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    place_id: str = Field(foreign_key="place.id", index=True, max_length=ID_LENGTH)
    name: str = Field(max_length=1000)
    lang: str = Field(max_length=35)
    # Case-, accent- and punctuation-folded form that search compares against.
    search_key: str = Field(index=True, max_length=1000)
