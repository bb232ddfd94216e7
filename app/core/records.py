"""How to name one record in another's response, and the ETag of a record's body."""

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlmodel import Session

from app.core.registry import registry
from app.core.write_spec import RecordKey

__all__ = [
    "RecordKey",
    "RecordRef",
    "a_record",
    "body_etag",
    "href",
    "record_etag",
    "ref_dicts",
    "resolve_refs",
]


class RecordRef(BaseModel):
    """A pointer to another record: its type, id, a human label and its URL path."""

    type: str = Field(examples=["actor"])
    id: str = Field(examples=["nato"])
    label: str = Field(examples=["North Atlantic Treaty Organization"])
    href: str = Field(examples=["/actors/nato"])


def body_etag(body: Any) -> str:
    """A strong ETag of a record's JSON body (RFC 9110 §8.8.3): it changes whenever what GET
    shows changes, and it is what If-Match is checked against on writes."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32] + '"'


def record_etag(record: BaseModel) -> str:
    return body_etag(record.model_dump(mode="json"))


def a_record(record_type: str) -> str:
    """ "an event", "a source": the record type with its article, for documentation."""
    noun = record_type.replace("_", " ")
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def href(record_type: str, record_id: str) -> str:
    return f"/{registry().get(record_type).collection}/{record_id}"


def resolve_refs(session: Session, keys: Iterable[RecordKey]) -> dict[RecordKey, RecordRef]:
    """Labels for many records at once: one query per record type, whatever their number."""
    return {key: RecordRef(**ref) for key, ref in ref_dicts(session, keys).items()}


def ref_dicts(session: Session, keys: Iterable[RecordKey]) -> dict[RecordKey, dict[str, str]]:
    """`resolve_refs` as the JSON objects a `RecordRef` dumps to, for list pages that skip
    building read models."""
    wanted: dict[str, set[str]] = {}
    for record_type, record_id in keys:
        wanted.setdefault(record_type, set()).add(record_id)
    refs: dict[RecordKey, dict[str, str]] = {}
    for record_type, ids in wanted.items():
        declared = registry().get(record_type)
        # Core columns of the table, not ORM attributes: the statement skips the ORM's
        # compile and result layers, a third of an include's time.
        table: Any = getattr(declared.table, "__table__")  # noqa: B009
        id_col, label_col = table.c.id, table.c[declared.label]
        prefix = f"/{declared.collection}/"
        # Fetched whole before the loop: the statement deadline (app/core/db.py) counts from
        # the statement's start, and building dicts between fetches would run it down.
        rows = session.execute(select(id_col, label_col).where(id_col.in_(ids))).all()
        for record_id, label in rows:
            refs[(record_type, record_id)] = {
                "type": record_type,
                "id": record_id,
                "label": str(label),
                "href": prefix + record_id,
            }
    return refs
