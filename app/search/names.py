"""Actor names narrowed through each database's index, for `app.search.actors` to match.

Three questions, each a superset that Python then decides on:
- `narrowed`: names whose spaceless letters (or romanisation key) contain each query unit.
  SQLite answers from the trigram FTS5 table `search_fts_name`, PostgreSQL from `pg_trgm`
  GIN indexes on the same expressions (migration `..._native_search`); elsewhere a scan.
- `containing`: names that are a run of the query's words ("Barack Obama" holds "OBAMA"),
  through the index on `actor_name.search_key`.
- `similar`: names that share letter trigrams with the query, for misspellings, best first.
Query letters are folded words (`app.core.text.words`): letters and digits only, so they
carry no LIKE wildcard and no FTS5 syntax, and need no escaping.
"""

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, text
from sqlmodel import Session, col

from app.models import Actor, ActorName
from app.search.query import SearchQuery

# Actor id, name as spelt, its romanisation key, and the actor's own name.
NameRow = tuple[str, str, str, str]
MAX_NAMES = 1000
MAX_SIMILAR = 50
_TRIGRAM = 3
_FIELDS = "n.actor_id, n.name, n.name_key, a.name"
_FROM_FTS = (
    f"SELECT {_FIELDS} FROM search_fts_name AS f "  # noqa: S608 (no user input in it)
    "JOIN actor_name AS n ON n.rowid = f.rowid JOIN actor AS a ON a.id = n.actor_id "
)


def _rows() -> Any:
    return select(
        col(ActorName.actor_id), col(ActorName.name), col(ActorName.name_key), col(Actor.name)
    ).join(Actor, col(Actor.id) == ActorName.actor_id)


def _pairs(query: SearchQuery) -> list[tuple[str, str]]:
    """Each unit's letters, and its romanised letters."""
    romanised = query.romanised().positives
    return [
        ("".join(u.tokens), "".join(r.tokens))
        for u, r in zip(query.positives, romanised, strict=True)
    ]


def narrowed(session: Session, query: SearchQuery) -> list[NameRow]:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return _narrowed_fts(session, _pairs(query))
    letters = func.replace(col(ActorName.search_key), " ", "")
    key = func.replace(col(ActorName.name_key), " ", "")
    where = and_(*(or_(_has(letters, u), _has(key, r)) for u, r in _pairs(query)))
    statement = _rows().where(where).order_by(col(ActorName.actor_id), col(ActorName.name))
    return [tuple(row) for row in session.execute(statement.limit(MAX_NAMES))]


def _has(column: Any, letters: str) -> ColumnElement[bool]:
    # A plain LIKE (no ESCAPE), which PostgreSQL's trigram index serves.
    result: ColumnElement[bool] = column.like(f"%{letters}%")
    return result


def _narrowed_fts(session: Session, pairs: list[tuple[str, str]]) -> list[NameRow]:
    """Trigram MATCH for units of three letters or more; LIKE on the index for shorter ones."""
    matched = [
        f'(letters : "{u}" OR key : "{r}")' for u, r in pairs if min(len(u), len(r)) >= _TRIGRAM
    ]
    short = [(u, r) for u, r in pairs if min(len(u), len(r)) < _TRIGRAM]
    where = ["search_fts_name MATCH :expr"] if matched else []
    params: dict[str, Any] = {"expr": " AND ".join(matched), "cap": MAX_NAMES}
    for i, (u, r) in enumerate(short):
        where.append(f"(f.letters LIKE :u{i} OR f.key LIKE :r{i})")
        params |= {f"u{i}": f"%{u}%", f"r{i}": f"%{r}%"}
    statement = text(
        _FROM_FTS + f"WHERE {' AND '.join(where)} ORDER BY n.actor_id, n.name LIMIT :cap"
    )
    return [tuple(row) for row in session.execute(statement, params)]


def containing(session: Session, query: SearchQuery) -> list[NameRow]:
    """Names whose folded form is a run of whole query words, longest runs first."""
    tokens = query.tokens
    runs = {
        " ".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)
    }
    if not runs:
        return []
    statement = _rows().where(col(ActorName.search_key).in_(runs)).limit(MAX_NAMES)
    return [tuple(row) for row in session.execute(statement)]


def similar(session: Session, folded: str) -> list[NameRow]:
    """Names sharing trigrams with `folded` (a folded name), most alike first."""
    dialect = session.get_bind().dialect.name
    letters = folded.replace(" ", "")
    if dialect == "sqlite":
        grams = sorted({letters[i : i + _TRIGRAM] for i in range(len(letters) - 2)})
        if not grams:  # under three letters: nothing to compare ("0" matched nothing, not 500)
            return []
        # FTS5 strings double their quotes (https://sqlite.org/fts5.html#fts5_strings).
        quoted = ('"' + g.replace('"', '""') + '"' for g in grams)
        expr = "letters : (" + " OR ".join(quoted) + ")"
        statement = text(_FROM_FTS + "WHERE search_fts_name MATCH :expr ORDER BY rank LIMIT :cap")
        rows = session.execute(statement, {"expr": expr, "cap": MAX_SIMILAR})
        return [tuple(row) for row in rows]
    if dialect == "postgresql":
        # pg_trgm's `%`: similarity over its threshold (0.3 by default), served by the index.
        key = col(ActorName.search_key)
        closeness = func.similarity(key, folded)
        statement = _rows().where(key.op("%")(folded)).order_by(closeness.desc()).limit(MAX_SIMILAR)
        return [tuple(row) for row in session.execute(statement)]
    return []  # no trigram index elsewhere: misspellings are not looked for
