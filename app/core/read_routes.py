"""The routes every record collection has, declared once from its `ResourceSpec`:
`GET ""` (filtered, sorted, paged list), `GET /facets`, `GET /{id}` and `GET /{id}/evidence`.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from app.core.db import SessionDep
from app.core.formats import JSON, JSONLD, negotiate
from app.core.jsonld import to_jsonld
from app.core.lookup import get_or_404
from app.core.pagination import Page
from app.core.query.facet_routes import Facets, count_facets, facet_dependency
from app.core.query.include import expand, parse_include
from app.core.query.listing import list_page
from app.core.query.params import ListQuery, list_dependency
from app.core.query.resource import ResourceSpec
from app.core.records import a_record, body_etag
from app.provenance.schemas import RecordEvidence
from app.provenance.service import record_evidence


def add_read_routes(
    router: APIRouter,
    spec: ResourceSpec,
    *,
    record_type: str,
    example_id: str,
    list_doc: str = "",
    get_doc: str = "",
    evidence_route: bool = True,
) -> None:
    """Add the collection's routes to `router` (whose prefix is the collection path)."""
    id_param = f"{record_type}_id"
    listing = Depends(list_dependency(spec))
    faceting = Depends(facet_dependency(spec))
    include_doc = "Related records to embed under `included`, as on the list: " + (
        ", ".join(i.name for i in spec.includes) or "none"
    )

    def load(
        record_id: Annotated[
            str,
            Path(
                alias=id_param,
                description=f"The id of {a_record(record_type)}.",
                examples=[example_id],
            ),
        ],
        session: SessionDep,
    ) -> Any:
        return get_or_404(session, spec.table, record_id, record_type)

    def list_records(session: SessionDep, request: Request, query: ListQuery = listing) -> Response:
        return list_page(session, spec, request, query)

    def facets(
        session: SessionDep, request: Request, wanted: tuple[list[str], str] = faceting
    ) -> Facets:
        return count_facets(session, spec, request, *wanted)

    def get_record(
        session: SessionDep,
        request: Request,
        row: Any = Depends(load),
        format: Annotated[
            Literal["json", "jsonld"] | None,
            Query(description="json (default) or jsonld (schema.org terms); overrides Accept."),
        ] = None,
        include: Annotated[str | None, Query(description=include_doc)] = None,
    ) -> Any:
        tree = parse_include(spec, include)
        body = spec.convert(session, [row])[0].model_dump(mode="json")
        # The record's own ETag, the one writes check If-Match against; with includes the
        # answer holds more than the record, so HttpCaching tags the bytes instead.
        headers = {} if tree else {"ETag": body_etag(body)}
        expand(session, [row], [body], tree)
        if negotiate(request, (JSON, JSONLD)) == JSONLD:
            return JSONResponse(to_jsonld(body, request), media_type=JSONLD)
        return JSONResponse(body, headers=headers)

    def get_evidence(session: SessionDep, row: Any = Depends(load)) -> RecordEvidence:
        return record_evidence(session, (record_type, row.id))

    page_model: Any = Page[spec.read_model]  # type: ignore[name-defined]
    router.add_api_route(
        "",
        list_records,
        methods=["GET"],
        response_model=page_model,
        summary=f"List {spec.name}",
        description=list_doc
        or f"List {spec.name}: filter, sort, include related records, "
        "pick fields; a page at a time.",
    )
    if spec.facets:
        router.add_api_route(
            "/facets",
            facets,
            methods=["GET"],
            response_model=Facets,
            summary=f"Facets of {spec.name}",
            description=f"Counts of the {spec.name} matching the filters, by each facet.",
        )
    router.add_api_route(
        f"/{{{id_param}}}",
        get_record,
        methods=["GET"],
        response_model=spec.read_model,
        summary=f"Get {a_record(record_type)}",
        description=get_doc or f"One {record_type}.",
    )
    if evidence_route:
        router.add_api_route(
            f"/{{{id_param}}}/evidence",
            get_evidence,
            methods=["GET"],
            response_model=RecordEvidence,
            summary=f"Evidence for {a_record(record_type)}",
            description=f"Why we believe this {record_type}: the excerpts behind it and "
            "every sourced value, with its rank.",
        )
