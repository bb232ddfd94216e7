"""reliability: the server's own secrets (cursor signing key) and rate-limit windows

The cursor signing key is made here, once per database, so every worker of a deployment
shares it and cursors survive restarts; CURSOR_SECRET in the settings overrides it.

Revision ID: 5e1c0a7d2b94
Revises: 5e4c1a7d9b20
Create Date: 2026-12-01 20:40:00
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "5e1c0a7d2b94"
down_revision: str | None = "5e4c1a7d9b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    secret = op.create_table(
        "server_secret",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secret")),
    )
    op.bulk_insert(secret, [{"name": "cursor", "value": secrets.token_urlsafe(32)}])
    op.create_table(
        "rate_limit_window",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit_window")),
    )


def downgrade() -> None:
    op.drop_table("rate_limit_window")
    op.drop_table("server_secret")
