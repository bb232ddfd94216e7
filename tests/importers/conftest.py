"""The importers on new databases of each backend, and a client to read what they wrote."""

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.importers.cli import FORMATS
from app.importers.fields import FieldReport
from app.importers.run import import_foreign, stem
from app.imports.schemas import ImportReport
from tests.conftest import client_for
from tests.imports.conftest import empty_engine

__all__ = ["empty_engine"]
# The documents the importers emit use the issue-9 shapes (dataset and web sources, record
# and located evidence, attributes) that the evidence-attrs branch adds; until it is merged
# the tests that import skip, naming it.
NEEDS_SHAPES = pytest.mark.skipif(
    importlib.util.find_spec("app.attributes") is None,
    reason="needs the evidence-attrs branch (issue-9 evidence kinds and attributes) merged",
)
FIXTURES = Path(__file__).parent / "fixtures"
GDELT_EVENTS = FIXTURES / "20221018.export.CSV"
GDELT_MENTIONS = FIXTURES / "20221018.mentions.CSV"
ACLED_NEW = FIXTURES / "acled-2024.csv"
ACLED_OLD = FIXTURES / "acled-2019-old.csv"


def load(
    engine: Engine, fmt: str, path: Path, *, dry_run: bool = False
) -> tuple[ImportReport, FieldReport]:
    """What `python -m app import --from FMT PATH` does, in this process."""
    with Session(engine) as session, path.open("rb") as stream:
        converter = FORMATS[fmt](stem(path.name), session)
        found = import_foreign(session, converter, stream, dry_run=dry_run, reason=None)
        session.commit()
    return found


def changed(report: ImportReport) -> int:
    """Records the import inserted or updated."""
    return sum(k.inserted + k.updated for k in report.kinds.values())


def skipped_lines(fields: FieldReport) -> dict[int, str]:
    return dict(fields.skipped)


def ref_id(ref: Any) -> Any:
    """The id a reference names (`{"type": …, "id": …}`), or None."""
    return ref["id"] if isinstance(ref, dict) else ref


def participants(client: TestClient, event_id: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get(f"/events/{event_id}/participants").json()["items"]
    return items


def evidence_items(client: TestClient, path: str) -> list[dict[str, Any]]:
    """The evidence listed for a record (`/events/ID`), each with its source's id."""
    items = client.get(f"{path}/evidence").json()["evidence"]
    return [item | {"source": ref_id(item["source"])} for item in items]


@pytest.fixture
def reader(empty_engine: Engine) -> Iterator[TestClient]:
    """A client on the database the test imports into."""
    with client_for(empty_engine) as client:
        yield client
