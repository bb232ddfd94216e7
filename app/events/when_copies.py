"""The copies of an event's span that its participations keep (triggers of the migration
`participation_when_copies`), so an actor's events page from one participation index."""

from sqlalchemy import Date, String, column, table

from app.core.query.copies import Copies
from app.models import Event

COPIED = ("occurred_start", "occurred_end", "occurred_first", "occurred_last")
INDEX = "ix_participation_when"

# No model declares these columns (no writer sets them): a lightweight table for queries.
PARTICIPATION = table(
    "participation",
    column("event_id", String),
    column("actor_id", String),
    column("role", String),
    *(column(name, Date) for name in COPIED),
)

EVENT_WHEN = Copies(
    PARTICIPATION,
    PARTICIPATION.c.event_id,
    {
        Event.__table__.c.id: PARTICIPATION.c.event_id,  # type: ignore[attr-defined]
        **{Event.__table__.c[n]: PARTICIPATION.c[n] for n in COPIED},  # type: ignore[attr-defined]
    },
)
