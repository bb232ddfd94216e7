"""Source reads; article bodies are loaded only where a response shows them."""

from collections.abc import Sequence

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.core.deferred import TEXT_FREE
from app.core.errors import NotFound
from app.core.records import resolve_refs
from app.core.timespec import TimeSpec
from app.core.vocab import SourceKind
from app.models import Evidence, Source
from app.provenance.service import read_evidence
from app.sources.schemas import SourceRead, SourceText


def without_text(statement: SelectOfScalar[Source]) -> SelectOfScalar[Source]:
    """`statement` with the article body left unread."""
    return statement.options(*TEXT_FREE)


def read_sources(session: Session, rows: Sequence[Source]) -> list[SourceRead]:
    refs = resolve_refs(session, {("actor", r.outlet_id) for r in rows if r.outlet_id})
    return [
        SourceRead(
            id=r.id,
            kind=SourceKind(r.kind),
            title=r.title,
            byline=r.byline,
            language=r.language,
            url=r.url,
            outlet=refs[("actor", r.outlet_id)] if r.outlet_id else None,
            published=TimeSpec.model_validate(r.published) if r.published else None,
            version=r.dataset_version,
            licence=r.licence,
            sha256=r.sha256,
            recorded_at=r.created_at,
        )
        for r in rows
    ]


def source_text(session: Session, source: Source) -> SourceText:
    """The verbatim text and every excerpt taken from it, in text order."""
    if source.text is None or source.sha256 is None:
        raise NotFound(f"Source {source.id!r} is a {source.kind} source: we hold no text of it.")
    statement = select(Evidence).where(Evidence.source_id == source.id)
    rows = session.exec(statement.order_by(col(Evidence.start_offset), col(Evidence.id))).all()
    return SourceText(
        id=source.id,
        sha256=source.sha256,
        length=len(source.text),
        text=source.text,
        evidence=read_evidence(session, rows),
    )
