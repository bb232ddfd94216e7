"""An import after a merge: the merged ids it cites are read as their survivors'.

A merge leaves a `Redirect` from each id it folded away to the id that now holds the record
(`app/curation/rekey.py:redirect` keeps them flat: a chain of merges points every old id at
the last survivor). Before a batch is checked, every reference of its documents to such an
id is rewritten to the survivor (each type's `Document.redirect`), with one query per batch
and record type. A document whose own id was merged away (or whose id, derived from what it
cites, now names another record) is not written: it would re-create what the merge folded,
or overwrite the survivor with the duplicate's data. Nor is one the merge left meaningless
(`Document.folded`: a relationship whose two ends are one actor now, which the merge
deleted). The report lists each under `merged`.

As on reads (`app/core/lookup.py`), a stored record wins over a redirect of its id.
"""

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from app.imports.reader import Entry
from app.imports.references import Ref, references, stored_ids
from app.imports.repository import LOOKUP, chunks
from app.imports.schemas import MergedRecord, document, record_id
from app.models import Redirect

Moves = dict[Ref, str]  # (kind, old id) -> the survivor's id


class Redirects:
    """The redirects an import follows: the record types that have any are read once."""

    def __init__(self, session: Session):
        self._session = session
        # An import never adds redirects, so a database without them (a bulk load) pays
        # this one query and nothing per batch.
        self._types = set(session.exec(select(Redirect.record_type).distinct()))

    def follow(self, batch: list[Entry]) -> list[tuple[Entry, MergedRecord]]:
        """Rewrite the batch's references to merged ids; the entries merged away, each with
        what it was merged into, are returned and must not be written."""
        if not self._types:
            return []
        good = [entry for entry in batch if entry.model is not None and not entry.reasons]
        moves = self._moves({ref for entry in good for ref in self._cited(entry)})
        if not moves:  # the usual case: asked again per record only when needed
            return []
        merged: list[tuple[Entry, MergedRecord]] = []
        for entry in good:
            if moves.keys() & self._cited(entry):
                record = _rewrite(entry, moves)
                if record is not None:
                    merged.append((entry, record))
        return merged

    def _cited(self, entry: Entry) -> set[Ref]:
        if entry.model is None or entry.owner is None:
            return set()
        kind = entry.owner[0]
        # Walking a document for its evidence's sources costs more than the rest: only
        # when a source was ever merged away.
        refs = references(entry.model) if "source" in self._types else set()
        refs.update(document(kind).references(entry.model), [entry.owner])
        return {ref for ref in refs if ref[0] in self._types}

    def _moves(self, refs: Iterable[Ref]) -> Moves:
        by_type: dict[str, list[str]] = defaultdict(list)
        for kind, ref_id in refs:
            by_type[kind].append(ref_id)
        moves: Moves = {}
        for kind, ids in by_type.items():
            for batch in chunks(sorted(ids), LOOKUP):
                statement = select(Redirect.old_id, Redirect.new_id).where(
                    col(Redirect.record_type) == kind, col(Redirect.old_id).in_(batch)
                )
                moves.update(((kind, old), new) for old, new in self._session.exec(statement))
        back = stored_ids(self._session, list(moves))  # re-created since: the record answers
        return {ref: new for ref, new in moves.items() if ref not in back and new != ref[1]}


def _rewrite(entry: Entry, moves: Moves) -> MergedRecord | None:
    """Point the entry's references at the survivors; what the document was merged into if
    it was merged away, else None."""
    if entry.model is None or entry.owner is None:
        return None
    kind, own = entry.owner
    if (kind, own) in moves:
        return MergedRecord(record=kind, id=own, into=moves[(kind, own)])
    spec = document(kind)
    entry.model = spec.redirect(
        entry.model, lambda ref_kind, ref_id: moves.get((ref_kind, ref_id), ref_id)
    )
    reason = spec.folded(entry.model)
    if reason is not None:
        return MergedRecord(record=kind, id=own, into=None, reason=reason)
    now = record_id(kind, entry.model)
    if now != own:  # derived from what it cites: the merge re-keyed or folded it
        return MergedRecord(record=kind, id=own, into=now)
    return None
