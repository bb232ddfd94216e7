"""The search backend for the request's database."""

from typing import Annotated

from fastapi import Depends

from app.core.db import SessionDep
from app.search.backend import SearchBackend
from app.search.fts5 import Fts5Backend
from app.search.portable import PortableBackend


def get_search_backend(session: SessionDep) -> SearchBackend:
    """FTS5 on SQLite (its migration builds the index); the portable fallback elsewhere."""
    if session.get_bind().dialect.name == "sqlite":
        return Fts5Backend()
    return PortableBackend()


SearchBackendDep = Annotated[SearchBackend, Depends(get_search_backend)]
