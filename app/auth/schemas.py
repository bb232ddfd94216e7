"""API keys as clients see them: never the secret or its hash, except the key once at creation."""

from datetime import datetime
from typing import Literal, Self

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from app.auth.service import granted_scopes
from app.models.api_key import ApiKey

Scope = Literal["read", "write", "admin"]


class KeyRead(BaseModel):
    """An API key's metadata."""

    id: str = Field(examples=["3f2a9c0d1b7e4a56"])
    type: Literal["api_key"] = "api_key"
    name: str
    scopes: list[Scope] = Field(
        description="Scopes granted; each implies those below it (admin ⊇ write ⊇ read)."
    )
    created_at: datetime
    expires_at: datetime | None = Field(description="When the key stops working; null: never.")
    revoked_at: datetime | None
    last_used_at: datetime | None = Field(description="Recorded at most once a minute.")

    @classmethod
    def of(cls, key: ApiKey) -> Self:
        """The read model of a stored key."""
        return cls(
            id=key.id,
            name=key.name,
            scopes=granted_scopes(key),
            created_at=key.created_at,
            expires_at=key.expires_at,
            revoked_at=key.revoked_at,
            last_used_at=key.last_used_at,
        )


class KeyCreated(KeyRead):
    """A new key, with the key itself: shown in this answer only, never again."""

    key: str = Field(
        description="The API key, to send as `Authorization: Bearer <key>`; store it now.",
        examples=["erk_3f2a9c0d1b7e4a56_…"],
    )


class KeyCreate(BaseModel):
    """What a new key is for, what it may do and how long it lasts."""

    name: str = Field(min_length=1, max_length=200, description="Who or what uses the key.")
    scopes: list[Scope] = Field(min_length=1, examples=[["write"]])
    expires_in_days: int | None = Field(
        default=None, ge=1, le=36500, description="Lifetime in days; or give `expires_at`."
    )
    expires_at: AwareDatetime | None = Field(
        default=None, description="When the key stops working (with a time zone)."
    )

    @model_validator(mode="after")
    def _one_expiry(self) -> Self:
        if self.expires_in_days is not None and self.expires_at is not None:
            raise ValueError("give expires_in_days or expires_at, not both")
        return self
