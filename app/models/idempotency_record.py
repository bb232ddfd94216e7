from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, utcnow


class IdempotencyRecord(SQLModel, table=True):
    """A POST made with an `Idempotency-Key`: its fingerprint and, once done, its answer."""

    __tablename__ = "idempotency_record"

    key_id: str = Field(primary_key=True, max_length=40)
    idempotency_key: str = Field(primary_key=True, max_length=255)
    method: str = Field(max_length=10)
    path: str = Field(max_length=2000)
    body_sha256: str = Field(max_length=64)
    status_code: int | None = None
    response: Any | None = Field(default=None, sa_type=JSON)
    location: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
