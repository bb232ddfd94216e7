"""name flags and origin, claim disagreement kind; redirects for the renamed van Weel records

The seed data named NATO's Assistant Secretary General for Emerging Security Challenges by the
article's misspelling ("David van Bael"); his records now live under `david-van-weel`. The
seed loader writes no redirects, so this revision records them, as a merge would, for the
old ids to answer 308 instead of 404.

Revision ID: 5f0c2a9d7e41
Revises: 880b67c1bd7b
Create Date: 2026-12-01 20:20:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "5f0c2a9d7e41"
down_revision: str | None = "880b67c1bd7b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RENAMED = [
    ("actor", "david-van-bael", "david-van-weel"),
    ("event", "kim-gun-meets-david-van-bael", "kim-gun-meets-david-van-weel"),
    ("relationship", "david-van-bael--official_of--nato", "david-van-weel--official_of--nato"),
    *(
        (
            "participation",
            f"kim-gun-meets-david-van-bael--{old}--{role}",
            f"kim-gun-meets-david-van-weel--{new}--{role}",
        )
        for old, new, role in [
            ("kim-gun", "kim-gun", "attendee"),
            ("david-van-bael", "david-van-weel", "attendee"),
            ("north-korea", "north-korea", "subject"),
        ]
    ),
]

_redirect = sa.table(
    "redirect",
    sa.column("record_type", sa.String),
    sa.column("old_id", sa.String),
    sa.column("new_id", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("actor_name", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("misspelling", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("transliteration", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "origin",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                server_default="article",
                nullable=False,
            )
        )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("disagreement", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
    now = datetime.now(UTC)
    op.bulk_insert(
        _redirect,
        [
            {"record_type": t, "old_id": old, "new_id": new, "created_at": now}
            for t, old, new in RENAMED
        ],
    )


def downgrade() -> None:
    for record_type, old, _ in RENAMED:
        op.execute(
            _redirect.delete().where(
                _redirect.c.record_type == record_type, _redirect.c.old_id == old
            )
        )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("disagreement")
    with op.batch_alter_table("actor_name", schema=None) as batch_op:
        batch_op.drop_column("origin")
        batch_op.drop_column("transliteration")
        batch_op.drop_column("misspelling")
