"""Turn validated relationship documents into rows (see app/seeding/plan.py)."""

from collections.abc import Sequence

from app.models import Relationship
from app.seeding.plan import KnownIds, Plan, bounds, require
from app.seeding.rows import Row
from app.seeding.schema import RelationshipIn


def plan_relationships(plan: Plan, relationships: Sequence[RelationshipIn], ids: KnownIds) -> None:
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
