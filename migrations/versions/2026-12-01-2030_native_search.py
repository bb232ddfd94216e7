"""native search: stemmed FTS5 and a trigram name index on SQLite; tsvector, GIN and pg_trgm on PostgreSQL

Revision ID: 5e4c1a7d9b20
Revises: 5f0c2a9e7b1d
Create Date: 2026-12-01 20:30:00.000000

SQLite: `search_fts` is rebuilt with the porter tokenizer in front of unicode61, so "launch"
finds "launched" (https://sqlite.org/fts5.html#porter_tokenizer); its triggers name it and
keep working. `search_fts_name`, a trigram FTS5 table, indexes each actor name's folded
letters and romanisation key with the spaces taken out, so a name is found by any part of
its letters without scanning `actor_name` (its rowid is the name's rowid; triggers follow
every write). A later batch migration that rebuilds `actor_name` must create them again.

PostgreSQL: the extensions `unaccent` and `pg_trgm` (both trusted, shipped with the server);
the text search configuration `search_records`: the default parser, then `unaccent`, then
the Snowball `porter` stemmer, the same algorithm as FTS5's porter tokenizer. `event`,
`source` and `quote` get a generated `search_vector` (title weight A, body weight B), with
punctuation turned into spaces first, so "Seok-yeol" is two words as on SQLite rather than
the parser's hyphenated compound; GIN indexes on them; and trigram GIN indexes on the same
spaceless name letters and keys as SQLite's, and on the folded names for similarity.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '5e4c1a7d9b20'
down_revision: str | None = '5f0c2a9e7b1d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_TABLE = "search_fts"
NAME_TABLE = "search_fts_name"
STEMMED = "porter unicode61 remove_diacritics 2"
UNSTEMMED = "unicode61 remove_diacritics 2"
# table -> (title column, body column or None), as the triggers of b8fb78312e09 index them
INDEXED = {"event": ("title", "summary"), "source": ("title", "text"), "quote": ("text", None)}
CONFIG = "search_records"
# Word characters as app.core.text sees them; everything else separates words.
_SPACED = "regexp_replace(coalesce({column}, ''), '[\\W_]+', ' ', 'g')"
# index suffix -> indexed expression: spaceless letters and keys for substrings, the folded
# words for similarity (pg_trgm scores misspellings better word by word).
_NAME_INDEXES = {
    "letters": "(replace(search_key, ' ', ''))",
    "key": "(replace(name_key, ' ', ''))",
    "words": "search_key",
}


def upgrade() -> None:
    if _dialect() == "sqlite":
        _rebuild_fts(STEMMED)
        _create_name_index()
    elif _dialect() == "postgresql":
        _create_postgres_search()


def downgrade() -> None:
    if _dialect() == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {NAME_TABLE}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {NAME_TABLE}")
        _rebuild_fts(UNSTEMMED)
    elif _dialect() == "postgresql":
        _drop_postgres_search()


def _dialect() -> str:
    return str(op.get_context().dialect.name)


def _rebuild_fts(tokenize: str) -> None:
    op.execute(f"DROP TABLE {FTS_TABLE}")
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        f"record_type UNINDEXED, record_id UNINDEXED, title, body, tokenize = '{tokenize}')"
    )
    for table, (title, body) in INDEXED.items():
        body_sql = f"t.{body}" if body else "''"
        op.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, record_type, record_id, title, body) "
            f"SELECT r.id, '{table}', t.id, t.{title}, {body_sql} "
            f"FROM {table} AS t JOIN {FTS_TABLE}_row AS r "
            f"ON r.record_type = '{table}' AND r.record_id = t.id"
        )


def _create_name_index() -> None:
    op.execute(f"CREATE VIRTUAL TABLE {NAME_TABLE} USING fts5(letters, key, tokenize = 'trigram')")
    values = "{row}.rowid, replace({row}.search_key, ' ', ''), replace({row}.name_key, ' ', '')"
    insert = f"INSERT INTO {NAME_TABLE} (rowid, letters, key) VALUES ({values.format(row='NEW')});"
    forget = f"DELETE FROM {NAME_TABLE} WHERE rowid = {{row}}.rowid;"
    op.execute(
        f"CREATE TRIGGER {NAME_TABLE}_insert AFTER INSERT ON actor_name "
        f"BEGIN {forget.format(row='NEW')} {insert} END"
    )
    op.execute(
        f"CREATE TRIGGER {NAME_TABLE}_update AFTER UPDATE OF search_key, name_key ON actor_name "
        f"BEGIN {forget.format(row='OLD')} {insert} END"
    )
    op.execute(
        f"CREATE TRIGGER {NAME_TABLE}_delete AFTER DELETE ON actor_name "
        f"BEGIN {forget.format(row='OLD')} END"
    )
    op.execute(f"INSERT INTO {NAME_TABLE} (rowid, letters, key) SELECT {values.format(row='actor_name')} FROM actor_name")


def _create_postgres_search() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"CREATE TEXT SEARCH DICTIONARY {CONFIG}_stem (TEMPLATE = snowball, Language = porter)")
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    op.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR asciiword, word, numword, "
        "asciihword, hword, hword_part, hword_asciipart, hword_numpart, numhword "
        f"WITH unaccent, {CONFIG}_stem"
    )
    for table, (title, body) in INDEXED.items():
        vector = f"setweight(to_tsvector('{CONFIG}', {_SPACED.format(column=title)}), 'A')"
        if body is not None:
            vector += f" || setweight(to_tsvector('{CONFIG}', {_SPACED.format(column=body)}), 'B')"
        op.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED")
        op.execute(f"CREATE INDEX ix_search_{table}_vector ON {table} USING gin (search_vector)")
    for index, expression in _NAME_INDEXES.items():
        op.execute(
            f"CREATE INDEX ix_search_actor_name_{index} ON actor_name "
            f"USING gin ({expression} gin_trgm_ops)"
        )


def _drop_postgres_search() -> None:
    for index in _NAME_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS ix_search_actor_name_{index}")
    for table in INDEXED:
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    op.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {CONFIG}_stem")
    # The extensions stay: other objects in the database may have come to use them.
