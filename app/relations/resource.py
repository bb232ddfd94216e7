"""What /participations and /relationships can be filtered, sorted and included by."""

from collections.abc import Mapping

from sqlalchemy import ColumnElement, or_
from sqlmodel import col

from app.core.query.facets import by_column
from app.core.query.fields import Field, Kind
from app.core.query.loaders import referenced
from app.core.query.resource import Include, RelationFilter, ResourceSpec
from app.core.vocab import RelationshipType, Role
from app.models import Actor, Event, Participation, Relationship
from app.provenance.queries import evidence_from, provenance_includes
from app.relations.schemas import ParticipationRead, RelationshipRead
from app.relations.service import participation_items, read_participations, read_relationships

PARTICIPATIONS = ResourceSpec(
    name="participations",
    table=Participation,
    read_model=ParticipationRead,
    convert=read_participations,
    dump=participation_items,
    fields=(
        Field("id", Kind.ID, col(Participation.id), "Participation id"),
        Field("event", Kind.ID, col(Participation.event_id), "Event id"),
        Field("actor", Kind.ID, col(Participation.actor_id), "Actor id"),
        Field("role", Kind.ENUM, col(Participation.role), "Role", choices=Role),
        Field("recorded_at", Kind.TIMESTAMP, col(Participation.created_at), "When recorded"),
    ),
    relations=(evidence_from("participation", Participation.id),),
    includes=(
        Include("actor", "actors", referenced(Actor, "actor_id"), many=False),
        Include("event", "events", referenced(Event, "event_id"), many=False),
        *provenance_includes("participation"),
    ),
    facets=(by_column("role", col(Participation.role), "Participations by role."),),
)


def _either_end(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    return or_(col(Relationship.subject_id).in_(values), col(Relationship.object_id).in_(values))


RELATIONSHIPS = ResourceSpec(
    name="relationships",
    table=Relationship,
    read_model=RelationshipRead,
    convert=read_relationships,
    fields=(
        Field("id", Kind.ID, col(Relationship.id), "Relationship id"),
        Field("subject", Kind.ID, col(Relationship.subject_id), "Subject actor id"),
        Field("object", Kind.ID, col(Relationship.object_id), "Object actor id"),
        Field(
            "relationship_type",
            Kind.ENUM,
            col(Relationship.relationship_type),
            "Type",
            choices=RelationshipType,
        ),
        Field(
            "valid",
            Kind.SPAN,
            col(Relationship.valid_from),
            "When it held",
            end=col(Relationship.valid_until),
        ),
        Field("recorded_at", Kind.TIMESTAMP, col(Relationship.created_at), "When recorded"),
    ),
    relations=(
        RelationFilter("actor", "Actor id(s) at either end.", _either_end),
        evidence_from("relationship", Relationship.id),
    ),
    includes=(
        Include("subject", "actors", referenced(Actor, "subject_id"), many=False),
        Include("object", "actors", referenced(Actor, "object_id"), many=False),
        *provenance_includes("relationship"),
    ),
    facets=(
        by_column(
            "relationship_type", col(Relationship.relationship_type), "Relationships by type."
        ),
    ),
)
