"""Routes under /disagreements."""

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
from app.provenance.schemas import Disagreement
from app.provenance.service import disagreements

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
