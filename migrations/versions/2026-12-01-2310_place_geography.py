"""places on the map: coordinates, precision, gazetteer ids, alternate names; hierarchy indexes

A place gains WGS84 `lat`/`lon` (checked ranges, both or neither, one index for the
bounding-box prefilter of `bbox=`/`near=`), `precision` and `geo_origin`; its gazetteer ids
(`place_identifier`, looked up by scheme and id) and alternate names (`place_name`, searched
by folded key) get tables of their own. `place.part_of_id` and `event.place_id` are indexed
so that `within=` walks the hierarchy down and then finds the events by index.

Revision ID: 9c4e1f7a2d63
Revises: 3b7d2e9a4c18
Create Date: 2026-12-01 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "9c4e1f7a2d63"
down_revision: str | None = "3b7d2e9a4c18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_String = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("precision", _String(length=20), nullable=True))
        batch_op.add_column(sa.Column("geo_origin", _String(length=20), nullable=True))
        batch_op.create_check_constraint("lat_range", "lat BETWEEN -90 AND 90")
        batch_op.create_check_constraint("lon_range", "lon BETWEEN -180 AND 180")
        batch_op.create_check_constraint("lat_lon_together", "(lat IS NULL) = (lon IS NULL)")
        batch_op.create_index("ix_place_lat_lon", ["lat", "lon"])
        batch_op.create_index("ix_place_part_of_id", ["part_of_id"])
    op.create_index("ix_event_place_id", "event", ["place_id"])
    op.create_table(
        "place_identifier",
        sa.Column("place_id", _String(length=200), nullable=False),
        sa.Column("scheme", _String(length=40), nullable=False),
        sa.Column("value", _String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"], ["place.id"], name="fk_place_identifier_place_id_place"
        ),
        sa.PrimaryKeyConstraint("place_id", "scheme", name="pk_place_identifier"),
    )
    op.create_index("ix_place_identifier_scheme_value", "place_identifier", ["scheme", "value"])
    op.create_table(
        "place_name",
        sa.Column("id", _String(length=200), nullable=False),
        sa.Column("place_id", _String(length=200), nullable=False),
        sa.Column("name", _String(length=1000), nullable=False),
        sa.Column("lang", _String(length=35), nullable=False),
        sa.Column("search_key", _String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(["place_id"], ["place.id"], name="fk_place_name_place_id_place"),
        sa.PrimaryKeyConstraint("id", name="pk_place_name"),
        sa.UniqueConstraint("place_id", "name", "lang", name="uq_place_name_place_id_name_lang"),
    )
    op.create_index("ix_place_name_place_id", "place_name", ["place_id"])
    op.create_index("ix_place_name_search_key", "place_name", ["search_key"])


def downgrade() -> None:
    op.drop_index("ix_place_name_search_key", table_name="place_name")
    op.drop_index("ix_place_name_place_id", table_name="place_name")
    op.drop_table("place_name")
    op.drop_index("ix_place_identifier_scheme_value", table_name="place_identifier")
    op.drop_table("place_identifier")
    op.drop_index("ix_event_place_id", table_name="event")
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.drop_index("ix_place_part_of_id")
        batch_op.drop_index("ix_place_lat_lon")
        batch_op.drop_constraint("lat_lon_together", type_="check")
        batch_op.drop_constraint("lon_range", type_="check")
        batch_op.drop_constraint("lat_range", type_="check")
        batch_op.drop_column("geo_origin")
        batch_op.drop_column("precision")
        batch_op.drop_column("lon")
        batch_op.drop_column("lat")
