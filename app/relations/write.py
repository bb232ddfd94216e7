"""Writing participations, relationships and quotes."""

from typing import Any

from sqlmodel import Session, col, select

from app.core.write_spec import WriteSpec, no_dependents
from app.curation.errors import Conflict
from app.curation.excerpts import evidence_of, store
from app.curation.spec import require
from app.models import Actor, Event, Participation, Relationship
from app.relations.schemas import ParticipationWrite, RelationshipWrite


def _participate(
    session: Session, row: Participation | None, data: ParticipationWrite, record_id: str
) -> Participation:
    require(session, Event, data.event, "body.event")
    require(session, Actor, data.actor, "body.actor")
    twin = session.exec(
        select(Participation.id).where(
            col(Participation.event_id) == data.event,
            col(Participation.actor_id) == data.actor,
            col(Participation.role) == data.role.value,
            col(Participation.id) != record_id,
        )
    ).first()
    if twin is not None:
        raise Conflict(
            f"Participation {twin!r} already gives this actor this role.",
            extensions={"existing": {"type": "participation", "id": twin}},
        )
    row = row or Participation(
        id=record_id, event_id=data.event, actor_id=data.actor, role=data.role.value
    )
    row.event_id, row.actor_id, row.role = data.event, data.actor, data.role.value
    row.description = data.description
    return store(session, row, ("participation", record_id), data.evidence)


def _participation_snapshot(session: Session, row: Participation) -> dict[str, Any]:
    return {
        "id": row.id,
        "event": row.event_id,
        "actor": row.actor_id,
        "role": row.role,
        "description": row.description,
        "evidence": evidence_of(session, ("participation", row.id)),
    }


PARTICIPATIONS = WriteSpec(
    "participation",
    Participation,
    ParticipationWrite,
    _participate,
    _participation_snapshot,
    no_dependents,
    new_id=lambda session, d: f"{d.event}--{d.actor}--{d.role.value}",
)


def _check_relationship(session: Session, data: RelationshipWrite, record_id: str) -> None:
    require(session, Actor, data.subject, "body.subject")
    require(session, Actor, data.object, "body.object")


def _relationship_snapshot(session: Session, row: Relationship) -> dict[str, Any]:
    return {
        "id": row.id,
        "subject": row.subject_id,
        "relationship_type": row.relationship_type,
        "object": row.object_id,
        "start": row.start,
        "end": row.end,
        "description": row.description,
        "evidence": evidence_of(session, ("relationship", row.id)),
    }


RELATIONSHIPS = WriteSpec(
    "relationship",
    Relationship,
    RelationshipWrite,
    None,  # written as its document (app/relations/document.py)
    _relationship_snapshot,
    no_dependents,
    new_id=lambda session, d: f"{d.subject}--{d.relationship_type.value}--{d.object}",
    check=_check_relationship,
)
