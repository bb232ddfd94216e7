"""The search backend for the request's database."""

from typing import Annotated

from fastapi import Depends

from app.core.db import SessionDep
from app.search.backend import SearchBackend
from app.search.fts5 import Fts5Backend
from app.search.portable import PortableBackend
from app.search.postgres import PostgresBackend

_BACKENDS: dict[str, type[SearchBackend]] = {"sqlite": Fts5Backend, "postgresql": PostgresBackend}


def get_search_backend(session: SessionDep) -> SearchBackend:
    """FTS5 on SQLite, tsvector on PostgreSQL (migrations build both); else the fallback."""
    return _BACKENDS.get(session.get_bind().dialect.name, PortableBackend)()


SearchBackendDep = Annotated[SearchBackend, Depends(get_search_backend)]
