"""Merging a duplicate actor into the one that survives: everything moves, the old id redirects."""

from sqlmodel import Session, col, select, update

from app.core.errors import NotFound
from app.core.registry import registry
from app.core.text import stable_id
from app.core.vocab import NameKind
from app.curation.errors import Conflict, Unprocessable
from app.curation.rekey import fold, redirect, rekey
from app.history.service import record_change
from app.models import (
    Actor,
    ActorIdentifier,
    ActorName,
    Participation,
    Quote,
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
    redirect(session, "actor", duplicate.id, target.id)
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
            fold(session, "actor_name", name.id, same.id)
            session.delete(name)
            continue
        kind = NameKind.VARIANT.value if name.kind == NameKind.CANONICAL.value else name.kind
        name_id = stable_id("name", new, name.name, name.lang)  # as app/seeding/names.py
        rekey(session, name, name_id, "actor_name", actor_id=new, kind=kind)
    session.flush()


def _move_participations(session: Session, old: str, new: str) -> None:
    have = {
        (p.event_id, p.role): p
        for p in session.exec(select(Participation).where(col(Participation.actor_id) == new))
    }
    for part in session.exec(select(Participation).where(col(Participation.actor_id) == old)):
        same = have.get((part.event_id, part.role))
        if same is not None:
            fold(session, "participation", part.id, same.id)
            session.delete(part)
            continue
        part_id = f"{part.event_id}--{new}--{part.role}"  # as the seed format derives it
        rekey(session, part, part_id, "participation", actor_id=new)
    session.flush()


def _move_relationships(session: Session, old: str, new: str) -> None:
    rows = session.exec(
        select(Relationship).where(
            (col(Relationship.subject_id) == old) | (col(Relationship.object_id) == old)
        )
    ).all()
    for rel in rows:
        derived = rel.id == _derived_id(rel)
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
                fold(session, "relationship", rel.id, twin.id)
            session.delete(rel)
        else:
            rekey(session, rel, _derived_id(rel) if derived else rel.id, "relationship")
    session.flush()


def _derived_id(rel: Relationship) -> str:
    return f"{rel.subject_id}--{rel.relationship_type}--{rel.object_id}"


def _move_rest(session: Session, old: str, new: str) -> None:
    session.execute(update(Quote).where(col(Quote.speaker_id) == old).values(speaker_id=new))
    session.execute(update(Source).where(col(Source.outlet_id) == old).values(outlet_id=new))
    fold(session, "actor", old, new)
