"""Export: the whole database as NDJSON records of the seed format, streamed a batch at a time.

Each record is assembled from its stored rows the way the seed loader took it apart, so
importing the export into an empty database writes the same rows again. Derived columns
(ids of names, claims and evidence; search keys; date bounds; hashes) are left out: the
loader derives them.
"""

from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session, func, select

from app.core.evidence import evidence_doc, evidence_order
from app.imports.repository import Bundle, id_pages, load_bundle, table_name
from app.imports.schemas import document, kinds, table_order

Record = dict[str, Any]


def export_records(session: Session, tally: Counter[str] | None = None) -> Iterator[Record]:
    """Every record, kind by kind (places first), each with its `record` kind; `tally`
    counts the rows written, by table."""
    _read_snapshot(session)
    for kind in kinds():
        for ids in id_pages(session, kind):
            bundle = load_bundle(session, kind, ids)
            for record_id in ids:
                if tally is not None:
                    tally.update(table_name(type(row)) for row in bundle.owned_rows(record_id))
                yield {"record": kind, **assemble(bundle, record_id)}
            # Nothing of a finished batch is needed again; keep memory to one batch.
            session.expunge_all()


def left_out(session: Session, tally: Counter[str]) -> dict[str, int]:
    """Rows per table that the export did not write (the format has no place for them:
    a quote of no event, a claim about a place…); call in the export's session."""
    missing = {}
    for model in table_order():
        name = table_name(model)
        stored = session.exec(select(func.count()).select_from(model)).one()
        if stored > tally[name]:
            missing[name] = stored - tally[name]
    return missing


def _read_snapshot(session: Session) -> None:
    """Read every batch from one snapshot, so a write meanwhile cannot split the export."""
    if session.get_bind().dialect.name == "postgresql":
        # Set before the transaction begins. https://www.postgresql.org/docs/current/transaction-iso.html
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return
    connection = session.connection()
    if connection.dialect.name == "sqlite" and not _in_transaction(connection):
        # pysqlite opens a transaction only before a write; a deferred BEGIN makes the
        # reads that follow share one snapshot. https://www.sqlite.org/lang_transaction.html
        connection.exec_driver_sql("BEGIN")


def _in_transaction(connection: Connection) -> bool:
    return bool(getattr(connection.connection.dbapi_connection, "in_transaction", False))


def assemble(bundle: Bundle, record_id: str) -> Record:
    """One stored record in the seed format (without `record`), from its bundle."""
    return document(bundle.kind).assemble(bundle, bundle.main[record_id])


def evidence_of(bundle: Bundle, subject_type: str, subject_id: str) -> list[Record]:
    items = sorted(bundle.evidence.get((subject_type, subject_id), []), key=evidence_order)
    return [evidence_doc(e) for e in items]


def claims_of(bundle: Bundle, subject_type: str, subject_id: str) -> list[Record]:
    claims = sorted(bundle.claims.get((subject_type, subject_id), []), key=lambda c: c.id)
    return [
        {
            "property": claim.property,
            "value": claim.value,
            "rank": claim.rank,
            "note": claim.note,
            "disagreement": claim.disagreement,
            "evidence": evidence_of(bundle, "claim", claim.id),
        }
        for claim in sorted(claims, key=lambda c: c.property)
    ]
