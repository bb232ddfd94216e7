"""Actor reads with names, attestations and identifiers, built in batches."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.actors.schemas import ActorNameRead, ActorNameRecord, ActorRead
from app.attributes.items import attribute_items
from app.core.query.items import iso_datetime
from app.core.records import RecordRef, resolve_refs
from app.models import Actor, ActorIdentifier, ActorName
from app.provenance.service import attestations


def read_actors(session: Session, actors: Sequence[Actor]) -> list[ActorRead]:
    """Actors as the API shows them, in a fixed number of queries."""
    return [ActorRead.model_validate(item) for item in actor_items(session, actors)]


def actor_items(session: Session, actors: Sequence[Actor]) -> list[dict[str, Any]]:
    """Actors as the JSON objects `ActorRead` dumps to, without a model per row or name."""
    ids = [a.id for a in actors]
    # Core rows (the columns as attributes): ORM instances of every name cost more than
    # the rest of an included actor.
    name_table: Any = getattr(ActorName, "__table__")  # noqa: B009
    c = name_table.c
    names: Any = session.execute(
        select(name_table).where(c.actor_id.in_(ids)).order_by(c.actor_id, c.lang, c.name)
    ).all()
    ident_table: Any = getattr(ActorIdentifier, "__table__")  # noqa: B009
    identifiers = session.execute(select(ident_table).where(ident_table.c.actor_id.in_(ids))).all()
    attested = attestations(session, names)
    attributes = attribute_items(session, "actor", ids)
    names_by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in names:
        names_by_actor[n.actor_id].append(_name_item(n, attested))
    ids_by_actor: dict[str, dict[str, str]] = defaultdict(dict)
    for ident in identifiers:
        ids_by_actor[ident.actor_id][ident.scheme] = ident.value
    return [
        {
            "id": a.id,
            "type": "actor",
            "kind": a.kind,
            "name": a.name,
            "description": a.description,
            "identifiers": ids_by_actor[a.id],
            "names": names_by_actor[a.id],
            "attributes": attributes.get(a.id, {}),
            "recorded_at": iso_datetime(a.created_at),
            "updated_at": iso_datetime(a.updated_at),
        }
        for a in actors
    ]


def _name_item(row: ActorName, attested: dict[str, list[RecordRef]]) -> dict[str, Any]:
    return {
        "id": row.id,
        "type": "actor_name",
        "name": row.name,
        "lang": row.lang,
        "kind": row.kind,
        "misspelling": row.misspelling,
        "transliteration": row.transliteration,
        "origin": row.origin,
        "attested_by": [ref.model_dump() for ref in attested.get(row.id, [])],
    }


def _name(row: ActorName, attested: dict[str, list[RecordRef]]) -> ActorNameRead:
    return ActorNameRead(
        id=row.id,
        name=row.name,
        lang=row.lang,
        kind=row.kind,
        misspelling=row.misspelling,
        transliteration=row.transliteration,
        origin=row.origin,
        attested_by=attested.get(row.id, []),
    )


def read_actor_names(session: Session, rows: Sequence[ActorName]) -> list[ActorNameRecord]:
    """Names on their own, each naming its actor, in a fixed number of queries."""
    attested = attestations(session, rows)
    actors = resolve_refs(session, {("actor", r.actor_id) for r in rows})
    return [
        ActorNameRecord(**_name(r, attested).model_dump(), actor=actors[("actor", r.actor_id)])
        for r in rows
    ]
