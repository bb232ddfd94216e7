"""A seeded database per backend that the curation tests may write to, and keys for it."""

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.auth.service import create_key
from app.core.migrate import upgrade
from app.imports.seed import seed
from tests.conftest import BACKENDS, SEEDS, client_for


@pytest.fixture(scope="module", params=BACKENDS)
def writable(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    engine = new_engine(request.param)
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
    return engine


@pytest.fixture(scope="module")
def api(writable: Engine) -> Iterator[TestClient]:
    with client_for(writable) as client:
        yield client


def _key(engine: Engine, *scopes: str) -> dict[str, str]:
    with Session(engine) as session:
        _, plain = create_key(session, name="test", scopes=scopes)
        session.commit()
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture(scope="module")
def writer(writable: Engine) -> dict[str, str]:
    return _key(writable, "write")


@pytest.fixture(scope="module")
def reader(writable: Engine) -> dict[str, str]:
    return _key(writable, "read")
