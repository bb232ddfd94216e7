"""API keys for the tests, made through the service (the routes under test need one first)."""

from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from app.auth.service import create_key


def make_key(
    engine: Engine,
    *scopes: str,
    name: str = "test",
    expires_at: datetime | None = None,
) -> tuple[str, str]:
    """A new key with these scopes: its id and the key to send."""
    with Session(engine) as session:
        key, plaintext = create_key(session, name=name, scopes=scopes, expires_at=expires_at)
        session.commit()
        return key.id, plaintext


def bearer(key: str) -> dict[str, str]:
    """The header that sends `key`."""
    return {"Authorization": f"Bearer {key}"}
