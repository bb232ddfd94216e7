"""Signed cursors: HMAC-SHA256 over the token, the route and the query it was made for.

A cursor is opaque to clients but holds positions the server trusts (sort values, offsets,
change ids); signed, a forged or edited one is refused before it is decoded, and a cursor
made for one route or query cannot be replayed on another. The key is CURSOR_SECRET when
set, else the one the migrations made in `server_secret`, so every worker shares it.
"""

import base64
import hashlib
import hmac
import secrets
import weakref
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from starlette.requests import Request

from app.core.config import get_settings
from app.core.errors import BadParameter
from app.models import ServerSecret

CURSOR_KEY_NAME = "cursor"
MAX_CURSOR_LENGTH = 2_000
_MAC_BYTES = 18  # 144 bits, 24 characters in base64url
_keys: "weakref.WeakKeyDictionary[Engine, bytes]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class CursorSigner:
    """Seals and checks cursors for one route and query."""

    key: bytes
    scope: str

    def _mac(self, token: str) -> str:
        message = f"{self.scope}\n{token}".encode()
        digest = hmac.new(self.key, message, hashlib.sha256).digest()[:_MAC_BYTES]
        return base64.urlsafe_b64encode(digest).decode()

    def seal(self, token: str) -> str:
        return f"{token}.{self._mac(token)}"

    def unseal(self, cursor: str) -> str:
        """The token inside `cursor`; a 400 naming `cursor` unless this signer sealed it."""
        token, _, mac = cursor.rpartition(".")
        if len(cursor) > MAX_CURSOR_LENGTH or not hmac.compare_digest(
            mac.encode(), self._mac(token).encode()
        ):
            raise BadParameter(
                "query.cursor", "not a cursor this API issued for this route and query"
            )
        return token


def route_of(request: Request) -> str:
    """The route template (`/events/{event_id}/evidence`), so ids stay in the binding."""
    route = request.scope.get("route")
    template = getattr(route, "path", None)
    return f"{template}|{request.url.path}" if isinstance(template, str) else request.url.path


def cursor_signer(session: Session, request: Request, *, binding: str = "") -> CursorSigner:
    """A signer bound to this request's route and `binding` (its sort and filters)."""
    return CursorSigner(cursor_key(session), f"{route_of(request)}\n{binding}")


def cursor_key(session: Session) -> bytes:
    """The signing key: CURSOR_SECRET, else the database's own, read once per engine."""
    configured = get_settings().cursor_secret
    if configured is not None:
        return configured.get_secret_value().encode()
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    key = _keys.get(engine)
    if key is None:
        key = _keys[engine] = _stored_key(engine).encode()
    return key


def _stored_key(engine: Engine) -> str:
    # Read on its own connection, so a request's transaction is never the one that writes it.
    with Session(engine) as session:
        found = session.get(ServerSecret, CURSOR_KEY_NAME)
        if found is not None:
            return found.value
        session.add(ServerSecret(name=CURSOR_KEY_NAME, value=secrets.token_urlsafe(32)))
        try:
            session.commit()
        except IntegrityError:  # another worker made it first
            session.rollback()
        return session.exec(
            select(ServerSecret.value).where(ServerSecret.name == CURSOR_KEY_NAME)
        ).one()
