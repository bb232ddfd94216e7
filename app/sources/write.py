"""Writing source articles: verbatim text, identified by its hash, never edited."""

import hashlib
from typing import Any

from sqlmodel import Session, col, select

from app.core.vocab import SourceKind
from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Conflict, Unprocessable
from app.curation.spec import require, slug_id
from app.models import Actor, EventSource, Evidence, Source
from app.sources.schemas import SourceWrite


def _check_kind(data: SourceWrite) -> None:
    if data.kind is SourceKind.ARTICLE and data.text is None:
        raise Unprocessable("body.text", "an article source needs its verbatim text")
    if data.kind is not SourceKind.ARTICLE and data.text is not None:
        raise Unprocessable("body.text", f"a {data.kind.value} source has no text")
    if data.kind is SourceKind.WEB and not data.url:
        raise Unprocessable("body.url", "a web source needs its url")


def _check(session: Session, data: SourceWrite, record_id: str) -> None:
    """The field-named checks: the outlet, the kind, and an article's text, which never
    changes and is one source's."""
    require(session, Actor, data.outlet, "body.outlet")
    _check_kind(data)
    row = session.get(Source, record_id)
    if row is not None and row.kind != data.kind.value:
        raise Unprocessable("body.kind", "a source's kind never changes; add a new source")
    if data.text is None:
        return
    digest = hashlib.sha256(data.text.encode("utf-8")).hexdigest()
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
        "kind": row.kind,
        "outlet": row.outlet_id,
        "title": row.title,
        "byline": row.byline,
        "language": row.language,
        "url": row.url,
        "published": row.published,
        "version": row.dataset_version,
        "licence": row.licence,
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
