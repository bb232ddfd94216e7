"""The search indexes: FTS5 follows writes made with plain SQL; both agree with the fallback."""

from collections.abc import Callable, Iterator
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.core.migrate import upgrade
from app.imports.seed import seed
from app.search.dependencies import get_search_backend
from app.search.portable import PortableBackend
from tests.conftest import SEEDS, client_for
from tests.helpers import seed_records
from tests.search.helpers import hit_keys, hits, people


@pytest.fixture
def fresh_sqlite(new_engine: Callable[[str], Engine]) -> Iterator[tuple[Engine, TestClient]]:
    """A new SQLite database, migrated and seeded, with a client on it."""
    engine = new_engine("sqlite")
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
    with client_for(engine) as client:
        yield engine, client


def _execute(engine: Engine, sql: str, **params: Any) -> None:
    with engine.begin() as connection:
        connection.execute(text(sql), params)


def _one_entry_per_record(engine: Engine) -> bool:
    with engine.connect() as connection:
        counts: list[int] = [
            connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
            for table in ("search_fts", "search_fts_row", "event", "source", "quote")
        ]
    return counts[0] == counts[1] == sum(counts[2:])


def test_the_index_follows_an_update_made_with_sql(fresh_sqlite: tuple[Engine, TestClient]) -> None:
    engine, client = fresh_sqlite
    source = seed_records("sources")[0]["id"]
    event = seed_records("events")[0]
    _execute(engine, "UPDATE source SET text = text || ' Zanzibarian' WHERE id = :id", id=source)
    _execute(engine, "UPDATE event SET title = 'Quixotic gathering' WHERE id = :id", id=event["id"])
    assert hit_keys(client, "zanzibarian") == [("source", source)]
    assert hit_keys(client, "quixotic") == [("event", event["id"])]
    assert ("event", event["id"]) not in hit_keys(client, f'"{event["title"]}"')
    assert _one_entry_per_record(engine)


def test_the_index_follows_a_delete_and_an_insert_made_with_sql(
    fresh_sqlite: tuple[Engine, TestClient],
) -> None:
    engine, client = fresh_sqlite
    quote = next(q for e in seed_records("events") for q in e.get("quotes", []))
    words = " ".join(client.get(f"/quotes/{quote['id']}").json()["text"].split()[:4])
    assert ("quote", quote["id"]) in hit_keys(client, words)
    _execute(engine, "DELETE FROM quote WHERE id = :id", id=quote["id"])
    assert ("quote", quote["id"]) not in hit_keys(client, words)
    _execute(
        engine,
        "INSERT INTO quote (id, text, language, search_key, created_at, updated_at) "
        "VALUES ('q-new', 'Brand-new words', 'en', '', '2022-10-27', '2022-10-27')",
    )
    assert hit_keys(client, '"brand new words"') == [("quote", "q-new")]
    # REPLACE deletes the old row without firing delete triggers; the index still follows.
    _execute(
        engine,
        "INSERT OR REPLACE INTO quote (id, text, language, search_key, created_at, updated_at) "
        "VALUES ('q-new', 'Replacement words', 'en', '', '2022-10-27', '2022-10-27')",
    )
    assert hit_keys(client, '"brand new words"') == []
    assert hit_keys(client, '"replacement words"') == [("quote", "q-new")]
    assert _one_entry_per_record(engine)


# Queries on which the two backends must agree hit for hit.
PARITY_QUERIES = [
    *(n["name"] for p in people() for n in p["names"]),
    "nato",
    "korea -china",
    '"north atlantic council"',
    "stolten*",
    '"jens stolt"*',
    "important step partnership",
    "Belgium embassy",
    "Yun Suk-yeol",
    "NAC+4",
    "launch",
    "councils",
    "launc*",
    '"ballistic missile"',
]


def _portable(client: TestClient) -> TestClient:
    app = cast(FastAPI, client.app)
    app.dependency_overrides[get_search_backend] = PortableBackend
    return client


