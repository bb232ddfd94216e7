"""Participation and relationship reads, built in batches."""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from app.attributes.items import attribute_items
from app.core.records import ref_dicts, resolve_refs
from app.core.timespec import TimeSpec
from app.models import Participation, Relationship
from app.relations.schemas import ParticipationRead, RelationshipRead


def read_participations(session: Session, rows: Sequence[Participation]) -> list[ParticipationRead]:
    return [ParticipationRead.model_validate(item) for item in participation_items(session, rows)]


def participation_items(session: Session, rows: Sequence[Participation]) -> list[dict[str, Any]]:
    """Participations as the JSON objects `ParticipationRead` dumps to, without a model per
    row (an included page of events embeds two to six of them per event)."""
    refs = ref_dicts(
        session, {("event", r.event_id) for r in rows} | {("actor", r.actor_id) for r in rows}
    )
    attributes = attribute_items(session, "participation", [r.id for r in rows])
    return [
        {
            "id": r.id,
            "type": "participation",
            "event": refs[("event", r.event_id)],
            "actor": refs[("actor", r.actor_id)],
            "role": r.role,
            "description": r.description,
            "attributes": attributes.get(r.id, {}),
        }
        for r in rows
    ]


def read_relationships(session: Session, rows: Sequence[Relationship]) -> list[RelationshipRead]:
    refs = resolve_refs(
        session, {("actor", r.subject_id) for r in rows} | {("actor", r.object_id) for r in rows}
    )
    return [
        RelationshipRead(
            id=r.id,
            subject=refs[("actor", r.subject_id)],
            relationship_type=r.relationship_type,
            object=refs[("actor", r.object_id)],
            start=TimeSpec.model_validate(r.start) if r.start else None,
            end=TimeSpec.model_validate(r.end) if r.end else None,
            description=r.description,
        )
        for r in rows
    ]
