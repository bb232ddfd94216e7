"""How actors travel as documents: seed files, NDJSON imports and exports."""

from app.core.registry import Child, Document
from app.imports.export import Record, claims_of, evidence_of
from app.imports.repository import Bundle
from app.models import Actor, ActorIdentifier, ActorName
from app.seeding.plan import plan_actors
from app.seeding.schema import ActorIn


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
    plan=plan_actors,
    assemble=_assemble,
    claims=True,
    children=(
        Child(ActorName, ActorName.actor_id, "actor_name", evidence=True),
        Child(ActorIdentifier, ActorIdentifier.actor_id),
    ),
)
