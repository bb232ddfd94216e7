"""Databases the import tests may write to, on each backend, and a client with a write key."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.migrate import upgrade
from app.imports.seed import seed
from tests.auth.helpers import bearer, make_key
from tests.conftest import BACKENDS, SEEDS, client_for


@dataclass
class Api:
    """A client on one database, and a write key for it."""

    client: TestClient
    engine: Engine
    key_id: str
    headers: dict[str, str]


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    """A new, migrated, empty database."""
    engine = new_engine(request.param)
    upgrade(engine)
    return engine


@pytest.fixture
def seeded(empty_engine: Engine) -> Engine:
    """A new database holding the seed data, for a test that writes to it."""
    with Session(empty_engine) as session:
        seed(session, SEEDS)
    return empty_engine


def _api(engine: Engine) -> Iterator[Api]:
    key_id, key = make_key(engine, "write", name="importer")
    with client_for(engine) as client:
        yield Api(client, engine, key_id, bearer(key))


@pytest.fixture
def api(seeded: Engine) -> Iterator[Api]:
    """A client on a fresh seeded database."""
    yield from _api(seeded)


@pytest.fixture
def empty_api(empty_engine: Engine) -> Iterator[Api]:
    """A client on a fresh empty database."""
    yield from _api(empty_engine)
