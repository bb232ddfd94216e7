"""Routes only events have: matching, and /timeline."""

from fastapi import APIRouter, Depends, Request, Response

from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES
from app.core.pagination import Page
from app.core.query.listing import list_page
from app.core.query.params import ListQuery, deferred_list_dependency
from app.curation.matching import Matches, match_events
from app.curation.schemas import EventMatchRequest
from app.events.resource import TIMELINE
from app.events.schemas import TimelineItem


def add_event_routes(router: APIRouter) -> None:
    @router.post("/match", response_model=Matches, tags=["curation"])
    def match_event(request: EventMatchRequest, session: SessionDep) -> Matches:
        """The existing events a title, date, set of actors or article excerpt may mean."""
        return match_events(session, request)


timeline = APIRouter(prefix="/timeline", tags=["events"], responses=PROBLEM_RESPONSES)
# Only the parameters a request carries are checked, as on every other list.
_timeline_query, _timeline_documented = deferred_list_dependency(TIMELINE)


@timeline.get("", response_model=Page[TimelineItem], openapi_extra=_timeline_documented)
def list_timeline(
    session: SessionDep,
    request: Request,
    query: ListQuery = Depends(_timeline_query),
) -> Response:
    """Events in time order with their precision, for timeline widgets (event filters apply).

    Sorted by the earliest day each event may fall on, then the latest: an event known only
    as "June 2022" comes before one on 15 June 2022; undated events come last.
    """
    return list_page(session, TIMELINE, request, query)
