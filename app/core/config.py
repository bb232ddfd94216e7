"""Settings, read from the environment once and cached."""

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    require_if_match: bool = Field(
        default=False,
        description="Whether PUT, PATCH and DELETE must send If-Match (428 without it).",
    )
    reads_require_key: bool = Field(
        default=False,
        description="Whether reads need an API key with the `read` scope; open by default.",
    )
    query_timeout_ms: int = Field(
        default=5000,
        ge=0,
        description="Longest one SQL statement may run while answering a request; 0: no limit.",
    )
    cache_max_age: int = Field(
        default=0,
        ge=0,
        description="Seconds caches may reuse a GET answer unasked; 0 sends `no-cache`.",
    )
    record_cache_size: int = Field(
        default=4096,
        ge=0,
        description="Record GET answers (`/events/{id}?include=…`) each worker keeps, reused "
        "while the database's data version (bumped by every write) is unchanged; 0: none.",
    )
    log_format: Literal["text", "json"] = Field(
        default="text",
        description="`json`: one JSON object per log line; `text`: readable lines. Both carry "
        "the request id.",
    )
    gzip_min_bytes: int = Field(
        default=1024,
        ge=0,
        description="Answers this large or larger are sent gzip-compressed to clients that "
        "accept it.",
    )
    # NoDecode: pydantic-settings would otherwise demand JSON for a list from the environment.
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default=["*"],
        description="Origins browsers may read the API from: `*`, or a comma-separated or "
        "JSON list.",
    )

    # Reliability and abuse limits (issue 11); see the README's "Reliability" section.
    cors_write_origins: Annotated[list[str], NoDecode] = Field(
        default=[],
        description="Origins browsers may send writes from (comma-separated); none by default.",
    )
    max_body_bytes: int = Field(default=1024 * 1024, ge=1, description="Largest JSON body.")
    max_import_bytes: int = Field(default=50 * 1024 * 1024, ge=1, description="Largest import.")
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0, description="SQLite lock wait.")
    workers: int = Field(default=1, ge=1, description="Server processes `serve` starts.")
    db_connections: int = Field(
        default=40, ge=2, description="Connections all workers together may hold."
    )
    cursor_secret: SecretStr | None = Field(
        default=None, description="HMAC key for cursors; kept in the database when not given."
    )
    rate_limit: str = Field(default="600/minute", description="Requests per key or address.")
    rate_limit_auth_failures: str = Field(
        default="20/minute", description="Failed authentications per address."
    )
    rate_limit_enabled: bool = True

    @field_validator("cors_origins", "cors_write_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            return json.loads(text) if text.startswith("[") else _split(text)
        return value


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, built on first use rather than at import."""
    return Settings()


async def current_settings() -> Settings:
    """`get_settings` as a route dependency (override this one in tests): async, so FastAPI
    calls it on the event loop instead of sending a cached look-up to the thread pool."""
    return get_settings()
