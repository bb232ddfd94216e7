"""Merging a duplicate actor into the one that survives: everything moves, the old id redirects."""

from typing import Any

from sqlmodel import Session, col, select, update

from app.attributes.values import refresh
from app.core.errors import NotFound
from app.core.registry import registry
from app.core.vocab import NameKind
from app.curation.errors import Conflict, Unprocessable
from app.history.service import record_change
from app.models import (
    Actor,
    ActorIdentifier,
    ActorName,
    Claim,
    Evidence,
    Participation,
    Quote,
    Redirect,
    Relationship,
    Source,
)
from app.models.base import utcnow


def merge_actors(
    session: Session, duplicate: Actor, into: str, *, key_id: str | None, reason: str | None
) -> Actor:
    """Fold `duplicate` into actor `into`; its id answers 308 to the survivor from now on."""
    target = session.get(Actor, into)
    if target is None:
        raise NotFound(f"No actor with id {into!r}.")
    if target.id == duplicate.id:
        raise Unprocessable("body.into", "an actor cannot be merged into itself")
    spec = registry().write("actor")
    before = {
        "survivor": spec.snapshot(session, target),
        "merged": spec.snapshot(session, duplicate),
    }
    _move_identifiers(session, duplicate.id, target.id)
    _move_names(session, duplicate.id, target.id)
    _move_participations(session, duplicate.id, target.id)
    _move_relationships(session, duplicate.id, target.id)
    _move_rest(session, duplicate.id, target.id)
    session.delete(duplicate)
    session.flush()
    target.updated_at = utcnow()
    session.add(target)
    _redirect(session, duplicate.id, target.id)
    after = spec.snapshot(session, target)
    record_change(
        session,
        record_type="actor",
        record_id=duplicate.id,
        action="merge",
        before=before["merged"],
        after=None,
        key_id=key_id,
        reason=reason or f"merged into {target.id}",
    )
    record_change(
        session,
        record_type="actor",
        record_id=target.id,
        action="merge",
        before=before["survivor"],
        after=after,
        key_id=key_id,
        reason=reason or f"absorbed {duplicate.id}",
    )
    return target


def _move_identifiers(session: Session, old: str, new: str) -> None:
    have = {
        i.scheme: i.value
        for i in session.exec(select(ActorIdentifier).where(col(ActorIdentifier.actor_id) == new))
    }
    for ident in session.exec(select(ActorIdentifier).where(col(ActorIdentifier.actor_id) == old)):
        if ident.scheme in have and have[ident.scheme] != ident.value:
            raise Conflict(
                f"The two actors have different {ident.scheme} ids "
                f"({ident.value} and {have[ident.scheme]}); they are not one actor."
            )
        session.delete(ident)
        session.flush()
        if ident.scheme not in have:
            session.add(ActorIdentifier(actor_id=new, scheme=ident.scheme, value=ident.value))
    session.flush()


def _move_names(session: Session, old: str, new: str) -> None:
    have = {
        (n.name, n.lang): n
        for n in session.exec(select(ActorName).where(col(ActorName.actor_id) == new))
    }
    for name in session.exec(select(ActorName).where(col(ActorName.actor_id) == old)):
        same = have.get((name.name, name.lang))
        if same is not None:  # one spelling, now attested by both actors' evidence
            _retarget(session, Evidence, "actor_name", name.id, same.id)
            session.delete(name)
            continue
        name.actor_id = new
        if name.kind == NameKind.CANONICAL.value:
            name.kind = NameKind.VARIANT.value
        session.add(name)
    session.flush()


def _move_participations(session: Session, old: str, new: str) -> None:
    have = {
        (p.event_id, p.role): p
        for p in session.exec(select(Participation).where(col(Participation.actor_id) == new))
    }
    for part in session.exec(select(Participation).where(col(Participation.actor_id) == old)):
        same = have.get((part.event_id, part.role))
        if same is not None:
            _fold(session, "participation", part.id, same.id)
            session.delete(part)
            continue
        part.actor_id = new
        session.add(part)
    session.flush()


def _move_relationships(session: Session, old: str, new: str) -> None:
    rows = session.exec(
        select(Relationship).where(
            (col(Relationship.subject_id) == old) | (col(Relationship.object_id) == old)
        )
    ).all()
    for rel in rows:
        rel.subject_id = new if rel.subject_id == old else rel.subject_id
        rel.object_id = new if rel.object_id == old else rel.object_id
        twin = session.exec(
            select(Relationship).where(
                col(Relationship.subject_id) == rel.subject_id,
                col(Relationship.object_id) == rel.object_id,
                col(Relationship.relationship_type) == rel.relationship_type,
                col(Relationship.id) != rel.id,
            )
        ).first()
        if twin is not None or rel.subject_id == rel.object_id:
            if twin is not None:
                _fold(session, "relationship", rel.id, twin.id)
            session.delete(rel)
        else:
            session.add(rel)
    session.flush()


def _move_rest(session: Session, old: str, new: str) -> None:
    session.execute(update(Quote).where(col(Quote.speaker_id) == old).values(speaker_id=new))
    session.execute(update(Source).where(col(Source.outlet_id) == old).values(outlet_id=new))
    _fold(session, "actor", old, new)


def _fold(session: Session, record_type: str, old: str, new: str) -> None:
    """Move what backs one record (its evidence and claims) onto another."""
    _retarget(session, Evidence, record_type, old, new)
    _retarget(session, Claim, record_type, old, new)
    refresh(session.connection(), [(record_type, old), (record_type, new)])


def _retarget(session: Session, table: Any, record_type: str, old: str, new: str) -> None:
    session.execute(
        update(table)
        .where(col(table.subject_type) == record_type, col(table.subject_id) == old)
        .values(subject_id=new)
    )


def _redirect(session: Session, old: str, new: str) -> None:
    """Point the old id, and any id that already pointed to it, at the survivor."""
    session.execute(
        update(Redirect)
        .where(col(Redirect.record_type) == "actor", col(Redirect.new_id) == old)
        .values(new_id=new)
    )
    session.add(Redirect(record_type="actor", old_id=old, new_id=new))
    session.flush()
