"""Routes under /claims, /evidence and /disagreements."""

from fastapi import APIRouter, Depends, Request

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.pagination import (
    Page,
    PageParams,
    build_page,
    decode_cursor,
    encode_cursor,
    page_params,
)
from app.core.read_routes import add_read_routes
from app.curation.history import add_history_route
from app.curation.provenance import CLAIMS as CLAIMS_WRITE
from app.curation.provenance import EVIDENCE as EVIDENCE_WRITE
from app.curation.router import add_write_routes
from app.provenance.resource import CLAIMS, EVIDENCE
from app.provenance.schemas import Disagreement
from app.provenance.service import disagreements

claims = APIRouter(prefix="/claims", tags=["provenance"], responses=PROBLEM_RESPONSES)
add_read_routes(
    claims,
    CLAIMS,
    record_type="claim",
    example_id="clm-9a937698d9b4",
    evidence_route=False,
    list_doc="List every sourced value of every record, with rank and evidence.",
)

add_write_routes(claims, CLAIMS_WRITE, example_id="clm-9a937698d9b4")
add_history_route(claims, "claim", "clm-9a937698d9b4")

evidence = APIRouter(prefix="/evidence", tags=["provenance"], responses=PROBLEM_RESPONSES)
add_read_routes(
    evidence,
    EVIDENCE,
    record_type="evidence",
    example_id="evd-81145b5e8fac",
    evidence_route=False,
    list_doc="List every excerpt, with the record or claim it supports.",
)

add_write_routes(evidence, EVIDENCE_WRITE, example_id="evd-81145b5e8fac")
add_history_route(evidence, "evidence", "evd-81145b5e8fac")

disputes = APIRouter(prefix="/disagreements", tags=["provenance"], responses=PROBLEM_RESPONSES)


@disputes.get("", response_model=Page[Disagreement])
def list_disagreements(
    session: SessionDep, request: Request, params: PageParams = Depends(page_params)
) -> Page[Disagreement]:
    """Where the sources disagree (dates, spellings, titles, wordings, lists): every account.

    Derived from the claims: a property with more than one distinct value among a record's
    claims, and a name spelled differently by different sources in the same language.
    """
    found = disagreements(session)
    if params.cursor is not None:
        after = decode_cursor(params.cursor)
        found = [d for d in found if d.id > after]
    page, more = found[: params.limit], len(found) > params.limit
    return build_page(page, encode_cursor(page[-1].id) if more else None, params, request)
