"""What each record of a batch refers to, and which of those references the database holds.

A batch is planned only once everything it cites is known: in the batch itself, stored
(which includes the earlier batches of the same import), or rejected earlier (a record
citing a rejected one is not flagged as well). A record citing what is none of these yet is
deferred to the end of the import, when everything the input holds has been seen.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from app.core.evidence import Holding
from app.core.vocab import SourceKind
from app.imports.repository import chunks
from app.imports.schemas import document, kind_of, kinds, main_table
from app.models import Source
from app.seeding.schema import EvidenceIn

Ref = tuple[str, str]  # (kind, id)


def references(record: BaseModel) -> set[Ref]:
    """Every (kind, id) a record cites: its fields' references and its evidence's sources."""
    refs = set(document(kind_of(record)).references(record))
    refs.update(("source", source) for source in _evidence_sources(record))
    return refs


def _evidence_sources(value: Any) -> Iterator[str]:
    """The source of every piece of evidence anywhere inside a record."""
    if isinstance(value, EvidenceIn):
        yield value.source
    elif isinstance(value, BaseModel):
        for item in value.__dict__.values():
            if isinstance(item, list | BaseModel):
                yield from _evidence_sources(item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, BaseModel):
                yield from _evidence_sources(item)


def stored_ids(session: Session, refs: Iterable[Ref]) -> set[Ref]:
    """Those of `refs` stored, by one query per kind and chunk."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, record_id in refs:
        by_kind[kind].append(record_id)
    found: set[Ref] = set()
    for kind in kinds():
        table = main_table(kind).__table__  # type: ignore[attr-defined]
        pk = table.primary_key.columns[0]
        for ids in chunks(sorted(set(by_kind[kind]))):
            found.update(
                (kind, i) for i in session.connection().scalars(select(pk).where(pk.in_(ids)))
            )
    return found


def stored_texts(session: Session, source_ids: Iterable[str]) -> dict[str, Holding]:
    """The article text of each of these sources that is stored (its kind if it has none)."""
    texts: dict[str, Holding] = {}
    for ids in chunks(sorted(set(source_ids))):
        statement = select(Source.id, Source.text, Source.kind).where(col(Source.id).in_(ids))
        texts.update(
            (source_id, SourceKind(kind) if text is None else text)
            for source_id, text, kind in session.exec(statement)
        )
    return texts
