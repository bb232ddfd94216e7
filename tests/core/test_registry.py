"""A record type declared through the public registry API alone gets the routes every type
has: list, get, evidence, create, patch, delete, history, import and export (what README
"Adding a record type" promises, proven without touching the project's own declarations)."""

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import registry as mapper_registry
from sqlmodel import Field, Session, SQLModel, col

from app.core.migrate import upgrade
from app.core.query.fields import Field as QueryField
from app.core.query.fields import Kind
from app.core.query.resource import ResourceSpec
from app.core.registry import Document, RecordType, install
from app.core.types import Slug
from app.core.write_spec import WriteSpec, no_dependents
from app.curation.excerpts import evidence_of, store
from app.curation.schemas import ExcerptWrite
from app.curation.spec import require
from app.imports.export import Record, export_records
from app.imports.export import evidence_of as bundle_evidence
from app.imports.repository import Bundle
from app.imports.seed import seed
from app.models import Event, Source
from app.models.base import Timestamped
from app.records.registry import build_registry
from app.seeding.plan import KnownIds, Plan
from app.seeding.plan import require as require_known
from app.seeding.rows import Row
from app.seeding.schema import EvidenceIn
from tests.auth.helpers import bearer, make_key
from tests.conftest import BACKENDS, SEEDS, client_for

# Its own mapper registry keeps the throwaway table out of the project's metadata (which
# the migration drift test compares with the migrations).
_tables = mapper_registry()


class _Base(SQLModel, registry=_tables):
    pass


class CasualtyFigure(_Base, Timestamped, table=True):
    __tablename__ = "casualty_figure"
    id: str = Field(primary_key=True)
    event_id: str
    killed: int


class CasualtyRead(BaseModel):
    id: str
    type: Literal["casualty_figure"] = "casualty_figure"
    event: str
    killed: int


class CasualtyWrite(BaseModel):
    id: Slug | None = None
    event: Slug
    killed: int
    evidence: list[ExcerptWrite] = []


def _read(session: Session, rows: Sequence[CasualtyFigure]) -> list[CasualtyRead]:
    return [CasualtyRead(id=r.id, event=r.event_id, killed=r.killed) for r in rows]


def _apply(
    session: Session, row: CasualtyFigure | None, data: CasualtyWrite, record_id: str
) -> CasualtyFigure:
    require(session, Event, data.event, "body.event")
    row = row or CasualtyFigure(id=record_id, event_id=data.event, killed=data.killed)
    row.event_id, row.killed = data.event, data.killed
    return store(session, row, ("casualty_figure", record_id), data.evidence)


def _snapshot(session: Session, row: CasualtyFigure) -> dict[str, Any]:
    return {
        "id": row.id,
        "event": row.event_id,
        "killed": row.killed,
        "evidence": evidence_of(session, ("casualty_figure", row.id)),
    }


class CasualtyIn(BaseModel):
    """Its document: what seed files, imports and exports hold."""

    model_config = ConfigDict(extra="forbid")
    id: Slug
    event: Slug
    killed: int
    evidence: list[EvidenceIn] = []


def _plan(plan: Plan, figures: Sequence[CasualtyIn], ids: KnownIds) -> None:
    for figure in figures:
        where = f"casualty_figure {figure.id!r}"
        plan.begin("casualty_figure", figure.id)
        require_known(plan, ids, "event", figure.event, where)
        plan.add(Row(CasualtyFigure, id=figure.id, event_id=figure.event, killed=figure.killed))
        plan.evidence(("casualty_figure", figure.id), figure.evidence, where)


def _assemble(bundle: Bundle, row: CasualtyFigure) -> Record:
    evidence = bundle_evidence(bundle, "casualty_figure", row.id)
    return {"id": row.id, "event": row.event_id, "killed": row.killed, "evidence": evidence}


def _references(figure: CasualtyIn) -> Iterator[tuple[str, str]]:
    yield "event", figure.event


CASUALTY_FIGURE = RecordType(
    name="casualty_figure",
    table=CasualtyFigure,
    collection="casualty-figures",
    label="id",
    example_id="nac-toll",
    resource=ResourceSpec(
        name="casualty-figures",
        table=CasualtyFigure,
        read_model=CasualtyRead,
        convert=_read,
        fields=(
            QueryField("id", Kind.ID, col(CasualtyFigure.id), "Id"),
            QueryField("killed", Kind.INT, col(CasualtyFigure.killed), "People killed"),
        ),
    ),
    write=WriteSpec(
        "casualty_figure",
        CasualtyFigure,
        CasualtyWrite,
        _apply,
        _snapshot,
        no_dependents,
        new_id=lambda session, data: f"{data.event}-toll",
    ),
    document=Document(
        model=CasualtyIn, order=10, plan=_plan, assemble=_assemble, references=_references
    ),
)

EXCERPT = {
    "source": "asiae-nato-approves-rok-representative-office",
    "excerpt": "North Atlantic Council",
}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request: pytest.FixtureRequest, new_engine: Callable[[str], Engine]) -> Engine:
    engine = new_engine(request.param)
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
    _tables.metadata.create_all(engine)
    return engine


