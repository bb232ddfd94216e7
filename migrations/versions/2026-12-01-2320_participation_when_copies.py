"""participation keeps a copy of its event's span, so an actor's events page from one index

`/events?actor=…&when__gte=…&when__lte=…` read every one of a busy actor's events (a seventh
of a million, each a lookup by text key) to test the range and get the sort keys, then sorted
them: 2.8 s at a million events. With the event's span and sort keys copied onto each
participation and an index in page order, a page is one index range, walked until a page of
rows passes the filter, with no table reads (app/core/query/driving.py).

The copies are the database's: triggers keep them equal to the event's columns on every
write, whichever path writes (the import's batches, the API's ORM writes, SQL fills), so no
writer knows about them and no model declares them (autogenerate skips them, see
app/search/fts5.py:include_name).

Revision ID: 7c4e1f2a9b63
Revises: 7c2e5a1f9d30
Create Date: 2026-12-01 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c4e1f2a9b63"
down_revision: str | None = "7c2e5a1f9d30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPIES = ("occurred_start", "occurred_end", "occurred_first", "occurred_last")
INDEX = "ix_participation_when"
INDEX_COLUMNS = ["actor_id", "occurred_first", "occurred_last", "event_id", *COPIES[:2], "role"]
SQLITE_TRIGGERS = (
    "participation_when_insert",
    "participation_when_move",
    "event_when_new",
    "event_when_change",
)
_SET = ", ".join(COPIES)
_FROM_EVENT = f"SELECT {_SET} FROM event WHERE event.id = participation.event_id"


def _is_sqlite() -> bool:
    return bool(op.get_context().dialect.name == "sqlite")


def _sqlite_triggers() -> None:
    refill = f"UPDATE participation SET ({_SET}) = ({_FROM_EVENT})"
    op.execute(
        "CREATE TRIGGER participation_when_insert AFTER INSERT ON participation "
        f"BEGIN {refill} WHERE id = NEW.id; END"
    )
    op.execute(
        "CREATE TRIGGER participation_when_move AFTER UPDATE OF event_id ON participation "
        f"BEGIN {refill} WHERE id = NEW.id; END"
    )
    # On insert too: a batch may write an event's participations before the event itself.
    news = ", ".join(f"{c} = NEW.{c}" for c in COPIES)
    changes = (("INSERT", "event_when_new"), ("UPDATE OF occurred_start, occurred_end", "event_when_change"))
    for when, name in changes:
        op.execute(
            f"CREATE TRIGGER {name} AFTER {when} ON event "
            f"BEGIN UPDATE participation SET {news} WHERE event_id = NEW.id; END"
        )


def _postgres_triggers() -> None:
    into = ", ".join(f"NEW.{c}" for c in COPIES)
    news = ", ".join(f"{c} = NEW.{c}" for c in COPIES)
    op.execute(
        "CREATE FUNCTION participation_when_copy() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN SELECT {_SET} INTO {into} FROM event WHERE id = NEW.event_id; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER participation_when_copy BEFORE INSERT OR UPDATE OF event_id "
        "ON participation FOR EACH ROW EXECUTE FUNCTION participation_when_copy()"
    )
    op.execute(
        "CREATE FUNCTION event_when_spread() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN UPDATE participation SET {news} WHERE event_id = NEW.id; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER event_when_spread AFTER INSERT OR UPDATE OF occurred_start, "
        "occurred_end ON event FOR EACH ROW EXECUTE FUNCTION event_when_spread()"
    )


def upgrade() -> None:
    for name in COPIES:
        op.add_column("participation", sa.Column(name, sa.Date(), nullable=True))
    op.execute(f"UPDATE participation SET ({_SET}) = ({_FROM_EVENT})")
    op.create_index(INDEX, "participation", INDEX_COLUMNS)
    if _is_sqlite():
        _sqlite_triggers()
    else:
        _postgres_triggers()


def downgrade() -> None:
    if _is_sqlite():
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    else:
        op.execute("DROP TRIGGER event_when_spread ON event")
        op.execute("DROP TRIGGER participation_when_copy ON participation")
        op.execute("DROP FUNCTION event_when_spread()")
        op.execute("DROP FUNCTION participation_when_copy()")
    op.drop_index(INDEX, table_name="participation")
    for name in COPIES:
        if _is_sqlite():
            # In place: a batch rebuild would go through the triggers' tables again.
            op.execute(f"ALTER TABLE participation DROP COLUMN {name}")
        else:
            op.drop_column("participation", name)
