"""Recording changes, and reading them back as a feed or as one record's history."""

from typing import Any

from sqlmodel import Session

from app.models import Change


def record_change(
    session: Session,
    *,
    record_type: str,
    record_id: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    key_id: str | None,
    reason: str | None,
) -> Change:
    """Add one change to the history, in the caller's transaction (so it lands with the write)."""
    change = Change(
        record_type=record_type,
        record_id=record_id,
        action=action,
        before=before,
        after=after,
        key_id=key_id,
        reason=reason,
    )
    session.add(change)
    session.flush()
    return change
