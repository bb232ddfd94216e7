"""Query pieces every collection shares: `evidence_from=` and the evidence/claims includes."""

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlmodel import Session, col

from app.core.query.resource import Include, RelationFilter, Rows
from app.models import Claim, Evidence
from app.provenance import repository


def evidence_from(record_type: str, id_column: Any) -> RelationFilter:
    """Records backed by an excerpt of the given article(s), directly or through a claim."""

    def build(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
        # Two levels down from the record's query, so correlation must be asked for.
        claim_ids = (
            select(col(Claim.id))
            .where(col(Claim.subject_type) == record_type, col(Claim.subject_id) == id_column)
            .correlate_except(Claim)
        )
        return exists().where(
            col(Evidence.source_id).in_(values),
            or_(
                and_(
                    col(Evidence.subject_type) == record_type, col(Evidence.subject_id) == id_column
                ),
                and_(
                    col(Evidence.subject_type) == "claim", col(Evidence.subject_id).in_(claim_ids)
                ),
            ),
        )

    return RelationFilter("evidence_from", "Source id(s) the record has evidence from.", build)


def provenance_includes(record_type: str) -> tuple[Include, Include]:
    """`evidence` (the record's own excerpts) and `claims` (its sourced values)."""

    def evidence(session: Session, rows: Rows) -> Mapping[str, Rows]:
        found = repository.evidence_for(session, [(record_type, r.id) for r in rows])
        return _by_id(found)

    def claims(session: Session, rows: Rows) -> Mapping[str, Rows]:
        return _by_id(repository.claims_for(session, [(record_type, r.id) for r in rows]))

    return (
        Include("evidence", "evidence", evidence, description="Excerpts backing the record."),
        Include("claims", "claims", claims, description="Sourced values with rank."),
    )


def _by_id(found: Mapping[tuple[str, str], list[Any]]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for (_, record_id), rows in found.items():
        grouped[record_id].extend(rows)
    return grouped
