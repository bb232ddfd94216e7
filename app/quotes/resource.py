"""What /quotes can be filtered, sorted and included by."""

from sqlmodel import col

from app.core.query.fields import Field, Kind
from app.core.query.loaders import referenced
from app.core.query.resource import Include, ResourceSpec
from app.models import Actor, Event, Quote
from app.provenance.queries import evidence_from, provenance_includes
from app.quotes.schemas import QuoteRead
from app.quotes.service import read_quotes

QUOTES = ResourceSpec(
    name="quotes",
    table=Quote,
    read_model=QuoteRead,
    convert=read_quotes,
    fields=(
        Field("id", Kind.ID, col(Quote.id), "Quote id"),
        Field("text", Kind.TEXT, col(Quote.text), "Preferred wording", sortable=False),
        Field("event", Kind.ID, col(Quote.event_id), "Event id"),
        Field("speaker", Kind.ID, col(Quote.speaker_id), "Speaker actor id"),
        Field("language", Kind.ID, col(Quote.language), "BCP 47 language"),
    ),
    relations=(evidence_from("quote", Quote.id),),
    includes=(
        Include("speaker", "actors", referenced(Actor, "speaker_id"), many=False),
        Include("event", "events", referenced(Event, "event_id"), many=False),
        *provenance_includes("quote"),
    ),
)
