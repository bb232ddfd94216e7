"""What /actors can be filtered, sorted, included and faceted by."""

from collections.abc import Mapping

from sqlalchemy import ColumnElement, and_, exists, or_
from sqlmodel import col

from app.actors.schemas import ActorNameRecord, ActorRead
from app.actors.service import actor_items, read_actor_names, read_actors
from app.attributes.query import attribute_facets, attribute_fields
from app.core.query.facets import by_column
from app.core.query.fields import Field, Kind
from app.core.query.loaders import referenced, referencing
from app.core.query.resource import Include, RelationFilter, ResourceSpec
from app.core.vocab import ActorKind, NameKind, NameOrigin
from app.models import Actor, ActorName, Participation, Relationship
from app.provenance.queries import evidence_from, provenance_includes


def _related_to(values: list[str], companions: Mapping[str, list[str]]) -> ColumnElement[bool]:
    outgoing = and_(
        col(Relationship.subject_id) == Actor.id, col(Relationship.object_id).in_(values)
    )
    incoming = and_(
        col(Relationship.object_id) == Actor.id, col(Relationship.subject_id).in_(values)
    )
    where = [or_(outgoing, incoming)]
    if types := companions.get("relationship_type"):
        where.append(col(Relationship.relationship_type).in_(types))
    return exists().where(*where)


def _has_relationship(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    ends = or_(col(Relationship.subject_id) == Actor.id, col(Relationship.object_id) == Actor.id)
    return exists().where(ends, col(Relationship.relationship_type).in_(values))


def _in_event(values: list[str], companions: Mapping[str, list[str]]) -> ColumnElement[bool]:
    where = [col(Participation.actor_id) == Actor.id, col(Participation.event_id).in_(values)]
    if roles := companions.get("role"):
        where.append(col(Participation.role).in_(roles))
    return exists().where(*where)


def _role(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    return exists().where(
        col(Participation.actor_id) == Actor.id, col(Participation.role).in_(values)
    )


def _named(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
    return exists().where(col(ActorName.actor_id) == Actor.id, col(ActorName.name).in_(values))


ACTORS = ResourceSpec(
    name="actors",
    table=Actor,
    read_model=ActorRead,
    convert=read_actors,
    dump=actor_items,
    fields=(
        Field("id", Kind.ID, col(Actor.id), "Actor id"),
        Field("name", Kind.TEXT, col(Actor.name), "Canonical name"),
        Field("kind", Kind.ENUM, col(Actor.kind), "Kind of actor", choices=ActorKind),
        Field("description", Kind.TEXT, col(Actor.description), "Description", sortable=False),
        Field("recorded_at", Kind.TIMESTAMP, col(Actor.created_at), "When recorded"),
        Field("updated_at", Kind.TIMESTAMP, col(Actor.updated_at), "When last changed"),
        *attribute_fields("actor", Actor.id),
    ),
    relations=(
        RelationFilter(
            "related_to",
            "Actor id(s) it has a relationship with, either way (narrowed by `relationship_type`).",
            _related_to,
            companions=("relationship_type",),
        ),
        RelationFilter(
            "relationship_type",
            "Type(s) of relationship it has, either way.",
            _has_relationship,
        ),
        RelationFilter(
            "event",
            "Event id(s) it takes part in (narrowed by `role`).",
            _in_event,
            companions=("role",),
        ),
        RelationFilter("role", "Role(s) it has taken in some event.", _role),
        RelationFilter("alias", "An exact spelling of one of its names.", _named),
        evidence_from("actor", Actor.id),
    ),
    includes=(
        Include("participations", "participations", referencing(Participation, "actor_id")),
        Include(
            "relationships",
            "relationships",
            referencing(Relationship, "subject_id"),
            description="Relationships in which it is the subject.",
        ),
        *provenance_includes("actor"),
    ),
    facets=(by_column("kind", col(Actor.kind), "Actors by kind."), *attribute_facets("actor")),
    default_sort="id",
)


ACTOR_NAMES = ResourceSpec(
    name="actor-names",
    table=ActorName,
    read_model=ActorNameRecord,
    convert=read_actor_names,
    fields=(
        Field("id", Kind.ID, col(ActorName.id), "Name id"),
        Field("actor", Kind.ID, col(ActorName.actor_id), "Actor id"),
        Field("name", Kind.TEXT, col(ActorName.name), "The spelling"),
        Field("lang", Kind.ID, col(ActorName.lang), "BCP 47 language"),
        Field("kind", Kind.ENUM, col(ActorName.kind), "Kind of name", choices=NameKind),
        Field("origin", Kind.ENUM, col(ActorName.origin), "Origin", choices=NameOrigin),
    ),
    relations=(evidence_from("actor_name", ActorName.id),),
    includes=(
        Include("actor", "actors", referenced(Actor, "actor_id"), many=False),
        provenance_includes("actor_name")[0],
    ),
    facets=(
        by_column("kind", col(ActorName.kind), "Names by kind."),
        by_column("origin", col(ActorName.origin), "Names by origin."),
    ),
)
