from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import app.models  # noqa: F401  (all tables on the metadata)
from app.core.migrate import downgrade, upgrade
from app.search.fts5 import include_name
from tests.conftest import BACKENDS


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_build_the_models_schema_and_downgrade_cleanly(
    backend: str, new_engine: Callable[[str], Engine]
) -> None:
    engine = new_engine(backend)
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"compare_type": True, "render_as_batch": True, "include_name": include_name},
        )
        assert compare_metadata(context, SQLModel.metadata) == []
    assert set(inspect(engine).get_table_names()) >= set(SQLModel.metadata.tables)
    downgrade(engine)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
