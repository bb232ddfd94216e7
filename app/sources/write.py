"""Writing source articles: verbatim text, identified by its hash, never edited."""

import hashlib
from typing import Any

from sqlmodel import Session, col, select

from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Conflict, Unprocessable
from app.curation.spec import require, slug_id
from app.models import Actor, EventSource, Evidence, Source
from app.sources.schemas import SourceWrite


def _check(session: Session, data: SourceWrite, record_id: str) -> None:
    require(session, Actor, data.outlet, "body.outlet")
    digest = hashlib.sha256(data.text.encode("utf-8")).hexdigest()
    row = session.get(Source, record_id)
    if row is not None and row.sha256 != digest:
        raise Unprocessable("body.text", "an article's text never changes; add a new source")
    if row is None:
        same = session.exec(select(Source.id).where(col(Source.sha256) == digest)).first()
        if same is not None:
            raise Conflict(
                f"This text is already source {same!r}.",
                extensions={"existing": {"type": "source", "id": same, "href": f"/sources/{same}"}},
            )


def _snapshot(session: Session, row: Source) -> dict[str, Any]:
    return {
        "id": row.id,
        "outlet": row.outlet_id,
        "title": row.title,
        "byline": row.byline,
        "language": row.language,
        "url": row.url,
        "published": row.published,
        "text": row.text,
    }


def _dependents(session: Session, row: Source) -> list[RecordKey]:
    found: list[RecordKey] = [
        ("evidence", i)
        for i in session.exec(select(Evidence.id).where(col(Evidence.source_id) == row.id))
    ]
    found += [
        ("event", i)
        for i in session.exec(
            select(EventSource.event_id).where(col(EventSource.source_id) == row.id)
        )
    ]
    return found


SOURCES = WriteSpec(
    "source",
    Source,
    SourceWrite,
    None,  # written as its document (app/sources/document.py)
    _snapshot,
    _dependents,
    new_id=lambda session, data: slug_id(session, Source, data.title),
    check=_check,
)
