"""event sort keys: occurred_first/occurred_last, computed by the database, and their indexes

`sort=when` and `sort=-when` (the default list order) were a full scan plus a sort of the
event table, because the keyset sort was on CASE/coalesce expressions. These generated
columns hold the same keys, so both directions walk an index, whatever path writes events.
PostgreSQL stores them; SQLite adds them as VIRTUAL columns (indexed, so stored in the index)
in place: a STORED one would need a batch rebuild of `event`, which drops its search triggers.

Revision ID: 5f0c2a9e7b1d
Revises: 5f0c2a9d7e41
Create Date: 2026-12-01 20:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5f0c2a9e7b1d"
down_revision: str | None = "5f0c2a9d7e41"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIRST = "coalesce(occurred_start, occurred_end, '9999-12-31')"
LAST = "coalesce(occurred_end, occurred_start, '0001-01-01')"


def _is_sqlite() -> bool:
    return bool(op.get_context().dialect.name == "sqlite")


def upgrade() -> None:
    stored = not _is_sqlite()
    op.add_column(
        "event", sa.Column("occurred_first", sa.Date(), sa.Computed(FIRST, persisted=stored))
    )
    op.add_column(
        "event", sa.Column("occurred_last", sa.Date(), sa.Computed(LAST, persisted=stored))
    )
    op.create_index("ix_event_occurred_first", "event", ["occurred_first", "occurred_last", "id"])
    op.create_index(
        "ix_event_occurred_last",
        "event",
        [sa.column("occurred_last").desc(), sa.column("occurred_first").desc(), "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_event_occurred_last", table_name="event")
    op.drop_index("ix_event_occurred_first", table_name="event")
    for name in ("occurred_last", "occurred_first"):
        if _is_sqlite():
            # In place (SQLite 3.35+): a batch rebuild would drop the table's search triggers.
            op.execute(f"ALTER TABLE event DROP COLUMN {name}")
        else:
            op.drop_column("event", name)
