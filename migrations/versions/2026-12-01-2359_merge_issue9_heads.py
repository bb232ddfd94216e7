"""merge the issue-9 heads (place geography; sources, evidence kinds and attributes)

Both branches start from 3b7d2e9a4c18; this revision joins them so that `upgrade head`
has one head on the importers branch. The integrator may re-chain the two instead and
drop this file: it changes no schema.

Revision ID: 5e8a3c1d7b42
Revises: 9c4e1f7a2d63, 7c2e5a1f9d30
Create Date: 2026-12-01 23:59:00
"""

from collections.abc import Sequence

revision: str = "5e8a3c1d7b42"
down_revision: str | Sequence[str] | None = ("9c4e1f7a2d63", "7c2e5a1f9d30")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the join of two heads."""


def downgrade() -> None:
    """Nothing to undo."""
