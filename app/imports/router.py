"""POST /imports: NDJSON or a seed document, every record checked, then all loaded or none."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.auth.dependencies import WriterDep
from app.core.db import SessionDep
from app.core.errors import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES, Problem
from app.imports.dependencies import ImportBodyDep
from app.imports.schemas import ImportProblem, ImportReport
from app.imports.service import REASON_LENGTH, import_or_reject
from app.ops.progress import MetricsProgress

_NDJSON_EXAMPLE = (
    '{"record": "place", "id": "brussels", "name": "Brussels", "kind": "city", '
    '"part_of": null, "evidence": [{"source": "news-nato-approves-korean-delegation", '
    '"excerpt": "Brussels", "start": 10, "end": 18}]}\n'
)
_BODY: dict[str, Any] = {
    "required": True,
    "description": "One record of the seed format per line with its kind in `record` "
    "(`place`, `actor`, `source`, `event`, `relationship`), as `python -m app export` "
    "writes; or a seed document with `places`, `actors`, `sources`, `events` and "
    "`relationships` lists. Sources carry their article inline as `text`. At most 50 MiB.",
    "content": {
        "application/x-ndjson": {"schema": {"type": "string"}, "example": _NDJSON_EXAMPLE},
        "application/json": {"schema": {"type": "object"}},
        "application/yaml": {"schema": {"type": "string"}},
    },
}


def _problem(description: str, model: type[Problem] = Problem) -> dict[str, Any]:
    return {"model": model, "description": description, "content": {PROBLEM_MEDIA_TYPE: {}}}


router = APIRouter(prefix="/imports", tags=["imports"], responses=PROBLEM_RESPONSES)


@router.post(
    "",
    response_model=ImportReport,
    openapi_extra={"requestBody": _BODY},
    responses={
        401: _problem("No API key, or not a valid one."),
        403: _problem("The key lacks the write scope."),
        409: _problem("The database refused the records (nothing was loaded)."),
        413: _problem("The body is over 50 MiB."),
        415: _problem("The Content-Type is not NDJSON, JSON or YAML."),
        422: _problem(
            "Some records were rejected, so nothing was loaded; `report` names each by line.",
            ImportProblem,
        ),
    },
)
def create_import(
    principal: WriterDep,
    body: ImportBodyDep,
    session: SessionDep,
    dry_run: Annotated[
        bool, Query(description="Check and report what would change; write nothing.")
    ] = False,
    reason: Annotated[
        str | None, Query(max_length=REASON_LENGTH, description="Why: kept in the history.")
    ] = None,
) -> ImportReport:
    """Import records: every line checked first, then all loaded in one transaction or none."""
    progress = MetricsProgress()  # /metrics shows the stage and count while it runs
    try:
        return import_or_reject(
            session,
            body.entries(),
            dry_run=dry_run,
            key_id=principal.key_id,
            reason=reason,
            progress=progress,
        )
    finally:
        progress.finish()
