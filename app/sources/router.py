"""Routes only sources have: the verbatim text."""

from fastapi import APIRouter

from app.core.db import SessionDep
from app.sources.dependencies import SourceDep
from app.sources.schemas import SourceText
from app.sources.service import source_text


def add_source_routes(router: APIRouter) -> None:
    @router.get("/{source_id}/text", response_model=SourceText)
    def get_source_text(source: SourceDep, session: SessionDep) -> SourceText:
        """A source's verbatim text, with each excerpt drawn from it and what it supports."""
        return source_text(session, source)
