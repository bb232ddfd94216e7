from datetime import datetime

from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, utcnow


class ApiKey(SQLModel, table=True):
    """A client's key: only its SHA-256 is stored; the secret is shown once, at creation."""

    __tablename__ = "api_key"

    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    secret_sha256: str = Field(max_length=64)
    scopes: str = Field(max_length=100, description="Space-separated: read, write, admin.")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
