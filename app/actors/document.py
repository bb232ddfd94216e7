"""How actors travel as documents: seed files, NDJSON imports and exports."""

from collections.abc import Sequence

from app.core.registry import Child, Document
from app.imports.export import Record, claims_of, evidence_of
from app.imports.repository import Bundle
from app.models import Actor, ActorIdentifier, ActorName
from app.seeding.names import name_values
from app.seeding.plan import KnownIds, Plan
from app.seeding.rows import Row
from app.seeding.schema import ActorIn


def _plan(plan: Plan, actors: Sequence[ActorIn], ids: KnownIds) -> None:
    for actor in actors:
        where = f"actor {actor.id!r}"
        plan.begin("actor", actor.id)
        preferred = plan.claims_for(("actor", actor.id), actor.claims, where)
        description = plan.field(where, "description", actor.description, preferred, required=False)
        plan.add(
            Row(
                Actor,
                id=actor.id,
                kind=actor.kind.value,
                name=actor.name,
                description=description or "",
            )
        )
        plan.evidence(("actor", actor.id), actor.evidence, where)
        for name in actor.names:
            row = Row(ActorName, **name_values(actor.id, name))
            plan.add(row)
            name_id = row.values["id"]
            plan.evidence(("actor_name", name_id), name.evidence, f"{where} name {name.name!r}")
        for scheme, value in sorted(actor.identifiers.items()):
            plan.add(Row(ActorIdentifier, actor_id=actor.id, scheme=scheme, value=value))


def _assemble(bundle: Bundle, actor: Actor) -> Record:
    names: list[ActorName] = bundle.of(ActorName, actor.id)
    identifiers: list[ActorIdentifier] = bundle.of(ActorIdentifier, actor.id)
    return {
        "id": actor.id,
        "kind": actor.kind,
        "name": actor.name,
        # Stored as "" when absent; null keeps it from contradicting a preferred claim.
        "description": actor.description or None,
        "identifiers": {i.scheme: i.value for i in identifiers},
        "names": [
            {
                "name": n.name,
                "lang": n.lang,
                "kind": n.kind,
                "misspelling": n.misspelling,
                "transliteration": n.transliteration,
                "origin": n.origin,
                "evidence": evidence_of(bundle, "actor_name", n.id),
            }
            for n in sorted(names, key=lambda n: (n.kind != "canonical", n.id))
        ],
        "claims": claims_of(bundle, "actor", actor.id),
        "evidence": evidence_of(bundle, "actor", actor.id),
    }


ACTOR_DOCUMENT = Document(
    model=ActorIn,
    order=1,
    plan=_plan,
    assemble=_assemble,
    claims=True,
    children=(
        Child(ActorName, ActorName.actor_id, "actor_name", evidence=True),
        Child(ActorIdentifier, ActorIdentifier.actor_id),
    ),
)
