"""search index: romanisation keys of names; FTS5 over events, sources and quotes (SQLite)

Revision ID: b8fb78312e09
Revises: cfb24f3d16a6
Create Date: 2026-11-23 15:50:00.000000

`actor_name.name_key` holds each name's romanisation key, filled here for the names already
stored (`python -m app seed` refills it; rows written without the application get '').
On SQLite, the FTS5 table `search_fts` indexes event titles and summaries, source titles
and texts, and quote texts, and `search_fts_row` maps each record to its FTS rowid;
triggers keep both in step with every insert, update and delete on those tables, so writes
made without the application (or by a later curation API) are searchable at once.
PostgreSQL gets nothing here: its search backend is a later migration's business.

A later batch migration that rebuilds `event`, `source` or `quote` on SQLite drops their
triggers with the old table and must create them again (tests/search/test_index.py fails
if it does not).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import context, op

from app.core.text import romanisation_key


revision: str = 'b8fb78312e09'
down_revision: str | None = 'cfb24f3d16a6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_TABLE = "search_fts"
# table -> (columns whose change re-indexes a row, title expression, body expression)
INDEXED = {
    "event": ("id, title, summary", "{row}.title", "{row}.summary"),
    "source": ("id, title, text", "{row}.title", "{row}.text"),
    "quote": ("id, text", "{row}.text", "''"),
}


def upgrade() -> None:
    with op.batch_alter_table('actor_name', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False, server_default=''))
    _fill_name_keys()
    if _is_sqlite():
        _create_search_index()


def downgrade() -> None:
    if _is_sqlite():
        for table in INDEXED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{table}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}_row")
    with op.batch_alter_table('actor_name', schema=None) as batch_op:
        batch_op.drop_column('name_key')


def _is_sqlite() -> bool:
    return bool(op.get_context().dialect.name == "sqlite")


def _fill_name_keys() -> None:
    if context.is_offline_mode():
        return  # no rows to read in a generated script; `python -m app seed` fills the keys
    connection = op.get_bind()
    names = connection.execute(sa.text("SELECT id, name FROM actor_name")).all()
    if names:
        connection.execute(
            sa.text("UPDATE actor_name SET name_key = :key WHERE id = :id"),
            [{"id": name_id, "key": romanisation_key(name)} for name_id, name in names],
        )


def _create_search_index() -> None:
    # unicode61 with remove_diacritics 2 folds case and accents as app.core.text.fold does;
    # record_type and record_id say which row a match is, and are not searched.
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        "record_type UNINDEXED, record_id UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    # The FTS rowid of each record, so a trigger finds a record's entry through an index
    # rather than by scanning the unindexed record_id column.
    op.execute(
        f"CREATE TABLE {FTS_TABLE}_row (id INTEGER PRIMARY KEY, record_type TEXT NOT NULL, "
        "record_id TEXT NOT NULL, UNIQUE (record_type, record_id))"
    )
    for table, (columns, title, body) in INDEXED.items():
        _create_triggers(table, columns, title, body)
        op.execute(f"INSERT INTO {FTS_TABLE}_row (record_type, record_id) SELECT '{table}', id FROM {table}")
        op.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, record_type, record_id, title, body) "
            f"SELECT r.id, '{table}', t.id, {title.format(row='t')}, {body.format(row='t')} "
            f"FROM {table} AS t JOIN {FTS_TABLE}_row AS r ON r.record_type = '{table}' AND r.record_id = t.id"
        )


def _create_triggers(table: str, columns: str, title: str, body: str) -> None:
    def forget(row: str) -> str:
        # Deleting before inserting also covers INSERT OR REPLACE, whose implicit delete
        # fires no delete trigger (https://sqlite.org/lang_conflict.html).
        match = f"record_type = '{table}' AND record_id = {row}.id"
        return (
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id FROM {FTS_TABLE}_row WHERE {match}); "
            f"DELETE FROM {FTS_TABLE}_row WHERE {match};"
        )

    index = (
        f"INSERT INTO {FTS_TABLE}_row (record_type, record_id) VALUES ('{table}', NEW.id); "
        f"INSERT INTO {FTS_TABLE} (rowid, record_type, record_id, title, body) VALUES ("
        f"(SELECT id FROM {FTS_TABLE}_row WHERE record_type = '{table}' AND record_id = NEW.id), "
        f"'{table}', NEW.id, {title.format(row='NEW')}, {body.format(row='NEW')});"
    )
    op.execute(f"CREATE TRIGGER {FTS_TABLE}_{table}_insert AFTER INSERT ON {table} BEGIN {forget('NEW')} {index} END")
    op.execute(f"CREATE TRIGGER {FTS_TABLE}_{table}_update AFTER UPDATE OF {columns} ON {table} BEGIN {forget('OLD')} {index} END")
    op.execute(f"CREATE TRIGGER {FTS_TABLE}_{table}_delete AFTER DELETE ON {table} BEGIN {forget('OLD')} END")
