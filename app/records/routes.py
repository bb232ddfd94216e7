"""Each record type's router, built from its declaration."""

from fastapi import APIRouter

from app.core.errors import PROBLEM_RESPONSES
from app.core.registry import RecordType
from app.curation.history import add_history_route
from app.curation.router import add_write_routes
from app.records.read_routes import add_read_routes, add_sublist_route


def record_router(record_type: RecordType) -> APIRouter:
    """Reads, the type's own routes, writes, history and sub-lists, in that order (a
    literal path such as /actors/match must come before the /{id} routes it would match)."""
    router = APIRouter(
        prefix=f"/{record_type.collection}",
        tags=[record_type.tag or record_type.collection],
        responses=PROBLEM_RESPONSES,
    )
    if record_type.resource is not None:
        add_read_routes(
            router,
            record_type.resource,
            record_type=record_type.name,
            example_id=record_type.example_id,
            list_doc=record_type.list_doc,
            get_doc=record_type.get_doc,
            evidence_route=record_type.evidence_route,
        )
    if record_type.routes is not None:
        record_type.routes(router)
    if record_type.write is not None:
        add_write_routes(router, record_type.write, example_id=record_type.example_id)
        add_history_route(router, record_type.name, record_type.example_id)
    for sub in record_type.sublists:
        add_sublist_route(router, record_type, sub)
    return router
