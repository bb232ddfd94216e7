"""Event queries that fetch for many events at once, as Core rows (the read converters use
the columns as attributes; ORM instances cost twice the time and are never written back)."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, or_, select
from sqlmodel import Session

from app.models import EventLink, EventSource

_LINK: Any = EventLink.__table__  # type: ignore[attr-defined]
_REPORT: Any = EventSource.__table__  # type: ignore[attr-defined]


def links_of(session: Session, event_ids: Sequence[str]) -> Sequence[Row[Any]]:
    """Links leaving or reaching any of these events."""
    c = _LINK.c
    statement = select(_LINK).where(
        or_(c.event_id.in_(event_ids), c.target_event_id.in_(event_ids))
    )
    return session.execute(statement.order_by(c.id)).all()


def sources_of(session: Session, event_ids: Sequence[str]) -> Sequence[Row[Any]]:
    """Which sources report which of these events."""
    c = _REPORT.c
    statement = select(_REPORT).where(c.event_id.in_(event_ids)).order_by(c.source_id)
    return session.execute(statement).all()