def _by_rank(found: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Hits in order of score and type; within those, as a set (relevance differs)."""
    return sorted(tuple(sorted(h.items())) for h in found)


def test_the_fallback_finds_what_the_index_finds_with_the_same_snippets(
    seeded_engine: Engine, client: TestClient
) -> None:
    # FTS5 on SQLite, tsvector on PostgreSQL: the fallback matches and cuts snippets in
    # Python, so agreeing with it hit for hit is agreeing with each other.
    with client_for(seeded_engine) as fallback:
        _portable(fallback)
        for q in PARITY_QUERIES:
            expected, actual = hits(client, q), hits(fallback, q)
            assert _by_rank(actual) == _by_rank(expected), q
            assert [(h["score"], h["type"]) for h in actual] == [
                (h["score"], h["type"]) for h in expected
            ], q


def test_offsets_hold_when_the_text_itself_has_a_highlight_marker(
    fresh_sqlite: tuple[Engine, TestClient],
) -> None:
    engine, client = fresh_sqlite
    source = seed_records("sources")[0]["id"]
    text_with_marker = "A private-use \ue000 character, then the word Zanzibarian."
    _execute(
        engine, "UPDATE source SET text = :text WHERE id = :id", text=text_with_marker, id=source
    )
    hit = next(h for h in hits(client, "zanzibarian") if h["id"] == source)
    assert hit["field"] == "text"
    assert text_with_marker[hit["start"] : hit["end"]] == hit["matched"] == "Zanzibarian"
    assert "<mark>Zanzibarian</mark>" in hit["snippet"]


def test_the_name_index_follows_names_written_with_sql(
    fresh_sqlite: tuple[Engine, TestClient],
) -> None:
    engine, client = fresh_sqlite
    _execute(
        engine,
        "INSERT INTO actor_name (id, actor_id, name, lang, kind, search_key, name_key, "
        "created_at, updated_at, version) VALUES ('n-new', 'nato', 'Zanzibar Pact', 'en', "
        "'variant', 'zanzibar pact', 'zanzipar pakt', '2022-10-27', '2022-10-27', 1)",
    )
    assert hit_keys(client, "zanzibarpa") == [("actor", "nato")]  # letters across words
    _execute(
        engine,
        "UPDATE actor_name SET name = 'Quixote Pact', search_key = 'quixote pact' "
        "WHERE id = 'n-new'",
    )
    assert hit_keys(client, "zanzibarpa") == []
    assert ("actor", "nato") in hit_keys(client, "quixotepa")
    _execute(engine, "DELETE FROM actor_name WHERE id = 'n-new'")
    assert ("actor", "nato") not in hit_keys(client, "quixotepa")


def _plan(engine: Engine, sql: str, params: dict[str, Any]) -> str:
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # The seeded tables are tiny, so the planner would rightly scan them: ask it
            # whether it can use the index at all.
            connection.execute(text("SET enable_seqscan = off"))
        rows = connection.execute(text(prefix + sql), params).all()
    return "\n".join(str(row[-1]) for row in rows)


def test_name_and_text_search_use_their_indexes(seeded_engine: Engine) -> None:
    if seeded_engine.dialect.name == "sqlite":
        names = _plan(
            seeded_engine,
            "SELECT n.actor_id FROM search_fts_name AS f JOIN actor_name AS n ON n.rowid = f.rowid "
            "WHERE search_fts_name MATCH :expr",
            {"expr": 'letters : "stolten"'},
        )
        assert "VIRTUAL TABLE" in names
        assert "SCAN n" not in names
        return
    names = _plan(
        seeded_engine,
        "SELECT actor_id FROM actor_name WHERE replace(search_key, ' ', '') LIKE :p",
        {"p": "%stolten%"},
    )
    assert "ix_search_actor_name_letters" in names
    similar = _plan(seeded_engine, "SELECT id FROM actor_name WHERE search_key % :q", {"q": "x"})
    assert "ix_search_actor_name_words" in similar
    records = _plan(
        seeded_engine,
        "SELECT id FROM source WHERE search_vector @@ to_tsquery('search_records', :q)",
        {"q": "launch"},
    )
    assert "ix_search_source_vector" in records


def test_a_match_deep_in_a_long_text_keeps_its_offsets(
    fresh_sqlite: tuple[Engine, TestClient],
) -> None:
    # Snippets are cut from a growing prefix of the text: the match lies past the first one.
    engine, client = fresh_sqlite
    source = seed_records("sources")[0]["id"]
    long_text = "filler words " * 800 + "the Zanzibarian accord " + "more filler " * 800
    _execute(engine, "UPDATE source SET text = :text WHERE id = :id", text=long_text, id=source)
    with client_for(engine) as fallback:
        for reader in (client, _portable(fallback)):
            hit = hits(reader, "zanzibarian")[0]
            assert hit["id"] == source
            assert long_text[hit["start"] : hit["end"]] == hit["matched"] == "Zanzibarian"
            assert "<mark>Zanzibarian</mark> accord more filler" in hit["snippet"]
