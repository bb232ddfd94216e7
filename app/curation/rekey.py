"""Re-keying what a merge moves: a row whose id is derived from the actor it belonged to
(a name, a participation, a derived relationship id, and the claims and evidence of each)
is stored again under the id the survivor's data derives, as seeding or an import would
have stored it; its old id redirects. So an export after a merge imports into an empty
database as the same rows, and re-importing it changes nothing.
"""

import json
from typing import Any

from sqlmodel import Session, SQLModel, col, select, update

from app.attributes.values import refresh
from app.core.evidence import stored_evidence_id
from app.core.text import stable_id
from app.models import Claim, Evidence, Redirect
from app.seeding.rows import row_data


def rekey(session: Session, row: Any, new_id: str, subject_type: str, **changes: Any) -> Any:
    """`row` stored as `new_id` with `changes`, its claims and evidence moved along."""
    if new_id == row.id:
        for name, value in changes.items():
            setattr(row, name, value)
        session.add(row)
        session.flush()
        return row
    fresh = type(row)(**{**row_data(row), **changes, "id": new_id})
    session.add(fresh)
    session.flush()
    fold(session, subject_type, row.id, new_id)
    session.delete(row)
    session.flush()
    redirect(session, subject_type, row.id, new_id)
    return fresh


def redirect(session: Session, record_type: str, old: str, new: str) -> None:
    """Point the old id, and any id that already pointed to it, at the new one (308)."""
    session.execute(
        update(Redirect)
        .where(col(Redirect.record_type) == record_type, col(Redirect.new_id) == old)
        .values(new_id=new)
    )
    session.add(Redirect(record_type=record_type, old_id=old, new_id=new))
    session.flush()


def fold(session: Session, subject_type: str, old: str, new: str) -> None:
    """Move what backs one record (its evidence and claims) onto another, each under the id
    it has there; what the other already has is kept once."""
    for evidence in _about(session, Evidence, subject_type, old):
        evidence_id = stored_evidence_id((subject_type, new), evidence)
        _move(session, evidence, evidence_id, subject_id=new)
    for claim in _about(session, Claim, subject_type, old):
        key = json.dumps(claim.value, sort_keys=True, ensure_ascii=False)
        claim_id = stable_id("clm", subject_type, new, claim.property, key)
        if session.get(Claim, claim_id) is None:
            session.add(Claim(**{**row_data(claim), "id": claim_id, "subject_id": new}))
            session.flush()
        fold(session, "claim", claim.id, claim_id)
        session.delete(claim)
    session.flush()
    refresh(session.connection(), [(subject_type, old), (subject_type, new)])


def _about(session: Session, table: Any, subject_type: str, subject_id: str) -> list[Any]:
    about = (col(table.subject_type) == subject_type, col(table.subject_id) == subject_id)
    return list(session.exec(select(table).where(*about)))


def _move(session: Session, row: SQLModel, new_id: str, **changes: Any) -> None:
    if session.get(type(row), new_id) is None:
        session.add(type(row)(**{**row_data(row), **changes, "id": new_id}))
        session.flush()
    session.delete(row)
