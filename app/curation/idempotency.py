"""`Idempotency-Key` on POST: a retry gets the first answer back and the write happens once.

After draft-ietf-httpapi-idempotency-key-header and Stripe's idempotent requests:
https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/

1. Before the route runs, the key (scoped to the caller's API key) is claimed by inserting
   its row in a short transaction of its own, so a concurrent duplicate sees it at once
   (409); a completed row is replayed (same request) or refused (422, another request).
2. The route returns `idem.replay()` if there is one; otherwise it writes and calls
   `idem.remember(session, response)`, which completes the row in the write's transaction.
3. After the route, this dependency commits that transaction before the answer is sent,
   and releases the claim if the route failed or answered without a 2xx, so a retry can
   go ahead. A claim left by a crashed process is taken over after CLAIM_TIMEOUT.
"""

import base64
import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Annotated, Any, cast

from fastapi import Depends, Header, Request, Response
from sqlalchemy import Connection, CursorResult, Engine, delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from app.auth.dependencies import CallerDep
from app.core.db import SessionDep
from app.core.errors import DomainError
from app.models.base import utcnow
from app.models.idempotency_record import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
ANONYMOUS = "anonymous"  # the key_id of claims made without an API key
CLAIM_TIMEOUT = timedelta(minutes=5)  # an uncompleted claim this old was abandoned
_MAX_TARGET = 2000  # IdempotencyRecord.path
_NOT_STORED = {"content-length"}  # recomputed when replayed


class IdempotencyKeyReused(DomainError):
    status = 422
    slug = "idempotency-key-reused"
    title = "Idempotency key reused"


class IdempotencyKeyInFlight(DomainError):
    status = 409
    slug = "idempotency-key-in-flight"
    title = "Idempotency key in flight"


def _target(request: Request) -> str:
    """Path and query: a POST to another URL is another request."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if len(target) <= _MAX_TARGET:
        return target
    return target[: _MAX_TARGET - 65] + "#" + hashlib.sha256(target.encode()).hexdigest()


class Idempotency:
    """One request's idempotency state; without the header every method is a no-op."""

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        key_id: str = ANONYMOUS,
        key: str = "",
        method: str = "",
        target: str = "",
        body_sha256: str = "",
    ):
        self._engine = engine
        self._pk = (key_id, key)
        self._fingerprint = (method, target, body_sha256)
        self._claimed_at: datetime | None = None
        self._replay: Response | None = None
        self.remembered = False

    @property
    def claimed(self) -> bool:
        """Whether this request holds the key and must settle it."""
        return self._claimed_at is not None

    def replay(self) -> Response | None:
        """The stored answer to the first request with this key, if this is a retry."""
        return self._replay

    def remember(self, session: Session, response: Response) -> None:
        """Store a 2xx answer for retries, in the write's own transaction (`session`)."""
        if self._claimed_at is None or not 200 <= response.status_code < 300:
            return
        body = getattr(response, "body", None)
        if not isinstance(body, bytes):
            raise TypeError("only a Response with its body in memory can be remembered")
        headers = [[k, v] for k, v in response.headers.items() if k not in _NOT_STORED]
        statement = (
            update(IdempotencyRecord)
            .where(*self._is_mine(self._claimed_at), col(IdempotencyRecord.completed_at).is_(None))
            .values(
                status_code=response.status_code,
                response={**_encode(body), "headers": headers},
                location=response.headers.get("location"),
                completed_at=utcnow(),
            )
        )
        if cast(CursorResult[Any], session.execute(statement)).rowcount != 1:
            # Our claim was taken over as abandoned: the other request owns the key now.
            raise IdempotencyKeyInFlight(
                f"Another request took over {HEADER} '{self._pk[1]}'; retry to get its answer."
            )
        self.remembered = True

    def claim(self) -> None:
        """Take the key, or find the answer to replay; 409 or 422 when neither is possible."""
        for _ in range(3):  # a claim released or abandoned meanwhile is tried again
            now = utcnow()
            if self._insert(now):
                self._claimed_at = now
                return
            record = self._load()
            if record is None:
                continue
            if record.completed_at is None and record.created_at < now - CLAIM_TIMEOUT:
                self._delete(record.created_at)
                continue
            self._check(record)
            return
        raise IdempotencyKeyInFlight(f"{HEADER} '{self._pk[1]}' is in use; retry shortly.")

    def release(self) -> None:
        """Give the key up (the write did not happen), so a retry can proceed."""
        if self._claimed_at is not None:
            self._delete(self._claimed_at)
            self._claimed_at = None

    def _check(self, record: IdempotencyRecord) -> None:
        if (record.method, record.path, record.body_sha256) != self._fingerprint:
            raise IdempotencyKeyReused(
                f"{HEADER} '{self._pk[1]}' was already used for a different request "
                "(method, URL or body); use a new key for a new request."
            )
        if record.completed_at is None or record.status_code is None:
            raise IdempotencyKeyInFlight(
                f"A request with {HEADER} '{self._pk[1]}' is still being processed; "
                "retry shortly to get its answer."
            )
        self._replay = _rebuild(record.status_code, record.response)

    def _is_mine(self, created_at: datetime) -> list[Any]:
        key_id, key = self._pk
        return [
            col(IdempotencyRecord.key_id) == key_id,
            col(IdempotencyRecord.idempotency_key) == key,
            col(IdempotencyRecord.created_at) == created_at,
        ]

    def _insert(self, now: datetime) -> bool:
        method, target, body_sha256 = self._fingerprint
        record = IdempotencyRecord(
            key_id=self._pk[0],
            idempotency_key=self._pk[1],
            method=method,
            path=target,
            body_sha256=body_sha256,
            created_at=now,
        )
        try:
            with Session(self._engine) as own:  # its own connection and transaction
                own.add(record)
                own.commit()
        except IntegrityError:  # the primary key is taken: someone holds or held the key
            return False
        return True

    def _load(self) -> IdempotencyRecord | None:
        with Session(self._engine, expire_on_commit=False) as own:
            return own.get(IdempotencyRecord, self._pk)

    def _delete(self, created_at: datetime) -> None:
        with Session(self._engine) as own:
            own.execute(delete(IdempotencyRecord).where(*self._is_mine(created_at)))
            own.commit()


