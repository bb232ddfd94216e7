"""What the database already holds of the documents an importer emits.

Actors, places and sources are shared by many rows and many files: one already stored is
left as it is (the first file that brought it, or a curator, has the say), so a second file
never takes away what the first gave. A stored event keeps the evidence other sources gave
it (GDELT mentions, a curator's excerpt) when its own file is imported again.
"""

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from app.importers.documents import Doc
from app.imports.export import assemble
from app.imports.repository import load_bundle
from app.models import Actor, Event, Place, Source

SHARED: dict[str, Any] = {"actor": Actor, "place": Place, "source": Source}
BATCH = 200  # ids per IN list


def stored_ids(session: Session, kind: str, ids: Iterable[str]) -> set[str]:
    """Which of `ids` a table of `kind` already holds."""
    model = SHARED.get(kind) or Event
    wanted, found = sorted(set(ids)), set()
    for at in range(0, len(wanted), BATCH):
        part = wanted[at : at + BATCH]
        found |= set(session.exec(select(model.id).where(col(model.id).in_(part))).all())
    return found


def stored_events(session: Session, ids: list[str]) -> dict[str, Doc]:
    """The stored documents of the events among `ids`, as an export writes them."""
    found: dict[str, Doc] = {}
    for at in range(0, len(ids), BATCH):
        part = sorted(stored_ids(session, "event", ids[at : at + BATCH]))
        if part:
            bundle = load_bundle(session, "event", part)
            found |= {event_id: assemble(bundle, event_id) for event_id in part}
    return found


def keep_others(doc: Doc, stored: Doc, own_source: str) -> None:
    """Add to `doc` the evidence and the sources that `stored` has from other sources."""
    have = {evidence_key(item) for item in doc["evidence"]}
    for item in stored.get("evidence") or []:
        if item["source"] != own_source and evidence_key(item) not in have:
            doc["evidence"].append(item)
            have.add(evidence_key(item))
    for source in stored.get("sources") or []:
        if source not in doc["sources"]:
            doc["sources"].append(source)


def evidence_key(item: Doc) -> str:
    """An evidence item's identity, whatever its keys' order or its unset keys."""
    return repr(sorted((k, v) for k, v in item.items() if v is not None))
