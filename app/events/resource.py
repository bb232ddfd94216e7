"""What /events (and /timeline) can be filtered, sorted, included and faceted by."""

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import ColumnElement, and_
from sqlmodel import col, select

from app.attributes.query import actor_relations, attribute_facets, attribute_fields
from app.core.deferred import TEXT_FREE
from app.core.query.copies import Copies
from app.core.query.facets import by_column, by_related, histogram
from app.core.query.fields import Field, Kind
from app.core.query.loaders import referenced, referencing, through
from app.core.query.resource import Include, RelationFilter, ResourceSpec
from app.core.vocab import EventLinkType, EventType, Modality
from app.events.schemas import EventLinkRecord, EventRead, TimelineItem
from app.events.service import event_items, read_event_links, read_events, read_timeline
from app.events.when_copies import EVENT_WHEN, PARTICIPATION
from app.models import Event, EventLink, EventSource, Participation, Place, Quote, Source
from app.places.filters import geo_relations
from app.places.geojson import event_points
from app.provenance.queries import evidence_from, provenance_includes

FIELDS = (
    Field("id", Kind.ID, col(Event.id), "Event id"),
    Field("title", Kind.TEXT, col(Event.title), "Title"),
    Field("summary", Kind.TEXT, col(Event.summary), "Summary", sortable=False),
    Field("event_type", Kind.ENUM, col(Event.event_type), "PLOVER-based type", choices=EventType),
    Field("modality", Kind.ENUM, col(Event.modality), "Modality", choices=Modality),
    Field(
        "when",
        Kind.SPAN,
        col(Event.occurred_start),
        "When it happened",
        end=col(Event.occurred_end),
        sort_keys=(col(Event.occurred_first), col(Event.occurred_last)),
    ),
    Field(
        "announced",
        Kind.SPAN,
        col(Event.announced_start),
        "When it was announced",
        end=col(Event.announced_end),
    ),
    Field("place", Kind.ID, col(Event.place_id), "Place id"),
    Field("recorded_at", Kind.TIMESTAMP, col(Event.created_at), "When it was recorded here"),
    Field("updated_at", Kind.TIMESTAMP, col(Event.updated_at), "When it last changed here"),
    *attribute_fields("event", Event.id),
)


# Relation filters are `event.id IN (SELECT event_id ... WHERE <indexed column> IN ...)`, not a
# correlated EXISTS: the database starts from the participation (or source) index and reads
# only the matching events, instead of probing the relation once for every event.


def _participant(values: list[str], companions: Mapping[str, list[str]]) -> ColumnElement[bool]:
    where = [col(Participation.actor_id).in_(values)]
    if roles := companions.get("role"):
        where.append(col(Participation.role).in_(roles))
    return col(Event.id).in_(select(Participation.event_id).where(*where))


def _participant_keys(
    values: list[str], companions: Mapping[str, list[str]]
) -> tuple[Copies, ColumnElement[bool]]:
    where: ColumnElement[bool] = PARTICIPATION.c.actor_id.in_(values)
    if roles := companions.get("role"):
        where = and_(where, PARTICIPATION.c.role.in_(roles))
    return EVENT_WHEN, where


def _role(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    return col(Event.id).in_(
        select(Participation.event_id).where(col(Participation.role).in_(values))
    )


def _source(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    return col(Event.id).in_(
        select(EventSource.event_id).where(col(EventSource.source_id).in_(values))
    )


def _outlet(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    reported = select(EventSource.event_id).join(Source, col(Source.id) == EventSource.source_id)
    return col(Event.id).in_(reported.where(col(Source.outlet_id).in_(values)))


RELATIONS = (
    RelationFilter(
        "actor",
        "Actor id(s) taking part (narrowed by `role` when given).",
        _participant,
        companions=("role",),
        drive=_participant_keys,
    ),
    RelationFilter("role", "Participation role(s), alone or with `actor`.", _role),
    RelationFilter("source", "Id(s) of a source that reports the event.", _source),
    RelationFilter("outlet", "Id(s) of an outlet one of whose articles reports it.", _outlet),
    evidence_from("event", Event.id),
    *geo_relations(Event.place_id),
    *actor_relations(Event.id),
)

EVENTS = ResourceSpec(
    name="events",
    table=Event,
    read_model=EventRead,
    convert=read_events,
    dump=event_items,
    fields=FIELDS,
    relations=RELATIONS,
    default_sort="when",
    geometry=event_points,
    includes=(
        Include(
            "participants",
            "participations",
            referencing(Participation, "event_id"),
            description="Who took part, in which role.",
        ),
        Include(
            "sources",
            "sources",
            through(EventSource, "event_id", "source_id", Source, TEXT_FREE),
            description="The articles that report it.",
        ),
        Include("quotes", "quotes", referencing(Quote, "event_id")),
        Include("place", "places", referenced(Place, "place_id"), many=False),
        *provenance_includes("event"),
    ),
    facets=(
        by_column("event_type", col(Event.event_type), "Events by type."),
        by_column("modality", col(Event.modality), "Events by modality."),
        by_column("place", col(Event.place_id), "Events by place.", refers_to="place"),
        by_related(
            "role",
            col(Participation.role),
            col(Participation.event_id),
            "Events by the roles taken in them.",
        ),
        by_related(
            "actor",
            col(Participation.actor_id),
            col(Participation.event_id),
            "Events by participating actor.",
            refers_to="actor",
        ),
        by_related(
            "outlet",
            col(Source.outlet_id),
            col(EventSource.event_id),
            "Events by the outlets reporting them.",
            join=(Source, col(Source.id) == EventSource.source_id),
            refers_to="actor",
        ),
        histogram("when", col(Event.occurred_start), "Events by year or month of occurrence."),
        *attribute_facets("event"),
    ),
    extra={"field_aliases": {"when": "occurred"}},
)

# The same events, filters and cursors, shown as timeline entries.
TIMELINE = replace(
    EVENTS,
    name="timeline",
    read_model=TimelineItem,
    convert=read_timeline,
    dump=None,
    includes=(),
    extra={},
)


EVENT_LINKS = ResourceSpec(
    name="event-links",
    table=EventLink,
    read_model=EventLinkRecord,
    convert=read_event_links,
    fields=(
        Field("id", Kind.ID, col(EventLink.id), "Link id"),
        Field("event", Kind.ID, col(EventLink.event_id), "Event the link goes from"),
        Field("target", Kind.ID, col(EventLink.target_event_id), "Event the link goes to"),
        Field("link_type", Kind.ENUM, col(EventLink.link_type), "Type", choices=EventLinkType),
    ),
    relations=(evidence_from("event_link", EventLink.id),),
    includes=(provenance_includes("event_link")[0],),
    facets=(by_column("link_type", col(EventLink.link_type), "Links by type."),),
)
