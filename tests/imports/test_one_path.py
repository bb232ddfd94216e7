"""One document of each type, loaded four ways onto the seed data: seeding (an extra seed
file), `python -m app import`, `POST /imports` and `POST /{collection}`. Each way must leave
the same rows, and history entries about the record that agree on its type, id and `after`
snapshot (their actions differ by design: `create` from seeding and the API, `import` from
the import paths)."""

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.core.migrate import upgrade
from app.imports.seed import seed
from app.models import Change
from tests.auth.helpers import bearer, make_key
from tests.conftest import BACKENDS, ROOT, SEEDS, client_for
from tests.imports.support import Dump, dump, lines

SOURCE = "asiae-nato-approves-rok-representative-office"
EXCERPT = {
    "kind": "excerpt",
    "source": SOURCE,
    "excerpt": "Yoon Suk-yeol",
    "start": 979,
    "end": 992,
}
# In planning order: each may cite those before it. (record kind, collection, document)
DOCUMENTS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "place",
        "places",
        {
            "id": "t-path-town",
            "name": "Path Town",
            "kind": "city",
            "part_of": None,
            "lat": 50.85,
            "lon": 4.35,
            "precision": "city",
            "geo_origin": "reference",
            "gazetteer": {"geonames": "0000001"},
            "names": [{"name": "Pad Stad", "lang": "nl"}],
        },
    ),
    (
        "actor",
        "actors",
        {
            "id": "t-path-actor",
            "kind": "person",
            "name": "Onepath Testperson",
            "description": "",
            "identifiers": {},
            "names": [
                {
                    "name": "Onepath Testperson",
                    "lang": "en",
                    "kind": "canonical",
                    "misspelling": False,
                    "transliteration": False,
                    "origin": "reference",
                    "evidence": [],
                }
            ],
        },
    ),
    (
        "source",
        "sources",
        {
            "id": "t-path-source",
            "kind": "article",
            "outlet": None,
            "title": "One path article",
            "byline": None,
            "language": "en",
            "url": None,
            "published": None,
            "version": None,
            "licence": None,
            "text": "One path article: the text of a test that no seed article has.",
        },
    ),
    (
        "event",
        "events",
        {
            "id": "t-path-event",
            "title": "One path event",
            "event_type": "consult",
            "modality": "occurred",
            "summary": "",
            "occurred": None,
            "announced": None,
            "place": "t-path-town",
            "sources": [SOURCE],
            "links": [],
        },
    ),
    (
        "relationship",
        "relationships",
        {
            "id": "t-path-rel",
            "subject": "t-path-actor",
            "relationship_type": "member_of",
            "object": "yoon-suk-yeol",
            "start": None,
            "end": None,
            "description": None,
        },
    ),
]
KINDS = [kind for kind, _collection, _document in DOCUMENTS]
PATHS = ["seeding", "cli", "imports", "collection"]


def _documents() -> list[tuple[str, str, dict[str, Any]]]:
    """The documents, each with its evidence (sources carry none in the format)."""
    return [
        (kind, where, doc if kind == "source" else {**doc, "evidence": [EXCERPT]})
        for kind, where, doc in DOCUMENTS
    ]


def _seeded(engine: Engine, seeds: Path = SEEDS) -> Engine:
    upgrade(engine)
    with Session(engine) as session:
        seed(session, seeds)
    return engine


def _by_seeding(engine: Engine, tmp: Path) -> None:
    seeds = tmp / "seeds"
    shutil.copytree(SEEDS, seeds)
    extra: dict[str, list[Any]] = {}
    for kind, _where, doc in _documents():
        extra.setdefault(f"{kind}s", []).append(doc)
    (seeds / "data" / "zz-one-path.yaml").write_text(yaml.safe_dump(extra), encoding="utf-8")
    _seeded(engine, seeds)


def _by_cli(engine: Engine, tmp: Path) -> None:
    _seeded(engine)
    path = tmp / "one-path.ndjson"
    path.write_text(lines([{"record": k, **d} for k, _w, d in _documents()]), encoding="utf-8")
    url = engine.url.render_as_string(hide_password=False)
    subprocess.run(
        [sys.executable, "-m", "app", "import", str(path)],
        cwd=ROOT,
        env={"DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )


def _by_imports(engine: Engine, tmp: Path) -> None:
    _seeded(engine)
    key = bearer(make_key(engine, "write")[1])
    body = lines([{"record": k, **d} for k, _w, d in _documents()])
    with client_for(engine) as client:
        headers = {**key, "Content-Type": "application/x-ndjson"}
        answer = client.post("/imports", content=body.encode(), headers=headers)
        assert answer.status_code == 200, answer.text


def _by_collection(engine: Engine, tmp: Path) -> None:
    _seeded(engine)
    key = bearer(make_key(engine, "write")[1])
    with client_for(engine) as client:
        for _kind, where, doc in _documents():
            answer = client.post(f"/{where}", json=doc, headers=key, params={"new": "true"})
            assert answer.status_code == 201, answer.text


LOADERS: dict[str, Callable[[Engine, Path], None]] = {
    "seeding": _by_seeding,
    "cli": _by_cli,
    "imports": _by_imports,
    "collection": _by_collection,
}


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest,
    new_engine: Callable[[str], Engine],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Engine]:
    """A database per way of loading, each holding the seed data and the documents."""
    engines = {}
    for path, load in LOADERS.items():
        engines[path] = new_engine(request.param)
        load(engines[path], tmp_path_factory.mktemp(path))
    return engines


def _without_keys(rows: Dump) -> Dump:
    return {table: found for table, found in rows.items() if table != "api_key"}


def _history(engine: Engine, kind: str, record_id: str) -> list[tuple[str, str, Any]]:
    with Session(engine) as session:
        changes = session.exec(
            select(Change).where(
                col(Change.record_type) == kind, col(Change.record_id) == record_id
            )
        ).all()
        return [(c.record_type, c.record_id, c.after) for c in changes]


def test_every_way_of_loading_writes_the_same_rows(loaded: dict[str, Engine]) -> None:
    expected = _without_keys(dump(loaded["seeding"], data_only=True))
    for path in PATHS[1:]:
        assert _without_keys(dump(loaded[path], data_only=True)) == expected, path


@pytest.mark.parametrize("kind", KINDS)
def test_every_way_of_loading_records_the_same_history(
    loaded: dict[str, Engine], kind: str
) -> None:
    record_id = next(doc["id"] for k, _where, doc in _documents() if k == kind)
    expected = _history(loaded["seeding"], kind, record_id)
    assert len(expected) == 1
    for path in PATHS[1:]:
        assert _history(loaded[path], kind, record_id) == expected, path
