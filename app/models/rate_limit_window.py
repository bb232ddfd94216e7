from sqlmodel import Field, SQLModel


class RateLimitWindow(SQLModel, table=True):
    """Requests counted against one limit (a key or an address) until its window expires."""

    __tablename__ = "rate_limit_window"

    key: str = Field(primary_key=True, max_length=200)
    hits: int = Field(default=0)
    expires_at: float = Field(description="When this window ends, in seconds since the epoch.")
