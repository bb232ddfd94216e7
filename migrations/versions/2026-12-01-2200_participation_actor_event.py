"""participation(actor_id, event_id): the actor filter reads event ids from the index alone

`/events?actor=…` starts from the participations of the actor; with an index on `actor_id`
alone each of them was a second lookup into the table just to read its `event_id`, which for
a busy actor (a tenth of a million events) was most of the request. The new index holds both
columns, so the lookup is a range of one index; it replaces the one on `actor_id`, whose
every use it also serves.

Revision ID: 3b7d2e9a4c18
Revises: 5e1c0a7d2b94
Create Date: 2026-12-01 22:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3b7d2e9a4c18"
down_revision: str | None = "5e1c0a7d2b94"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_participation_actor_event", "participation", ["actor_id", "event_id"])
    op.drop_index("ix_participation_actor_id", table_name="participation")


def downgrade() -> None:
    op.create_index("ix_participation_actor_id", "participation", ["actor_id"])
    op.drop_index("ix_participation_actor_event", table_name="participation")
