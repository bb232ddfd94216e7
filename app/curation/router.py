"""Write routes for every record type: POST, PUT, PATCH (merge patch), DELETE and restore."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Response
from fastapi.responses import JSONResponse
from sqlmodel import Session

from app.auth.dependencies import WriterDep
from app.core.config import Settings, current_settings
from app.core.db import SessionDep
from app.core.lookup import record_loader
from app.core.records import a_record, body_etag, href
from app.core.write_spec import WriteSpec
from app.curation import service
from app.curation.idempotency import IdempotencyDep

SettingsDep = Annotated[Settings, Depends(current_settings)]
Reason = Annotated[str | None, Query(max_length=2000, description="Why: kept in the history.")]
IfMatch = Annotated[
    str | None, Header(description="ETag of the version this change is based on (412 when stale).")
]
NEW_DOC = (
    "Create it even if existing records may be the same (actors: a matching name answers 409)."
)
WRITE_DOCS = {
    "create": "Create {noun}; its evidence is checked against the source text (offsets are "
    "found when omitted). Honours Idempotency-Key.",
    "put": "Replace {noun} with the body (its written form, as in its history); honours If-Match.",
    "merge_patch": "Apply an RFC 7396 JSON Merge Patch to the record's written form; honours "
    "If-Match.",
    "remove": "Delete it; refused with 409 listing the records that depend on it unless "
    "cascade=true.",
    "restore": "Bring a deleted record back from the snapshot its deletion recorded.",
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid API key."},
    403: {"description": "The key lacks the write scope."},
    409: {"description": "Conflicts with existing records (dependents, duplicates)."},
    412: {"description": "If-Match names a stale version."},
    422: {"description": "The record is invalid (the field at fault is named)."},
    428: {"description": "If-Match is required by this server's settings."},
}


def answer(session: Session, spec: WriteSpec, row: Any, status: int = 200) -> JSONResponse:
    """The record as GET shows it, with its ETag (and Location, when created)."""
    body = service.read(session, spec.record_type, row).model_dump(mode="json")
    headers = {"ETag": body_etag(body)}
    if status == 201:
        headers["Location"] = href(spec.record_type, row.id)
    return JSONResponse(body, status_code=status, headers=headers)


def add_write_routes(router: APIRouter, spec: WriteSpec, *, example_id: str) -> None:
    """Add the write routes of `spec` to the collection's router."""
    kind, id_param = spec.record_type, f"{spec.record_type}_id"
    model: Any = spec.model
    load = record_loader(spec.table, kind, example_id)

    def current(
        session: SessionDep,
        settings: SettingsDep,
        if_match: IfMatch = None,
        row: Any = Depends(load),
    ) -> Any:
        """The record to change, refused (412/428) when If-Match names a stale version."""
        service.check_if_match(session, kind, row, if_match, settings.require_if_match)
        return row

    Current = Annotated[Any, Depends(current)]

    def create(
        data: Annotated[model, Body()],
        session: SessionDep,
        principal: WriterDep,
        idem: IdempotencyDep,
        reason: Reason = None,
        new: Annotated[bool, Query(description=NEW_DOC)] = False,
    ) -> Response:
        if (replay := idem.replay()) is not None:
            return replay
        if spec.duplicates is not None and not new:
            spec.duplicates(session, data)
        row = service.create(session, spec, data, key_id=principal.key_id, reason=reason)
        response = answer(session, spec, row, status=201)
        idem.remember(session, response)
        return response

    def put(
        data: Annotated[model, Body()],
        session: SessionDep,
        principal: WriterDep,
        row: Current,
        reason: Reason = None,
    ) -> Response:
        row = service.replace(session, spec, row, data, key_id=principal.key_id, reason=reason)
        return answer(session, spec, row)

    def merge_patch(
        changes: Annotated[dict[str, Any], Body(media_type="application/merge-patch+json")],
        session: SessionDep,
        principal: WriterDep,
        row: Current,
        reason: Reason = None,
    ) -> Response:
        row = service.patch(session, spec, row, changes, key_id=principal.key_id, reason=reason)
        return answer(session, spec, row)

    def remove(
        session: SessionDep,
        principal: WriterDep,
        row: Current,
        reason: Reason = None,
        cascade: Annotated[bool, Query(description="Also delete what depends on it.")] = False,
    ) -> dict[str, Any]:
        gone = service.delete(
            session, spec, row, cascade=cascade, key_id=principal.key_id, reason=reason
        )
        return {"deleted": [{"type": t, "id": i, "href": href(t, i)} for t, i in gone]}

    def restore(
        record_id: Annotated[str, Path(alias=id_param, examples=[example_id])],
        session: SessionDep,
        principal: WriterDep,
        reason: Reason = None,
    ) -> Response:
        row = service.restore(session, spec, record_id, key_id=principal.key_id, reason=reason)
        return answer(session, spec, row, status=201)

    one, noun = f"/{{{id_param}}}", a_record(kind)
    for path, endpoint, method, status, summary in (
        ("", create, "POST", 201, f"Create {noun}"),
        (one, put, "PUT", 200, f"Replace {noun}"),
        (one, merge_patch, "PATCH", 200, f"Patch {noun}"),
        (one, remove, "DELETE", 200, f"Delete {noun}"),
        (f"{one}/restore", restore, "POST", 201, f"Restore {noun}"),
    ):
        router.add_api_route(
            path,
            endpoint,
            methods=[method],
            status_code=status,
            summary=summary,
            description=WRITE_DOCS[endpoint.__name__].format(noun=noun),
            responses=WRITE_RESPONSES,
        )
