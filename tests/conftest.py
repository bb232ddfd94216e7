"""Fixtures: a migrated, seeded database per backend, and an httpx client on the app."""

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session

from app.core.db import build_engine, get_session
from app.core.migrate import upgrade
from app.core.registry import Registry, install
from app.imports.seed import seed
from app.main import create_app
from app.records.registry import build_registry
from tests.postgres import find_bindir, running_cluster

# Thousands of requests a minute come from one test client; tests/reliability/test_rate_limits.py
# turns the limits on where it checks them.
os.environ.setdefault("RATE_LIMIT_ENABLED", "false")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

EngineFactory = Callable[[], Engine]


@pytest.fixture(scope="session", autouse=True)
def _registry() -> None:
    """The project's record types, for the fixtures that seed before any app is built."""
    install(build_registry())


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a private PostgreSQL server; skipped where none is installed, unless required."""
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but no PostgreSQL server is installed")
        pytest.skip("no PostgreSQL server installed (set PG_BINDIR or install postgresql)")
    with running_cluster(bindir) as url:
        yield url


@pytest.fixture(scope="session")
def _engines() -> Iterator[list[Engine]]:
    """Every engine the tests made, disposed of when the session ends."""
    engines: list[Engine] = []
    yield engines
    for engine in engines:
        engine.dispose()


@pytest.fixture(autouse=True)
def _close_idle_connections(_engines: list[Engine]) -> Iterator[None]:
    """After each test, close the connections its engines hold idle in their pools.

    A disposed engine stays usable (it opens new connections when next asked), so the
    session-scoped databases go on working; without this, each test's databases kept their
    pools open to the end of the session and PostgreSQL ran out of its 100 connections.
    """
    yield
    for engine in _engines:
        engine.dispose()


@pytest.fixture(scope="session")
def new_engine(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    _engines: list[Engine],
) -> Callable[[str], Engine]:
    """Make engines on new, empty databases of the named backend."""
    engines = _engines

    def make(backend: str) -> Engine:
        name = f"t_{uuid.uuid4().hex[:12]}"
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('db') / name}.db"
        else:
            server = request.getfixturevalue("postgres_server")
            admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
            url = f"{server}/{name}"
        engine = build_engine(url)
        engines.append(engine)
        return engine

    return make


@pytest.fixture(scope="session", params=BACKENDS)
def seeded_engine(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    """A database of each backend, migrated and seeded once for the read-only tests."""
    engine = new_engine(request.param)
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
    return engine


def client_for(
    engine: Engine, base_url: str = "http://testserver", registry: Registry | None = None
) -> TestClient:
    """An httpx client on a fresh app (of `registry`'s record types) whose sessions use
    `engine`."""
    app: FastAPI = create_app(registry)

    def session_override() -> Iterator[Session]:
        with Session(engine) as session:
            yield session
            session.commit()

    app.dependency_overrides[get_session] = session_override
    return TestClient(app, base_url=base_url, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(seeded_engine: Engine) -> Iterator[TestClient]:
    """A client on the seeded database of the current backend."""
    with client_for(seeded_engine) as test_client:
        yield test_client