@pytest.fixture(scope="module")
def api(engine: Engine) -> Iterator[TestClient]:
    with client_for(engine, registry=build_registry(extra=[CASUALTY_FIGURE])) as client:
        yield client
    install(build_registry())  # the project's own types again, for the modules after this


@pytest.fixture(scope="module")
def writer(engine: Engine) -> dict[str, str]:
    return bearer(make_key(engine, "write")[1])


def _create(api: TestClient, writer: dict[str, str], killed: int, record_id: str | None) -> Any:
    body = {"event": "nac-decides-rok-nato-office", "killed": killed, "evidence": [EXCERPT]}
    if record_id is not None:
        body["id"] = record_id
    return api.post("/casualty-figures", json=body, headers=writer)


def test_a_declared_type_is_created_with_checked_evidence(
    api: TestClient, writer: dict[str, str]
) -> None:
    created = _create(api, writer, 3, None)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/casualty-figures/nac-decides-rok-nato-office-toll"
    evidence = api.get(created.headers["location"] + "/evidence").json()
    assert [e["excerpt"] for e in evidence["evidence"]] == ["North Atlantic Council"]


def test_a_declared_type_is_listed_filtered_and_read(
    api: TestClient, writer: dict[str, str]
) -> None:
    assert _create(api, writer, 40, "listed").status_code == 201
    listed = api.get("/casualty-figures", params={"killed__gte": 40}).json()
    assert [item["id"] for item in listed["items"]] == ["listed"]
    assert api.get("/casualty-figures", params={"killed__gt": 40}).json()["items"] == []
    one = api.get("/casualty-figures/listed")
    assert one.json()["event"] == "nac-decides-rok-nato-office"


def test_a_declared_type_refuses_a_dangling_reference(
    api: TestClient, writer: dict[str, str]
) -> None:
    body = {"event": "no-such-event", "killed": 1}
    refused = api.post("/casualty-figures", json=body, headers=writer)
    assert refused.status_code == 422
    assert refused.json()["invalid_params"][0]["name"] == "body.event"


def test_a_declared_type_is_patched_deleted_and_has_history(
    api: TestClient, writer: dict[str, str]
) -> None:
    assert _create(api, writer, 3, "patched").status_code == 201
    path = "/casualty-figures/patched"
    patched = api.patch(
        path, json={"killed": 5}, headers={**writer, "Content-Type": "application/merge-patch+json"}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["killed"] == 5
    assert api.delete(path, headers=writer).status_code in (200, 204)
    assert api.get(path).status_code == 404
    actions = [c["action"] for c in api.get(path + "/history").json()["items"]]
    assert sorted(actions) == ["create", "delete", "update"]


def _imported(engine: Engine, killed: int) -> dict[str, Any]:
    with Session(engine) as session:
        text = session.get(Source, EXCERPT["source"])
        start = text.text.index(EXCERPT["excerpt"]) if text is not None and text.text else 0
    excerpt = {"kind": "excerpt", **EXCERPT, "start": start, "end": start + len(EXCERPT["excerpt"])}
    event = "nac-decides-rok-nato-office"
    return {"id": "imported-toll", "event": event, "killed": killed, "evidence": [excerpt]}


def _post_import(api: TestClient, writer: dict[str, str], record: dict[str, Any]) -> Any:
    line = json.dumps({"record": "casualty_figure", **record}) + "\n"
    headers = {**writer, "Content-Type": "application/x-ndjson"}
    return api.post("/imports", content=line.encode(), headers=headers)


def test_a_declared_type_is_imported_and_exported(
    api: TestClient, writer: dict[str, str], engine: Engine
) -> None:
    record = _imported(engine, 7)
    imported = _post_import(api, writer, record)
    assert imported.status_code == 200, imported.text
    assert imported.json()["kinds"]["casualty_figure"]["inserted_ids"] == ["imported-toll"]
    read = api.get("/casualty-figures/imported-toll").json()
    assert (read["event"], read["killed"]) == (record["event"], 7)
    evidence = api.get("/casualty-figures/imported-toll/evidence").json()["evidence"]
    assert [e["excerpt"] for e in evidence] == [EXCERPT["excerpt"]]
    with Session(engine) as session:
        exported = [r for r in export_records(session) if r["record"] == "casualty_figure"]
    assert {"record": "casualty_figure", **record} in exported
    again = _post_import(api, writer, record).json()
    assert again["kinds"]["casualty_figure"]["unchanged"] == 1


def test_an_imported_declared_type_has_its_references_checked(
    api: TestClient, writer: dict[str, str], engine: Engine
) -> None:
    record = {**_imported(engine, 2), "id": "dangling-toll", "event": "no-such-event"}
    refused = _post_import(api, writer, record)
    assert refused.status_code == 422
    assert refused.json()["report"]["rejected"][0]["reasons"] == [
        "casualty_figure 'dangling-toll': unknown event 'no-such-event'"
    ]
