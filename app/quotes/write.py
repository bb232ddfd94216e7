"""Writing quotes: a statement as an article gives it, its speaker and its event."""

from typing import Any

from sqlmodel import Session

from app.core.text import fold
from app.core.write_spec import WriteSpec, no_dependents
from app.curation.excerpts import evidence_of, store
from app.curation.spec import require, slug_id
from app.models import Actor, Event, Quote
from app.quotes.schemas import QuoteWrite


def _quote(session: Session, row: Quote | None, data: QuoteWrite, record_id: str) -> Quote:
    require(session, Event, data.event, "body.event")
    require(session, Actor, data.speaker, "body.speaker")
    row = row or Quote(id=record_id, text=data.text, language=data.language)
    row.event_id, row.speaker_id, row.text = data.event, data.speaker, data.text
    row.language, row.search_key = data.language, fold(data.text)
    return store(session, row, ("quote", record_id), data.evidence)


def _quote_snapshot(session: Session, row: Quote) -> dict[str, Any]:
    return {
        "id": row.id,
        "event": row.event_id,
        "speaker": row.speaker_id,
        "text": row.text,
        "language": row.language,
        "evidence": evidence_of(session, ("quote", row.id)),
    }


QUOTES = WriteSpec(
    "quote",
    Quote,
    QuoteWrite,
    _quote,
    _quote_snapshot,
    no_dependents,
    new_id=lambda session, d: slug_id(session, Quote, " ".join(d.text.split()[:8])),
)
