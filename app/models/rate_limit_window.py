from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel


class RateLimitWindow(SQLModel, table=True):
    """Requests counted against one limit (a key or an address) in one fixed time window."""

    __tablename__ = "rate_limit_window"

    key: str = Field(primary_key=True, max_length=200)
    window: int = Field(primary_key=True, sa_type=BigInteger, description="Window start, epoch s.")
    hits: int = Field(default=0)
