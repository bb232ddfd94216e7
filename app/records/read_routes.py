"""The routes every record collection has, declared once from its `ResourceSpec`:
`GET ""` (filtered, sorted, paged list), `GET /facets`, `GET /{id}`, `GET /{id}/evidence`,
and its declared sub-lists (`GET /{id}/participants`).
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.geojson import GEOJSON, GEOJSON_SCHEMA
from app.core.lookup import id_path, record_loader
from app.core.pagination import Page
from app.core.query.facet_routes import FacetQuery, Facets, count_facets, facet_dependency
from app.core.query.include import include_help
from app.core.query.listing import list_page
from app.core.query.params import ListQuery, deferred_list_dependency
from app.core.query.resource import ResourceSpec
from app.core.records import a_record
from app.core.registry import RecordType, SubList, registry
from app.provenance.schemas import RecordEvidence
from app.provenance.service import record_evidence
from app.records.cache import RecordCache
from app.records.record_read import RecordReader


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
    list_call, list_extra = deferred_list_dependency(spec)
    facet_call, facet_extra = facet_dependency(spec)
    listing, faceting = Depends(list_call), Depends(facet_call)
    load = record_loader(spec.table, record_type, example_id)
    size = get_settings().record_cache_size
    reader = RecordReader(spec, record_type, RecordCache(size) if size else None)

    def list_records(session: SessionDep, request: Request, query: ListQuery = listing) -> Response:
        return list_page(session, spec, request, query)

    def facets(session: SessionDep, query: FacetQuery = faceting) -> Facets:
        return count_facets(session, spec, query)

    async def get_record(
        session: SessionDep,
        request: Request,
        record_id: Annotated[str, id_path(record_type, example_id)],
        format: Annotated[
            Literal["json", "jsonld"] | None,
            Query(description="json (default) or jsonld (schema.org terms); overrides Accept."),
        ] = None,
        include: Annotated[str | None, Query(description=include_help(spec))] = None,
    ) -> Response:
        return await reader.answer(session, request, record_id, include)

    def get_evidence(session: SessionDep, row: Any = Depends(load)) -> RecordEvidence:
        return record_evidence(session, (record_type, row.id))

    page_model: Any = Page[spec.read_model]  # type: ignore[name-defined]
    router.add_api_route(
        "",
        list_records,
        methods=["GET"],
        response_model=page_model,
        responses=_geojson_response(spec),
        summary=f"List {spec.name}",
        openapi_extra=list_extra,
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
            openapi_extra=facet_extra,
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


def _geojson_response(spec: ResourceSpec) -> dict[int | str, dict[str, Any]]:
    """The GeoJSON answer in OpenAPI, beside the JSON page, where the collection has one."""
    if spec.geometry is None:
        return {}
    return {200: {"content": {GEOJSON: {"schema": GEOJSON_SCHEMA}}}}


def add_sublist_route(router: APIRouter, parent: RecordType, sub: SubList) -> None:
    """`GET /{id}/{sub.path}`: the target collection's list, scoped to one parent record."""
    target = registry().resource(sub.collection)
    list_call, list_extra = deferred_list_dependency(target)
    listing = Depends(list_call)
    load = record_loader(parent.table, parent.name, parent.example_id)

    def list_scoped(
        session: SessionDep, request: Request, row: Any = Depends(load), query: ListQuery = listing
    ) -> Response:
        return list_page(session, target, request, query, scope=sub.scope(row.id))

    page_model: Any = Page[target.read_model]  # type: ignore[name-defined]
    router.add_api_route(
        f"/{{{parent.name}_id}}/{sub.path}",
        list_scoped,
        methods=["GET"],
        response_model=page_model,
        responses=_geojson_response(target),
        name=f"list_{parent.name}_{sub.path}",
        openapi_extra=list_extra,
        summary=f"List {sub.path} of {a_record(parent.name)}",
        description=sub.doc,
    )
