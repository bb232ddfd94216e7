"""GET /search."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES, BadParameter
from app.core.pagination import (
    Page,
    PageParams,
    build_page,
    decode_cursor,
    encode_cursor,
    page_params,
)
from app.search.schemas import SearchHit
from app.search.service import parse, search

router = APIRouter(prefix="/search", tags=["search"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=Page[SearchHit])
def search_records(
    session: SessionDep,
    request: Request,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Words to find; case, accents, hyphens and spaces do not matter.",
            examples=["Yun Seok-yeol"],
        ),
    ],
    params: PageParams = Depends(page_params),
) -> Page[SearchHit]:
    """Find actors by any spelling of any name, and events, sources and quotes by their text."""
    query = parse(q)
    if query is None:
        raise BadParameter("query.q", "has no letters or digits to search for")
    hits = search(session, query)
    offset = int(decode_cursor(params.cursor)) if params.cursor else 0
    page = hits[offset : offset + params.limit]
    more = offset + params.limit < len(hits)
    return build_page(
        page, encode_cursor(str(offset + params.limit)) if more else None, params, request
    )
