"""sources without text, three kinds of evidence, declared attribute values

`source` gains `kind` (article, web, dataset), `dataset_version` (`version` in documents: the row's own `version` counts its edits) and `licence`; `text` and `sha256`
become nullable (only an article has text; NULLs never collide in the unique index on
`sha256`, on either backend). `evidence` gains `kind` (excerpt, located, record),
`sentence`, `record` and `field`; `excerpt` and the offsets become nullable, with a check
that each kind fills its own columns. `attribute_value` holds each record's value of each
declared attribute, derived from the claims and refilled here from the claims stored.

SQLite rebuilds `source` and `evidence` (batch mode), which drops the search triggers on
`source`: they are read from `sqlite_master` first and created again afterwards.

Revision ID: 7c2e5a1f9d30
Revises: 3b7d2e9a4c18
Create Date: 2026-12-01 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import context, op

revision: str = "7c2e5a1f9d30"
down_revision: str | None = "3b7d2e9a4c18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = (
    "(kind = 'excerpt' AND excerpt IS NOT NULL AND start_offset IS NOT NULL"
    " AND end_offset IS NOT NULL AND sentence IS NULL AND record IS NULL AND field IS NULL)"
    " OR (kind = 'located' AND excerpt IS NULL AND record IS NULL AND field IS NULL"
    " AND ((start_offset IS NOT NULL AND end_offset IS NOT NULL AND sentence IS NULL)"
    " OR (start_offset IS NULL AND end_offset IS NULL AND sentence IS NOT NULL)))"
    " OR (kind = 'record' AND record IS NOT NULL AND excerpt IS NULL"
    " AND start_offset IS NULL AND end_offset IS NULL AND sentence IS NULL)"
)


def upgrade() -> None:
    triggers = _triggers("source")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="article",
            )
        )
        batch_op.add_column(
            sa.Column("dataset_version", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )
        batch_op.add_column(
            sa.Column("licence", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True)
        )
        batch_op.alter_column("text", existing_type=sa.Text(), nullable=True)
        batch_op.alter_column(
            "sha256", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
        )
        batch_op.create_check_constraint("kind", "kind IN ('article', 'web', 'dataset')")
        batch_op.create_check_constraint(
            "text", "(kind = 'article') = (text IS NOT NULL AND sha256 IS NOT NULL)"
        )
        batch_op.create_check_constraint("web_url", "kind <> 'web' OR url IS NOT NULL")
    for statement in triggers:
        op.execute(statement)
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="excerpt",
            )
        )
        batch_op.add_column(sa.Column("sentence", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("record", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )
        batch_op.add_column(
            sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )
        batch_op.alter_column("excerpt", existing_type=sa.Text(), nullable=True)
        batch_op.alter_column("start_offset", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("end_offset", existing_type=sa.Integer(), nullable=True)
        batch_op.create_check_constraint("sentence", "sentence >= 0")
        batch_op.create_check_constraint("kind_columns", _KINDS)
    op.create_table(
        "attribute_value",
        sa.Column("subject_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("subject_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("number", sa.Float(), nullable=True),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint(
            "subject_type", "subject_id", "name", name=op.f("pk_attribute_value")
        ),
    )
    op.create_index(
        "ix_attribute_value_number", "attribute_value", ["subject_type", "name", "number"]
    )
    op.create_index("ix_attribute_value_code", "attribute_value", ["subject_type", "name", "code"])
    _fill_attribute_values()


def downgrade() -> None:
    op.drop_index("ix_attribute_value_code", table_name="attribute_value")
    op.drop_index("ix_attribute_value_number", table_name="attribute_value")
    op.drop_table("attribute_value")
    # Evidence and sources of the new kinds have no place in the older schema.
    op.execute("DELETE FROM evidence WHERE kind <> 'excerpt'")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_constraint("kind_columns", type_="check")
        batch_op.drop_constraint("sentence", type_="check")
        batch_op.alter_column("end_offset", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("start_offset", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("excerpt", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("field")
        batch_op.drop_column("record")
        batch_op.drop_column("sentence")
        batch_op.drop_column("kind")
    op.execute(
        "DELETE FROM event_source WHERE source_id IN (SELECT id FROM source WHERE kind <> 'article')"
    )
    op.execute(
        "DELETE FROM evidence WHERE source_id IN (SELECT id FROM source WHERE kind <> 'article')"
    )
    op.execute("DELETE FROM source WHERE kind <> 'article'")
    triggers = _triggers("source")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_constraint("web_url", type_="check")
        batch_op.drop_constraint("text", type_="check")
        batch_op.drop_constraint("kind", type_="check")
        batch_op.alter_column(
            "sha256", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        )
        batch_op.alter_column("text", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("licence")
        batch_op.drop_column("dataset_version")
        batch_op.drop_column("kind")
    for statement in triggers:
        op.execute(statement)


def _triggers(table: str) -> list[str]:
    """SQLite: the CREATE TRIGGER statements on `table`, which a batch rebuild drops."""
    if op.get_context().dialect.name != "sqlite" or context.is_offline_mode():
        return []
    rows = op.get_bind().execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
        {"t": table},
    )
    return [sql for (sql,) in rows]


def _fill_attribute_values() -> None:
    """Rows for the attribute claims stored before this migration (the application keeps
    them in step from now on)."""
    if context.is_offline_mode():
        return
    from app.attributes.values import refill_all  # the one definition of a shown value

    refill_all(op.get_bind())
