"""Writing actors: the actor, every spelling of its name, and its outside identifiers."""

from typing import Any

from sqlmodel import Session, col, delete, or_, select

from app.actors.schemas import ActorWrite, NameWrite
from app.core.vocab import NameKind
from app.core.write_spec import RecordKey, WriteSpec
from app.curation.errors import Unprocessable
from app.curation.excerpts import drop_evidence, evidence_of
from app.curation.matching import refuse_duplicate_actor
from app.curation.spec import slug_id
from app.models import Actor, ActorIdentifier, ActorName, Participation, Quote, Relationship, Source


def _names(data: ActorWrite) -> list[NameWrite]:
    """The names as given, with the canonical one added when it is missing."""
    canonical = [n for n in data.names if n.kind is NameKind.CANONICAL]
    if len(canonical) > 1 or (canonical and canonical[0].name != data.name):
        raise Unprocessable("body.names", f"exactly one canonical name, equal to {data.name!r}")
    if canonical:
        return list(data.names)
    return [NameWrite(name=data.name, lang="und", kind=NameKind.CANONICAL), *data.names]


def _check(session: Session, data: ActorWrite, record_id: str) -> None:
    seen: set[tuple[str, str]] = set()
    for i, name in enumerate(_names(data)):
        if (name.name, name.lang) in seen:
            raise Unprocessable(f"body.names[{i}]", "this spelling and language are given twice")
        seen.add((name.name, name.lang))


def _written(data: ActorWrite) -> ActorWrite:
    return data.model_copy(update={"names": _names(data)})


def _snapshot(session: Session, row: Actor) -> dict[str, Any]:
    names = session.exec(
        select(ActorName)
        .where(col(ActorName.actor_id) == row.id)
        .order_by(col(ActorName.lang), col(ActorName.name))
    ).all()
    identifiers = session.exec(
        select(ActorIdentifier).where(col(ActorIdentifier.actor_id) == row.id)
    ).all()
    return {
        "id": row.id,
        "kind": row.kind,
        "name": row.name,
        "description": row.description,
        "identifiers": {i.scheme: i.value for i in identifiers},
        "names": [
            {
                "name": n.name,
                "lang": n.lang,
                "kind": n.kind,
                "misspelling": n.misspelling,
                "transliteration": n.transliteration,
                "origin": n.origin,
                "evidence": evidence_of(session, ("actor_name", n.id)),
            }
            for n in names
        ],
        "evidence": evidence_of(session, ("actor", row.id)),
    }


def _dependents(session: Session, row: Actor) -> list[RecordKey]:
    found: list[RecordKey] = []
    found += [
        ("participation", i)
        for i in session.exec(select(Participation.id).where(col(Participation.actor_id) == row.id))
    ]
    found += [
        ("relationship", i)
        for i in session.exec(
            select(Relationship.id).where(
                or_(col(Relationship.subject_id) == row.id, col(Relationship.object_id) == row.id)
            )
        )
    ]
    found += [
        ("quote", i) for i in session.exec(select(Quote.id).where(col(Quote.speaker_id) == row.id))
    ]
    found += [
        ("source", i)
        for i in session.exec(select(Source.id).where(col(Source.outlet_id) == row.id))
    ]
    return found


def _cleanup(session: Session, row: Actor) -> None:
    """An actor's names and identifiers go with it."""
    for old in session.exec(select(ActorName).where(col(ActorName.actor_id) == row.id)):
        drop_evidence(session, ("actor_name", old.id))
        session.delete(old)
    session.flush()
    session.execute(delete(ActorIdentifier).where(col(ActorIdentifier.actor_id) == row.id))


ACTORS = WriteSpec(
    "actor",
    Actor,
    ActorWrite,
    None,  # written as its document (app/actors/document.py)
    _snapshot,
    _dependents,
    new_id=lambda session, data: slug_id(session, Actor, data.name),
    check=_check,
    written=_written,
    cleanup=_cleanup,
    duplicates=lambda session, data: refuse_duplicate_actor(session, data.name, data.kind),
)
