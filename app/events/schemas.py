"""How events and their links appear in responses."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.attributes.schemas import EventAttributes
from app.core.records import RecordRef
from app.core.timespec import TimeSpec
from app.core.types import LongText, Name, Slug
from app.core.vocab import EventLinkType, EventType, Modality
from app.curation.schemas import ExcerptWrite, Write
from app.seeding.schema import Cited, Claimed, Evidenced, ParticipantIn, QuoteIn, Strict


class EventLinkRead(BaseModel):
    """A typed link between this event and another, seen from this event."""

    id: str
    type: Literal["event_link"] = "event_link"
    link_type: str = Field(examples=["announces"])
    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this event `link_type` the other; incoming: the other does."
    )
    event: RecordRef = Field(description="The other event.")


class EventLinkRecord(BaseModel):
    """A typed link on its own (`/event-links/{id}`): `event` `link_type` `target`."""

    id: str = Field(examples=["nac-decides-rok-nato-office--responds_to--rok-requests-nato-office"])
    type: Literal["event_link"] = "event_link"
    link_type: str = Field(description="Term of the event_link_type vocabulary.")
    event: RecordRef = Field(description="The event the link goes from.")
    target: RecordRef = Field(description="The event the link goes to.")


class EventRead(BaseModel):
    """An event with its preferred values; every sourced value is under its evidence."""

    id: str = Field(examples=["nac-decides-rok-nato-office"])
    type: Literal["event"] = "event"
    title: str
    event_type: str = Field(description="Term of the PLOVER-based event_type vocabulary.")
    modality: str = Field(description="occurred, announced, expected or hypothetical.")
    summary: str
    occurred: TimeSpec | None = Field(description="When it happened, as reported.")
    announced: TimeSpec | None = Field(description="When it was made public, as reported.")
    recorded_at: datetime = Field(description="When this API first recorded it (UTC).")
    updated_at: datetime
    place: RecordRef | None
    sources: list[RecordRef] = Field(description="The articles that report it.")
    links: list[EventLinkRead] = Field(description="Typed links to other events.")
    attributes: EventAttributes = Field(
        default_factory=EventAttributes, description="Declared attribute values (typed)."
    )


class TimelineItem(BaseModel):
    """An event placed in time for timeline widgets (vis-timeline, TimelineJS).

    `start`/`end` are the first and last day the event may fall on; `precision` and
    `as_reported` say how exactly the sources know it, so a widget can draw a month-precise
    event as a range and a day-precise one as a point.
    """

    id: str
    type: Literal["event"] = "event"
    title: str
    content: str = Field(description="Same as `title`, under vis-timeline's name for it.")
    event_type: str
    modality: str
    start: date | None
    end: date | None
    precision: str | None
    timezone: str | None
    as_reported: str | None
    href: str


# One declaration of an event's own fields, for what clients write (POST/PUT; PATCH merges
# into the same shape) and for its document (seed files, NDJSON imports and exports): a new
# field goes here once. Where the two differ is said in each: the API requires a title and
# defaults the modality, where a document may leave either to a preferred claim; a document
# also carries the event's claims, participants and quotes, and its evidence with offsets.


class EventFields(BaseModel):
    id: Slug | None = None
    title: Name | None = None
    event_type: EventType
    modality: Modality | None = None
    summary: LongText = ""
    occurred: TimeSpec | None = None
    announced: TimeSpec | None = None
    place: Slug | None = None


class LinkFields(BaseModel):
    link_type: EventLinkType
    event: Slug


class LinkWrite(LinkFields, Write):
    evidence: list[ExcerptWrite] = []


class EventWrite(EventFields, Write):
    title: Name
    modality: Modality = Modality.OCCURRED
    sources: list[Slug] = []
    links: list[LinkWrite] = []
    evidence: list[ExcerptWrite] = []


class LinkIn(LinkFields, Strict):
    evidence: Evidenced


class EventIn(EventFields, Claimed):
    id: Slug
    sources: Cited
    evidence: Evidenced
    participants: list[ParticipantIn] = Field(default_factory=list)
    links: list[LinkIn] = Field(default_factory=list)
    quotes: list[QuoteIn] = Field(default_factory=list)
