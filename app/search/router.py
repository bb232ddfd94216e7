"""GET /search."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.pagination import Page, PageParams, build_page, page_params
from app.search import query as query_language
from app.search.dependencies import SearchBackendDep
from app.search.query import parse_query
from app.search.schemas import SearchHit
from app.search.service import search

router = APIRouter(prefix="/search", tags=["search"], responses=PROBLEM_RESPONSES)

Q_DESCRIPTION = (
    "What to find; case, accents and punctuation do not matter, nor spaces inside a name. "
    'Every word must match; `"north atlantic council"` is a phrase, `stolten*` a prefix, '
    '`-china` leaves out what contains it. A malformed query (an unbalanced `"`, a lone '
    f"`*` or `-`, more than {query_language.MAX_UNITS} words) is a 400 naming `query.q`."
)


@router.get("", response_model=Page[SearchHit])
def search_records(
    session: SessionDep,
    backend: SearchBackendDep,
    request: Request,
    q: Annotated[
        str,
        Query(min_length=1, max_length=200, description=Q_DESCRIPTION, examples=["Yun Seok-yeol"]),
    ],
    params: PageParams = Depends(page_params),
) -> Page[SearchHit]:
    """Rank actors and places (by any spelling of any name), events, sources and quotes together."""
    hits, next_cursor = search(
        session, backend, parse_query(q), cursor=params.cursor, limit=params.limit
    )
    return build_page(hits, next_cursor, params, request)
