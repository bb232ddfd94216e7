"""API keys: create, list and revoke them, and check the key a request carries.

A key reads `erk_<id>_<secret>`. Only the SHA-256 of the secret is stored, so a leaked
database gives no usable key; the plain key is returned once, by `create_key`.
"""

import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.core.errors import Unauthorized
from app.models.api_key import ApiKey
from app.models.base import utcnow

log = logging.getLogger(__name__)

SCOPES = ("read", "write", "admin")  # each scope grants those before it
KEY_PREFIX = "erk_"
# last_used_at is written at most this often per key, so reads do not each cost a write.
TOUCH_INTERVAL = timedelta(minutes=1)
# Compared against when the id is unknown, so that answer takes as long as a wrong secret.
_NO_DIGEST = "0" * 64


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id (None when anonymous) and every scope it grants."""

    key_id: str | None
    scopes: frozenset[str]


def implied_scopes(granted: Iterable[str]) -> frozenset[str]:
    """The scopes a key holds: those granted and every scope below them (admin ⊇ write ⊇ read)."""
    ranks = [SCOPES.index(scope) for scope in granted if scope in SCOPES]
    return frozenset(SCOPES[: max(ranks) + 1]) if ranks else frozenset()


def granted_scopes(key: ApiKey) -> list[str]:
    """The scopes stored on `key`, in the order of SCOPES."""
    return [scope for scope in SCOPES if scope in key.scopes.split()]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(
    session: Session,
    *,
    name: str,
    scopes: Iterable[str],
    expires_in_days: int | None = None,
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Add a key; return it with its plain text, which is shown once and never stored."""
    wanted = set(scopes)
    unknown = wanted - set(SCOPES)
    if unknown or not wanted:
        raise ValueError(f"scopes must be a non-empty subset of {SCOPES}, not {sorted(wanted)}")
    if expires_in_days is not None and expires_at is not None:
        raise ValueError("give expires_in_days or expires_at, not both")
    now = utcnow()
    if expires_in_days is not None:
        expires_at = now + timedelta(days=expires_in_days)
    secret = secrets.token_urlsafe(32)
    key = ApiKey(
        id=secrets.token_hex(8),
        name=name,
        secret_sha256=_digest(secret),
        scopes=" ".join(scope for scope in SCOPES if scope in wanted),
        created_at=now,
        expires_at=expires_at,
    )
    session.add(key)
    session.flush()
    return key, f"{KEY_PREFIX}{key.id}_{secret}"


def keys_query() -> SelectOfScalar[ApiKey]:
    """Every key, revoked and expired ones too, for a paginated listing."""
    return select(ApiKey)


def list_keys(session: Session) -> Sequence[ApiKey]:
    """Every key, revoked and expired ones too, oldest first."""
    return session.exec(keys_query().order_by(col(ApiKey.created_at), col(ApiKey.id))).all()


def get_key(session: Session, key_id: str) -> ApiKey | None:
    """The key with this id, if any."""
    return session.get(ApiKey, key_id)


def revoke_key(session: Session, key_id: str) -> ApiKey | None:
    """Revoke the key (a second revocation keeps the first time); None if there is no such key."""
    key = session.get(ApiKey, key_id)
    if key is not None and key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
        session.flush()
    return key


def authenticate(session: Session, authorization: str) -> Principal:
    """The principal behind an `Authorization: Bearer <key>` header; Unauthorized if bad.

    Never logs or echoes the header: it holds the secret.
    """
    key_id, secret = _parse(authorization)
    key = session.get(ApiKey, key_id) if key_id else None
    stored = key.secret_sha256 if key is not None else _NO_DIGEST
    if not hmac.compare_digest(_digest(secret), stored) or key is None:
        raise Unauthorized("The API key is not valid.", error="invalid_token")
    now = utcnow()
    if key.revoked_at is not None:
        log.info("refused revoked API key %s", key.id)
        raise Unauthorized("This API key has been revoked.", error="invalid_token")
    if key.expires_at is not None and key.expires_at <= now:
        log.info("refused expired API key %s", key.id)
        raise Unauthorized("This API key has expired.", error="invalid_token")
    _touch(session, key, now)
    return Principal(key_id=key.id, scopes=implied_scopes(key.scopes.split()))


def _parse(authorization: str) -> tuple[str, str]:
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        raise Unauthorized(
            "Send the API key as `Authorization: Bearer <key>`.", error="invalid_request"
        )
    key_id, _, secret = token.strip().removeprefix(KEY_PREFIX).partition("_")
    if not token.strip().startswith(KEY_PREFIX) or not key_id or not secret:
        raise Unauthorized("The API key is not valid.", error="invalid_token")
    return key_id, secret


def _touch(session: Session, key: ApiKey, now: datetime) -> None:
    """Record the key's use, at most once per TOUCH_INTERVAL, outside the request's transaction.

    Its own short transaction, so a read stays a read and a failed request still counts
    as a use; the WHERE keeps concurrent requests from writing twice.
    """
    if key.last_used_at is not None and now - key.last_used_at < TOUCH_INTERVAL:
        return
    stale = or_(col(ApiKey.last_used_at).is_(None), col(ApiKey.last_used_at) < now - TOUCH_INTERVAL)
    statement = update(ApiKey).where(col(ApiKey.id) == key.id, stale).values(last_used_at=now)
    bind = session.get_bind()
    if not isinstance(bind, Engine):  # a session pinned to one connection: no second one
        session.execute(statement)
        return
    try:
        with bind.begin() as connection:
            connection.execute(statement)
    except SQLAlchemyError:
        # Bookkeeping only: a busy database must not turn a valid key away.
        log.warning("could not record the use of API key %s", key.id, exc_info=True)
