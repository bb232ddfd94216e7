"""records: a database-wide data version, bumped by every committed write of record data

Cached record reads check it (one primary-key look-up) instead of reading the record again;
app/core/data_version.py bumps it in the writing transaction, just before it commits.

Revision ID: 3b8d2f6c1a47
Revises: 7c4e1f2a9b63
Create Date: 2026-12-02 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "3b8d2f6c1a47"
down_revision: str | None = "7c4e1f2a9b63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(version, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("data_version")
