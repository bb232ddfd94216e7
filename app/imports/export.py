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

from app.imports.repository import Bundle, id_pages, load_bundle, table_name
from app.imports.schemas import KINDS
from app.models import (
    Actor,
    ActorIdentifier,
    ActorName,
    EventLink,
    EventSource,
    Participation,
    Place,
    PlaceIdentifier,
    PlaceName,
    Quote,
    Relationship,
    Source,
)
from app.models import Event as EventRow
from app.places.rows import geo_document
from app.provenance.kinds import evidence_doc, evidence_order
from app.seeding.rows import TABLE_ORDER

Record = dict[str, Any]


def export_records(session: Session, tally: Counter[str] | None = None) -> Iterator[Record]:
    """Every record, kind by kind (places first), each with its `record` kind; `tally`
    counts the rows written, by table."""
    _read_snapshot(session)
    for kind in KINDS:
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
    for model in TABLE_ORDER:
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
    row = bundle.main[record_id]
    if isinstance(row, Place):
        return _place(bundle, row)
    if isinstance(row, Actor):
        return _actor(bundle, row)
    if isinstance(row, Source):
        return _source(bundle, row)
    if isinstance(row, EventRow):
        return _event(bundle, row)
    if isinstance(row, Relationship):
        return _relationship(bundle, row)
    raise TypeError(f"no export for {type(row).__name__}")


def _evidence(bundle: Bundle, subject_type: str, subject_id: str) -> list[Record]:
    items = sorted(bundle.evidence.get((subject_type, subject_id), []), key=evidence_order)
    return [evidence_doc(e) for e in items]


def _claims(bundle: Bundle, subject_type: str, subject_id: str) -> list[Record]:
    claims = sorted(bundle.claims.get((subject_type, subject_id), []), key=lambda c: c.id)
    return [
        {
            "property": claim.property,
            "value": claim.value,
            "rank": claim.rank,
            "note": claim.note,
            "disagreement": claim.disagreement,
            "evidence": _evidence(bundle, "claim", claim.id),
        }
        for claim in sorted(claims, key=lambda c: c.property)
    ]


def _place(bundle: Bundle, place: Place) -> Record:
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "part_of": place.part_of_id,
        **geo_document(place, bundle.of(PlaceIdentifier, place.id), bundle.of(PlaceName, place.id)),
        "evidence": _evidence(bundle, "place", place.id),
    }


def _actor(bundle: Bundle, actor: Actor) -> Record:
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
                "evidence": _evidence(bundle, "actor_name", n.id),
            }
            for n in sorted(names, key=lambda n: (n.kind != "canonical", n.id))
        ],
        "claims": _claims(bundle, "actor", actor.id),
        "evidence": _evidence(bundle, "actor", actor.id),
    }


def _source(bundle: Bundle, source: Source) -> Record:
    textless = {"version": source.dataset_version, "licence": source.licence}
    return {
        "id": source.id,
        "kind": source.kind,
        "outlet": source.outlet_id,
        "title": source.title,
        "byline": source.byline,
        "language": source.language,
        "url": source.url,
        "published": source.published,
        **({} if source.text is not None else textless),
        "claims": _claims(bundle, "source", source.id),
        **({"text": source.text} if source.text is not None else {}),  # last: the longest
    }


def _event(bundle: Bundle, event: EventRow) -> Record:
    sources: list[EventSource] = bundle.of(EventSource, event.id)
    return {
        "id": event.id,
        "title": event.title,
        "event_type": event.event_type,
        "modality": event.modality,
        "summary": event.summary,
        "occurred": event.occurred,
        "announced": event.announced,
        "place": event.place_id,
        "sources": [s.source_id for s in sources],
        "evidence": _evidence(bundle, "event", event.id),
        "participants": [_participant(bundle, p) for p in bundle.of(Participation, event.id)],
        "links": [_link(bundle, link) for link in bundle.of(EventLink, event.id)],
        "quotes": [_quote(bundle, q) for q in bundle.of(Quote, event.id)],
        "claims": _claims(bundle, "event", event.id),
    }


def _participant(bundle: Bundle, part: Participation) -> Record:
    return {
        "actor": part.actor_id,
        "role": part.role,
        "description": part.description,
        "evidence": _evidence(bundle, "participation", part.id),
        "claims": _claims(bundle, "participation", part.id),
    }


def _link(bundle: Bundle, link: EventLink) -> Record:
    return {
        "link_type": link.link_type,
        "event": link.target_event_id,
        "evidence": _evidence(bundle, "event_link", link.id),
    }


def _quote(bundle: Bundle, quote: Quote) -> Record:
    return {
        "id": quote.id,
        "speaker": quote.speaker_id,
        "text": quote.text,
        "language": quote.language,
        "evidence": _evidence(bundle, "quote", quote.id),
        "claims": _claims(bundle, "quote", quote.id),
    }


def _relationship(bundle: Bundle, rel: Relationship) -> Record:
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
        "evidence": _evidence(bundle, "relationship", rel.id),
        "claims": _claims(bundle, "relationship", rel.id),
    }
