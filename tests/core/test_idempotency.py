"""Idempotency-Key on POST, through a test-only route that writes one row per request."""

import hashlib
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import cast

import pytest
from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from app.auth.dependencies import WriterDep
from app.auth.service import create_key
from app.core.db import SessionDep
from app.curation.idempotency import IdempotencyDep
from app.models.api_key import ApiKey
from app.models.base import utcnow
from app.models.idempotency_record import IdempotencyRecord
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.helpers import assert_problem


class ThingIn(BaseModel):
    name: str


@dataclass
class Hooks:
    """What the test route does before it writes: fail once, or wait for a signal."""

    fail_next: bool = False
    entered: threading.Event = field(default_factory=threading.Event)
    gate: threading.Event | None = None

    def before_write(self) -> None:
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(timeout=30)
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("the write failed")


def _client(engine: Engine, hooks: Hooks) -> TestClient:
    client = client_for(engine)
    app = cast(FastAPI, client.app)

    @app.post("/test/things", status_code=201)
    def create_thing(
        thing: ThingIn, session: SessionDep, principal: WriterDep, idem: IdempotencyDep
    ) -> Response:
        if (replay := idem.replay()) is not None:
            return replay
        hooks.before_write()
        if thing.name.startswith("refuse"):  # an answer that is not a 2xx is not kept
            response = JSONResponse({"refused": thing.name}, status_code=409)
        else:
            key, _ = create_key(session, name=thing.name, scopes=["read"])  # the row written
            body = {"id": key.id, "name": thing.name, "by": principal.key_id}
            headers = {"Location": f"/test/things/{key.id}", "ETag": f'"{key.id}"'}
            response = JSONResponse(body, status_code=201, headers=headers)
        idem.remember(session, response)
        return response

    return client


@pytest.fixture(scope="module")
def hooks() -> Hooks:
    return Hooks()


@pytest.fixture(scope="module")
def client(seeded_engine: Engine, hooks: Hooks) -> Iterator[TestClient]:
    with _client(seeded_engine, hooks) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def writer(seeded_engine: Engine) -> dict[str, str]:
    return bearer(make_key(seeded_engine, "write")[1])


def _rows(engine: Engine, name: str) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).where(col(ApiKey.name) == name)).one()


def _name() -> str:
    return f"thing-{uuid.uuid4().hex}"


def test_a_retry_gets_the_first_answer_and_writes_once(
    client: TestClient, writer: dict[str, str], seeded_engine: Engine
) -> None:
    name, key = _name(), str(uuid.uuid4())
    headers = {**writer, "Idempotency-Key": key}
    first = client.post("/test/things", json={"name": name}, headers=headers)
    second = client.post("/test/things", json={"name": name}, headers=headers)
    assert first.status_code == second.status_code == 201, second.text
    assert second.content == first.content
    for header in ("location", "etag", "content-type"):
        assert second.headers[header] == first.headers[header]
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert _rows(seeded_engine, name) == 1


def test_without_the_header_every_post_writes(
    client: TestClient, writer: dict[str, str], seeded_engine: Engine
) -> None:
    name = _name()
    for _ in range(2):
        assert client.post("/test/things", json={"name": name}, headers=writer).status_code == 201
    assert _rows(seeded_engine, name) == 2


def test_the_same_key_with_another_body_is_422(
    client: TestClient, writer: dict[str, str], seeded_engine: Engine
) -> None:
    key, first, other = str(uuid.uuid4()), _name(), _name()
    headers = {**writer, "Idempotency-Key": key}
    assert client.post("/test/things", json={"name": first}, headers=headers).status_code == 201
    refused = client.post("/test/things", json={"name": other}, headers=headers)
    body = assert_problem(refused, 422)
    assert body["type"].endswith("/idempotency-key-reused")
    assert _rows(seeded_engine, other) == 0


def test_keys_belong_to_the_api_key_that_sent_them(
    client: TestClient, writer: dict[str, str], seeded_engine: Engine
) -> None:
    name, key = _name(), str(uuid.uuid4())
    other_writer = bearer(make_key(seeded_engine, "write")[1])
    for auth in (writer, other_writer):
        sent = client.post(
            "/test/things", json={"name": name}, headers={**auth, "Idempotency-Key": key}
        )
        assert sent.status_code == 201
    assert _rows(seeded_engine, name) == 2


