"""Helpers the write specs of every record type share."""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel

from app.core.text import fold, stable_id
from app.curation.errors import Unprocessable
from app.imports.export import assemble
from app.imports.repository import load_bundle

Snapshot = Callable[[Session, Any], dict[str, Any]]


def require(session: Session, table: type[SQLModel], record_id: str | None, field: str) -> None:
    """A reference in the input must name an existing record (422 naming the field)."""
    if record_id is not None and session.get(table, record_id) is None:
        name = table.__tablename__
        raise Unprocessable(field, f"no {name} with id {record_id!r}")


def slug_id(session: Session, table: type[SQLModel], text: str) -> str:
    """A readable, unused id from a name or title: "Kim Gun" -> "kim-gun" (-2, -3… if taken)."""
    words = [w for w in fold(text).split() if w.isascii() and w.isalnum()]
    base = "-".join(words)[:80].strip("-") or stable_id("rec", text)
    candidate, n = base, 1
    while session.get(table, candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def document_snapshot(kind: str, model: type[BaseModel]) -> Snapshot:
    """A snapshot read off the record's stored document (what export writes), cut to the
    fields `model` writes: a field added to the document is in the snapshot too."""

    def snapshot(session: Session, row: Any) -> dict[str, Any]:
        document = assemble(load_bundle(session, kind, [row.id]), row.id)
        return {name: document[name] for name in model.model_fields if name in document}

    return snapshot
