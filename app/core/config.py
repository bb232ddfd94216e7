"""Settings, read from the environment once and cached."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting the service reads; each can be set by an environment variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./event_records.db",
        description="SQLAlchemy URL; SQLite file in the working directory by default.",
    )
    port: int = Field(default=8000, ge=1, le=65535)
    host: str = "127.0.0.1"
    seeds_dir: Path = Field(
        default=Path(__file__).resolve().parents[2] / "seeds",
        description="Folder holding articles/ and data/ for `python -m app seed`.",
    )
    sql_echo: bool = False


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, built on first use rather than at import."""
    return Settings()