def test_a_concurrent_duplicate_is_409_while_the_first_runs(
    seeded_engine: Engine, writer: dict[str, str]
) -> None:
    hooks = Hooks(gate=threading.Event())
    name, key = _name(), str(uuid.uuid4())
    headers = {**writer, "Idempotency-Key": key}
    answers: dict[str, object] = {}
    with _client(seeded_engine, hooks) as client:

        def first() -> None:
            answers["first"] = client.post("/test/things", json={"name": name}, headers=headers)

        thread = threading.Thread(target=first)
        thread.start()
        assert hooks.entered.wait(timeout=30), "the first request never reached the route"
        duplicate = client.post("/test/things", json={"name": name}, headers=headers)
        hooks.gate.set()  # type: ignore[union-attr]
        thread.join(timeout=30)
        retry = client.post("/test/things", json={"name": name}, headers=headers)
    body = assert_problem(duplicate, 409)
    assert body["type"].endswith("/idempotency-key-in-flight")
    first_answer = answers["first"]
    assert getattr(first_answer, "status_code", None) == 201
    assert retry.status_code == 201
    assert retry.content == getattr(first_answer, "content", None)
    assert _rows(seeded_engine, name) == 1


def test_a_failed_first_attempt_leaves_the_key_free(
    client: TestClient, hooks: Hooks, writer: dict[str, str], seeded_engine: Engine
) -> None:
    name, key = _name(), str(uuid.uuid4())
    headers = {**writer, "Idempotency-Key": key}
    hooks.fail_next = True
    failed = client.post("/test/things", json={"name": name}, headers=headers)
    assert_problem(failed, 500)
    retry = client.post("/test/things", json={"name": name}, headers=headers)
    assert retry.status_code == 201, retry.text
    assert "idempotent-replayed" not in retry.headers
    assert _rows(seeded_engine, name) == 1


def test_an_answer_other_than_2xx_is_not_kept(
    client: TestClient, writer: dict[str, str], seeded_engine: Engine
) -> None:
    key_id = writer["Authorization"].split("_")[1]
    key = str(uuid.uuid4())
    headers = {**writer, "Idempotency-Key": key}
    for _ in range(2):
        answer = client.post("/test/things", json={"name": "refuse-" + key}, headers=headers)
        assert answer.status_code == 409
        assert "idempotent-replayed" not in answer.headers
    with Session(seeded_engine) as session:
        assert session.get(IdempotencyRecord, (key_id, key)) is None


def _claim(engine: Engine, key_id: str, key: str, body: bytes, age: timedelta) -> None:
    """A claim left uncompleted `age` ago, as by a request still running or a crashed one."""
    with Session(engine) as session:
        session.add(
            IdempotencyRecord(
                key_id=key_id,
                idempotency_key=key,
                method="POST",
                path="/test/things",
                body_sha256=hashlib.sha256(body).hexdigest(),
                created_at=utcnow() - age,
            )
        )
        session.commit()


def test_a_claim_is_in_flight_for_5_minutes_then_taken_over(
    client: TestClient, seeded_engine: Engine
) -> None:
    key_id, plain = make_key(seeded_engine, "write")
    name = _name()
    body = json.dumps({"name": name}).encode()
    fresh, abandoned = str(uuid.uuid4()), str(uuid.uuid4())
    _claim(seeded_engine, key_id, fresh, body, timedelta(minutes=4))
    _claim(seeded_engine, key_id, abandoned, body, timedelta(minutes=6))
    json_type = {"Content-Type": "application/json", **bearer(plain)}
    busy = client.post(
        "/test/things", content=body, headers={**json_type, "Idempotency-Key": fresh}
    )
    assert assert_problem(busy, 409)["type"].endswith("/idempotency-key-in-flight")
    taken = client.post(
        "/test/things", content=body, headers={**json_type, "Idempotency-Key": abandoned}
    )
    assert taken.status_code == 201, taken.text
    assert _rows(seeded_engine, name) == 1


def test_a_key_over_255_characters_is_400_naming_the_header(
    client: TestClient, writer: dict[str, str]
) -> None:
    headers = {**writer, "Idempotency-Key": "k" * 256}
    response = client.post("/test/things", json={"name": _name()}, headers=headers)
    assert_problem(response, 400, "header.Idempotency-Key")
