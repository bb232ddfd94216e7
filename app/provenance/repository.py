"""Queries for claims and evidence attached to many records at once."""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, false, func, or_
from sqlmodel import Session, col, select

from app.core.records import RecordKey
from app.models import ActorName, Claim, Evidence


def _subject_filter(
    type_column: SQLColumnExpression[str],
    id_column: SQLColumnExpression[str],
    keys: Iterable[RecordKey],
) -> ColumnElement[bool]:
    by_type: dict[str, set[str]] = defaultdict(set)
    for record_type, record_id in keys:
        by_type[record_type].add(record_id)
    clauses = [and_(type_column == t, id_column.in_(ids)) for t, ids in by_type.items()]
    return or_(*clauses) if clauses else false()


def evidence_for(session: Session, keys: Iterable[RecordKey]) -> dict[RecordKey, list[Evidence]]:
    """The evidence of each record, in one query."""
    where = _subject_filter(col(Evidence.subject_type), col(Evidence.subject_id), keys)
    statement = (
        select(Evidence)
        .where(where)
        .order_by(col(Evidence.source_id), col(Evidence.start_offset), col(Evidence.id))
    )
    found: dict[RecordKey, list[Evidence]] = defaultdict(list)
    for row in session.exec(statement):
        found[(row.subject_type, row.subject_id)].append(row)
    return found


def claims_for(session: Session, keys: Iterable[RecordKey]) -> dict[RecordKey, list[Claim]]:
    """The claims about each record, in one query."""
    where = _subject_filter(col(Claim.subject_type), col(Claim.subject_id), keys)
    statement = select(Claim).where(where).order_by(col(Claim.property), col(Claim.id))
    found: dict[RecordKey, list[Claim]] = defaultdict(list)
    for row in session.exec(statement):
        found[(row.subject_type, row.subject_id)].append(row)
    return found


def contested_claims(session: Session) -> list[Claim]:
    """Claims whose record has more than one claim for the same property."""
    groups = (
        select(Claim.subject_type, Claim.subject_id, Claim.property)
        .group_by(col(Claim.subject_type), col(Claim.subject_id), col(Claim.property))
        .having(func.count() > 1)
        .subquery()
    )
    statement = (
        select(Claim)
        .join(
            groups,
            and_(
                col(Claim.subject_type) == groups.c.subject_type,
                col(Claim.subject_id) == groups.c.subject_id,
                col(Claim.property) == groups.c.property,
            ),
        )
        .order_by(
            col(Claim.subject_type), col(Claim.subject_id), col(Claim.property), col(Claim.id)
        )
    )
    return list(session.exec(statement))


def attested_spellings(session: Session, kinds: set[str]) -> list[tuple[ActorName, Evidence]]:
    """Every name of the given kinds with each excerpt that uses it."""
    statement = (
        select(ActorName, Evidence)
        .join(
            Evidence,
            and_(
                col(Evidence.subject_type) == "actor_name", col(Evidence.subject_id) == ActorName.id
            ),
        )
        .where(col(ActorName.kind).in_(kinds))
        .order_by(
            col(ActorName.actor_id),
            col(ActorName.lang),
            col(ActorName.name),
            col(Evidence.source_id),
            col(Evidence.start_offset),
        )
    )
    return [(name, evidence) for name, evidence in session.exec(statement)]
