from datetime import datetime

from sqlmodel import Field, SQLModel

from app.models.base import ID_LENGTH, UTCDateTime, utcnow


class Redirect(SQLModel, table=True):
    """A record id that now lives under another id (after a merge): answered with 308."""

    record_type: str = Field(primary_key=True, max_length=40)
    old_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    new_id: str = Field(max_length=ID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
