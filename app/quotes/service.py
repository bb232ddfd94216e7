from collections.abc import Sequence

from sqlmodel import Session

from app.core.records import RecordKey, resolve_refs
from app.models import Quote
from app.quotes.schemas import QuoteRead


def read_quotes(session: Session, rows: Sequence[Quote]) -> list[QuoteRead]:
    keys: set[RecordKey] = {("actor", r.speaker_id) for r in rows if r.speaker_id}
    keys |= {("event", r.event_id) for r in rows if r.event_id}
    refs = resolve_refs(session, keys)
    return [
        QuoteRead(
            id=r.id,
            text=r.text,
            language=r.language,
            speaker=refs[("actor", r.speaker_id)] if r.speaker_id else None,
            event=refs[("event", r.event_id)] if r.event_id else None,
        )
        for r in rows
    ]
