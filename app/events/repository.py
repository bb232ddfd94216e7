"""Event queries that fetch for many events at once."""

from collections.abc import Sequence

from sqlmodel import Session, col, or_, select

from app.models import EventLink, EventSource


def links_of(session: Session, event_ids: Sequence[str]) -> list[EventLink]:
    """Links leaving or reaching any of these events."""
    statement = select(EventLink).where(
        or_(col(EventLink.event_id).in_(event_ids), col(EventLink.target_event_id).in_(event_ids))
    )
    return list(session.exec(statement.order_by(col(EventLink.id))))


def sources_of(session: Session, event_ids: Sequence[str]) -> list[EventSource]:
    """Which sources report which of these events."""
    statement = select(EventSource).where(col(EventSource.event_id).in_(event_ids))
    return list(session.exec(statement.order_by(col(EventSource.source_id))))