def _encode(body: bytes) -> dict[str, str]:
    try:
        return {"body": body.decode()}
    except UnicodeDecodeError:
        return {"body_base64": base64.b64encode(body).decode()}


def _rebuild(status_code: int, stored: Any) -> Response:
    """The first answer again: same status, body bytes and headers (Location, ETag…)."""
    if "body" in stored:
        body = stored["body"].encode()
    else:
        body = base64.b64decode(stored["body_base64"])
    response = Response(content=body, status_code=status_code)
    for name, value in stored["headers"]:
        response.headers.append(name, value)
    response.headers["Idempotent-Replayed"] = "true"
    return response


async def request_body(request: Request) -> bytes:
    """The raw request body (Starlette caches it, so the route can still parse it)."""
    return await request.body()


def idempotency(
    request: Request,
    session: SessionDep,
    principal: CallerDep,
    body: Annotated[bytes, Depends(request_body)],
    idempotency_key: Annotated[
        str | None,
        Header(
            alias=HEADER,
            min_length=1,
            max_length=MAX_KEY_LENGTH,
            description="Any unique string (a UUID): a retry with the same key gets the first "
            "answer back instead of writing twice. Keys are kept per API key.",
        ),
    ] = None,
) -> Iterator[Idempotency]:
    """Claim the request's Idempotency-Key, then settle the claim once the route is done."""
    if idempotency_key is None:
        yield Idempotency()
        return
    bind = session.get_bind()
    idem = Idempotency(
        bind.engine if isinstance(bind, Connection) else bind,
        key_id=(principal.key_id if principal else None) or ANONYMOUS,
        key=idempotency_key,
        method=request.method,
        target=_target(request),
        body_sha256=hashlib.sha256(body).hexdigest(),
    )
    idem.claim()
    if not idem.claimed:  # a replay: nothing to settle
        yield idem
        return
    yield from _settle(idem, session)


def _settle(idem: Idempotency, session: Session) -> Iterator[Idempotency]:
    # The request's transaction is committed (or rolled back) here, before the claim is
    # settled and before the answer is sent: a 201 whose commit failed must not be stored
    # or sent, and releasing the claim must not wait on the request's own write locks.
    try:
        yield idem
        session.commit()
    except BaseException:
        session.rollback()
        idem.release()
        raise
    if not idem.remembered:  # no 2xx: nothing was kept, so a retry may try again
        idem.release()


# scope="function": settle before the answer is sent and before the session dependency
# (request scope) closes, which then has nothing left to commit.
IdempotencyDep = Annotated[Idempotency, Depends(idempotency, scope="function")]
