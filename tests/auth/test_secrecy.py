"""A key's secret is in the answer that creates it and nowhere else: no answer, no log line."""

import logging

import httpx
import pytest
from sqlalchemy import Engine

from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for


def test_the_secret_appears_in_no_answer_or_log_line(
    seeded_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger...
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")  # ...and SQL with its parameters
    _, admin = make_key(seeded_engine, "admin")
    with client_for(seeded_engine) as client:
        created = client.post(
            "/keys", json={"name": "leak", "scopes": ["admin"]}, headers=bearer(admin)
        )
        assert created.status_code == 201
        key_id, key = created.json()["id"], created.json()["key"]
        secret = key.split("_", 2)[2]
        answers: list[httpx.Response] = [
            client.get("/keys/me", headers=bearer(key)),
            client.get("/keys", headers=bearer(key)),
            client.get("/keys/me", headers=bearer(key + "x")),  # wrong secret, the real one inside
            client.get("/keys/me", headers=bearer(key[:-1])),
            client.get("/keys/me", headers=bearer(key.replace(key_id, "0" * 16))),
            client.get("/keys/me", headers={"Authorization": f"Basic {key}"}),
            client.get("/keys/me", headers={"Authorization": key}),
            client.post("/keys", json={"name": key, "scopes": ["nope"]}, headers=bearer(admin)),
            client.delete(f"/keys/{key_id}", headers=bearer(key)),
            client.get("/keys/me", headers=bearer(key)),  # revoked
        ]
    assert [a.status_code for a in answers] == [200, 200, 401, 401, 401, 401, 401, 422, 204, 401]
    for answer in answers:
        assert secret not in answer.text
        assert secret not in str(answer.headers)
    # SQL statements with their parameters were logged, so the check below means something.
    assert any(r.name.startswith("sqlalchemy.engine") for r in caplog.records)
    assert secret not in caplog.text
