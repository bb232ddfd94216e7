"""A seeded database per backend with the ACLED/GDELT-shaped document of `data.py`
imported through POST /imports, shared by the read tests of this folder."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.migrate import upgrade
from app.imports.seed import seed
from tests.attributes.data import document
from tests.auth.helpers import bearer, make_key
from tests.conftest import BACKENDS, SEEDS, client_for
from tests.imports.support import lines, post


@dataclass
class Loaded:
    client: TestClient
    engine: Engine
    headers: dict[str, str]


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Iterator[Loaded]:
    engine = new_engine(request.param)
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
    _, key = make_key(engine, "write", name="importer")
    with client_for(engine) as client:
        response = post(client, lines(document()), bearer(key), reason="attributes test")
        assert response.status_code == 200, response.text
        assert response.json()["loaded"], response.json()["rejected"]
        yield Loaded(client, engine, bearer(key))
