"""How relationships travel as documents: seed files, NDJSON imports and exports."""

from collections.abc import Iterator, Sequence

from app.core.registry import Document, Gone, Resolve
from app.imports.export import Record, claims_of, evidence_of
from app.imports.repository import Bundle
from app.models import Relationship
from app.seeding.plan import KnownIds, Plan, bounds, require
from app.seeding.rows import Row
from app.seeding.schema import RelationshipIn


def _plan(plan: Plan, relationships: Sequence[RelationshipIn], ids: KnownIds) -> None:
    for rel in relationships:
        rel_id = rel.id or f"{rel.subject}--{rel.relationship_type.value}--{rel.object}"
        where = f"relationship {rel_id!r}"
        plan.begin("relationship", rel_id)
        require(plan, ids, "actor", rel.subject, where)
        require(plan, ids, "actor", rel.object, where)
        preferred = plan.claims_for(("relationship", rel_id), rel.claims, where)
        start = plan.field(where, "start", rel.start, preferred, required=False)
        end = plan.field(where, "end", rel.end, preferred, required=False)
        plan.add(
            Row(
                Relationship,
                id=rel_id,
                subject_id=rel.subject,
                relationship_type=rel.relationship_type.value,
                object_id=rel.object,
                start=start,
                end=end,
                valid_from=bounds(start)[0],
                valid_until=bounds(end)[1],
                description=plan.field(
                    where, "description", rel.description, preferred, required=False
                ),
            )
        )
        plan.evidence(("relationship", rel_id), rel.evidence, where)


def _assemble(bundle: Bundle, rel: Relationship) -> Record:
    # The derived id ("subject--type--object") is no slug: give it by leaving `id` out.
    derived = rel.id == f"{rel.subject_id}--{rel.relationship_type}--{rel.object_id}"
    return {
        **({} if derived else {"id": rel.id}),
        "subject": rel.subject_id,
        "relationship_type": rel.relationship_type,
        "object": rel.object_id,
        "start": rel.start,
        "end": rel.end,
        "description": rel.description,
        "evidence": evidence_of(bundle, "relationship", rel.id),
        "claims": claims_of(bundle, "relationship", rel.id),
    }


def _references(rel: RelationshipIn) -> Iterator[tuple[str, str]]:
    yield from (("actor", rel.subject), ("actor", rel.object))


def _redirect(rel: RelationshipIn, resolve: Resolve) -> RelationshipIn:
    ends = {"subject": resolve("actor", rel.subject), "object": resolve("actor", rel.object)}
    return rel.model_copy(update=ends)


def _folded(rel: RelationshipIn) -> str | None:
    if rel.subject != rel.object:
        return None
    return f"its subject and object are one actor now, {rel.subject!r}"


def _drop(rel: RelationshipIn, gone: Gone) -> RelationshipIn | None:
    # A relationship is its two ends: without one it is nothing.
    return None if gone("actor", rel.subject) or gone("actor", rel.object) else rel


def _id(rel: RelationshipIn) -> str:
    # Optional in the format: derived from what it relates.
    return rel.id or f"{rel.subject}--{rel.relationship_type.value}--{rel.object}"


RELATIONSHIP_DOCUMENT = Document(
    model=RelationshipIn,
    order=4,
    plan=_plan,
    assemble=_assemble,
    references=_references,
    redirect=_redirect,
    folded=_folded,
    drop=_drop,
    record_id=_id,
    claims=True,
)
