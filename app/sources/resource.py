"""What /sources can be filtered, sorted, included and faceted by."""

from collections.abc import Mapping

from sqlalchemy import ColumnElement, exists
from sqlmodel import col, select

from app.core.deferred import TEXT_FREE
from app.core.query.facets import by_column, histogram
from app.core.query.fields import Field, Kind
from app.core.query.loaders import referenced, referencing, through
from app.core.query.resource import Include, RelationFilter, ResourceSpec
from app.models import Actor, Event, EventSource, Evidence, Source
from app.provenance.queries import evidence_from, provenance_includes
from app.sources.schemas import SourceRead
from app.sources.service import read_sources


def _reports(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    return exists().where(
        col(EventSource.source_id) == Source.id, col(EventSource.event_id).in_(values)
    )


SOURCES = ResourceSpec(
    name="sources",
    table=Source,
    read_model=SourceRead,
    convert=read_sources,
    base_query=lambda: select(Source).options(*TEXT_FREE),
    fields=(
        Field("id", Kind.ID, col(Source.id), "Source id"),
        Field("kind", Kind.ID, col(Source.kind), "article, web or dataset"),
        Field("title", Kind.TEXT, col(Source.title), "Title"),
        Field("outlet", Kind.ID, col(Source.outlet_id), "Outlet actor id"),
        Field("byline", Kind.TEXT, col(Source.byline), "Byline"),
        Field("language", Kind.ID, col(Source.language), "BCP 47 language"),
        Field(
            "published",
            Kind.SPAN,
            col(Source.published_start),
            "When published",
            end=col(Source.published_end),
        ),
        Field("version", Kind.ID, col(Source.dataset_version), "A dataset's version"),
        Field("sha256", Kind.ID, col(Source.sha256), "SHA-256 of the text", sortable=False),
        Field("recorded_at", Kind.TIMESTAMP, col(Source.created_at), "When recorded"),
    ),
    relations=(
        RelationFilter("reports", "Event id(s) it reports.", _reports),
        evidence_from("source", Source.id),
    ),
    includes=(
        Include("outlet", "actors", referenced(Actor, "outlet_id"), many=False),
        Include("events", "events", through(EventSource, "source_id", "event_id", Event)),
        Include(
            "excerpts",
            "evidence",
            referencing(Evidence, "source_id"),
            description="Every excerpt taken from it.",
        ),
        *provenance_includes("source"),
    ),
    facets=(
        by_column("outlet", col(Source.outlet_id), "Sources by outlet."),
        by_column("language", col(Source.language), "Sources by language."),
        by_column("kind", col(Source.kind), "Sources by kind."),
        histogram("published", col(Source.published_start), "Sources by publication date."),
    ),
)
