"""Typed factories for records the tests generate beyond the seed data."""

from datetime import date

from app.core.text import fold
from app.models import Event, Evidence, Participation


def make_event(
    index: int, *, prefix: str = "gen", day: date | None = None, precision: str = "day"
) -> Event:
    """A generated event; `precision` month or year widens its span like a reported time."""
    start = end = day
    value = None
    if day is not None:
        value = day.isoformat()
        if precision == "month":
            start, value = day.replace(day=1), day.isoformat()[:7]
            end = day.replace(day=28)
        elif precision == "year":
            start, end, value = date(day.year, 1, 1), date(day.year, 12, 31), str(day.year)
    title = f"Generated event {index:05d}"
    return Event(
        id=f"{prefix}-{index:05d}",
        title=title,
        event_type="consult",
        modality="occurred",
        summary="",
        occurred={"value": value, "precision": precision} if value else None,
        occurred_start=start,
        occurred_end=end,
        search_key=fold(title),
    )


def make_participation(event: Event, actor_id: str, role: str = "attendee") -> Participation:
    return Participation(
        id=f"{event.id}--{actor_id}--{role}", event_id=event.id, actor_id=actor_id, role=role
    )


def make_evidence(
    subject_type: str, subject_id: str, source_id: str, text: str, start: int, length: int
) -> Evidence:
    """Evidence quoting `text[start:start+length]` of the source whose text is `text`."""
    return Evidence(
        id=f"evd-{subject_type}-{subject_id}-{start}",
        subject_type=subject_type,
        subject_id=subject_id,
        source_id=source_id,
        excerpt=text[start : start + length],
        start_offset=start,
        end_offset=start + length,
    )
