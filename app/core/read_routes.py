"""The list, get and evidence routes every record collection has, declared once."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Path, Request
from sqlmodel import Session, SQLModel, select

from app.core.db import SessionDep
from app.core.lookup import get_or_404, page_of
from app.core.pagination import Page, PageParams, page_params
from app.provenance.schemas import RecordEvidence
from app.provenance.service import record_evidence

M = TypeVar("M", bound=SQLModel)
R = TypeVar("R")


@dataclass(frozen=True)
class Collection(Generic[M, R]):
    """A record type served as a collection: its table, read model and converter."""

    table: type[M]
    record_type: str
    plural: str
    read_model: type[R]
    convert: Callable[[Session, Sequence[M]], list[R]]
    example_id: str
    list_doc: str = ""
    get_doc: str = ""
    # Claims and excerpts carry their evidence inline; they get no /evidence route.
    evidence_route: bool = True


def add_read_routes(router: APIRouter, spec: Collection[M, R]) -> None:
    """Add `GET ""`, `GET /{id}` and `GET /{id}/evidence` for `spec` to `router`."""
    id_param = f"{spec.record_type}_id"
    key: Any = getattr(spec.table, "id")  # noqa: B009  (every record table has `id`)

    def load(
        record_id: Annotated[
            str,
            Path(
                alias=id_param, description=f"A {spec.record_type} id.", examples=[spec.example_id]
            ),
        ],
        session: SessionDep,
    ) -> M:
        return get_or_404(session, spec.table, record_id, spec.record_type)

    def list_records(
        session: SessionDep, request: Request, params: PageParams = Depends(page_params)
    ) -> Page[R]:
        return page_of(session, select(spec.table), key, params, request, spec.convert)

    def get_record(session: SessionDep, row: M = Depends(load)) -> R:
        return spec.convert(session, [row])[0]

    def get_evidence(session: SessionDep, row: M = Depends(load)) -> RecordEvidence:
        return record_evidence(session, (spec.record_type, getattr(row, "id")))  # noqa: B009

    page_model: Any = Page[spec.read_model]  # type: ignore[name-defined]
    router.add_api_route(
        "",
        list_records,
        methods=["GET"],
        response_model=page_model,
        summary=f"List {spec.plural}",
        description=spec.list_doc or f"List {spec.plural}, ordered by id, a page at a time.",
    )
    router.add_api_route(
        f"/{{{id_param}}}",
        get_record,
        methods=["GET"],
        response_model=spec.read_model,
        summary=f"Get a {spec.record_type}",
        description=spec.get_doc or f"One {spec.record_type}.",
    )
    if not spec.evidence_route:
        return
    router.add_api_route(
        f"/{{{id_param}}}/evidence",
        get_evidence,
        methods=["GET"],
        response_model=RecordEvidence,
        summary=f"Evidence for a {spec.record_type}",
        description=f"Why we believe this {spec.record_type}: the excerpts behind it and "
        "every sourced value, with its rank.",
    )
