"""One import's progress through its input, a batch of records at a time.

Per batch: the records' own checks, then their references resolved with one query per kind
(a record citing what is not known yet waits for the end of the input), then the plan with
its excerpt and row checks, then the write of every record that can be written. After a
rejection the run goes on checking and writing (so that later records are checked as they
would be) but the import will roll everything back; records citing a rejected record are
checked, not written.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session

from app.attributes.subjects import attribute_subjects
from app.attributes.values import refresh
from app.core.evidence import Holding
from app.imports.checks import SeenRecords, check_records, plan_batch
from app.imports.curated import keep_curated
from app.imports.deletions import Deletions
from app.imports.reader import Entry
from app.imports.redirects import Redirects
from app.imports.references import Ref, references, stored_ids, stored_texts
from app.imports.schemas import (
    CuratedValue,
    ImportReport,
    KindReport,
    MergedRecord,
    RejectedRecord,
    kinds,
)
from app.imports.writer import History, RecordDiff, compare, write
from app.models.base import utcnow
from app.seeding.plan import Plan
from app.seeding.schema import SourceIn


@dataclass
class Tally:
    """The report's counts, kept as batches are written."""

    id_limit: int | None
    records: int = 0
    kinds: dict[str, KindReport] = field(default_factory=lambda: {k: KindReport() for k in kinds()})
    rejected: list[tuple[int, RejectedRecord]] = field(default_factory=list)
    curated: list[CuratedValue] = field(default_factory=list)
    merged: list[MergedRecord] = field(default_factory=list)

    def count(self, diff: RecordDiff) -> None:
        report = self.kinds[diff.owner[0]]
        setattr(report, diff.status, getattr(report, diff.status) + 1)
        if diff.status != "unchanged":
            ids = getattr(report, f"{diff.status}_ids")
            if self.id_limit is None or len(ids) < self.id_limit:
                ids.append(diff.owner[1])

    def merge(self, entry: Entry, record: MergedRecord) -> None:
        """A record merged away: written as nothing, so unchanged."""
        self.spare(entry)
        if self.id_limit is None or len(self.merged) < self.id_limit:
            self.merged.append(record)

    def spare(self, entry: Entry) -> None:
        """A record the import leaves as it is (merged, or deleted by a curator)."""
        self.kinds[(entry.owner or ("", ""))[0]].unchanged += 1

    def keep(self, values: list[CuratedValue]) -> None:
        room = len(values) if self.id_limit is None else self.id_limit - len(self.curated)
        self.curated += values[: max(room, 0)]

    def reject(self, order: int, entry: Entry) -> None:
        record = RejectedRecord(
            line=entry.line,
            pointer=entry.pointer,
            record=entry.kind,
            id=entry.id,
            reasons=list(entry.reasons),
        )
        self.rejected.append((order, record))


class ImportRun:
    """The state an import carries from batch to batch; little, so memory stays flat."""

    def __init__(
        self, session: Session, history: History, id_limit: int | None, *, curated: bool = True
    ):
        self.session = session
        self.history = history
        self.redirects = Redirects(session)
        self.curated = curated  # whether curated records are kept (an import: yes)
        self.deletions = Deletions.read(session, id_limit, active=curated)
        self.now = utcnow()
        self.tally = Tally(id_limit)
        self.blocked: set[Ref] = set()  # rejected, or citing a rejected record: not written
        self.blocked_texts: dict[str, Holding] = {}  # a rejected source's text still checks
        self.deferred: list[Entry] = []

    def step(self, batch: list[Entry], seen: SeenRecords) -> int:
        """Read one batch; the number of rows written."""
        for entry in batch:
            entry.order = self.tally.records
            self.tally.records += 1
        batch, spared = self.deletions.spare(self._follow(batch))
        for entry in spared:
            self.tally.spare(entry)
        check_records(batch, seen)
        return self._process(batch, final=False)

    def _follow(self, batch: list[Entry]) -> list[Entry]:
        """The batch citing merge survivors, less the records merged away."""
        merged = self.redirects.follow(batch)
        for entry, record in merged:
            self.tally.merge(entry, record)
        gone = {id(entry) for entry, _record in merged}
        return [entry for entry in batch if id(entry) not in gone] if gone else batch

    def finish(self, seen: SeenRecords) -> int:
        """Process the records that waited for the end of the input, all together."""
        waiting, self.deferred = self.deferred, []
        return self._process(waiting, final=True) if waiting else 0

    def _process(self, batch: list[Entry], *, final: bool) -> int:
        good = [entry for entry in batch if not self._rejected(entry)]
        refs = {id(e): references(e.model) - {e.owner} for e in good if e.model is not None}
        here = {e.owner for e in good if e.owner is not None}
        outside = {r for rs in refs.values() for r in rs} - here - self.blocked
        known = here | self.blocked | stored_ids(self.session, outside)
        if not final:
            good = self._defer_unknown(good, refs, known)
        texts = self._texts(good, refs)
        ids = defaultdict(set)
        for kind, record_id in known:
            ids[kind].add(record_id)
        plan = plan_batch(self.session, good, texts, {k: ids[k] for k in kinds()})
        writable = self._writable([e for e in good if not self._rejected(e)], refs)
        return self._write(plan, writable)

    def _rejected(self, entry: Entry) -> bool:
        if not entry.reasons:
            return False
        if entry.owner is not None and entry.owner not in self.blocked:
            self.blocked.add(entry.owner)
            self._keep_text(entry)
        if not entry.reported:
            entry.reported = True
            self.tally.reject(entry.order, entry)
        return True

    def _keep_text(self, entry: Entry) -> None:
        text: Holding | None
        if isinstance(entry.model, SourceIn):
            text = entry.model.text if entry.model.text is not None else entry.model.kind
        else:
            text = (entry.raw or {}).get("text") if entry.kind == "source" else None
        if entry.id is not None and isinstance(text, str):  # a SourceKind is a str too
            self.blocked_texts.setdefault(entry.id, text)

    def _defer_unknown(
        self, good: list[Entry], refs: dict[int, set[Ref]], known: set[Ref]
    ) -> list[Entry]:
        """Set aside the records citing what is not known yet (and those citing them)."""
        waiting = {e.owner for e in good if refs[id(e)] - known}
        while True:
            more = {e.owner for e in good if e.owner not in waiting and refs[id(e)] & waiting}
            if not more:
                break
            waiting |= more
        kept = []
        for entry in good:
            if entry.owner in waiting:
                self.deferred.append(entry)
            else:
                kept.append(entry)
        return kept

    def _texts(self, good: list[Entry], refs: dict[int, set[Ref]]) -> dict[str, Holding]:
        texts: dict[str, Holding] = dict(self.blocked_texts)
        for entry in good:
            if isinstance(entry.model, SourceIn) and entry.model.text is not None:
                texts.setdefault(entry.model.id, entry.model.text)
        cited = {r[1] for e in good for r in refs[id(e)] if r[0] == "source"} - set(texts)
        texts.update(stored_texts(self.session, cited))
        return texts

    def _writable(self, good: list[Entry], refs: dict[int, set[Ref]]) -> list[Entry]:
        """The good records citing no rejected record, directly or through another."""
        writable = good
        while True:
            blocked = [e for e in writable if refs[id(e)] & self.blocked]
            if not blocked:
                return writable
            for entry in blocked:
                if entry.owner is not None:
                    self.blocked.add(entry.owner)
                self._keep_text(entry)
            out = {id(e) for e in blocked}
            writable = [e for e in writable if id(e) not in out]  # the next round sees them

    def _write(self, plan: Plan, writable: list[Entry]) -> int:
        diffs = compare(self.session, writable, plan)
        if self.curated:
            self.tally.keep(keep_curated(self.session, diffs))
        for diff in diffs:
            self.tally.count(diff)
        written = write(self.session, plan, diffs, self.history, self.now)
        refresh(self.session.connection(), attribute_subjects(plan, diffs))
        return written

    def report(self, *, dry_run: bool) -> ImportReport:
        tally = self.tally
        if tally.rejected:
            rejected = [record for _order, record in sorted(tally.rejected, key=lambda r: r[0])]
            return ImportReport(
                summary=f"{len(rejected)} of {tally.records} records rejected; nothing was loaded",
                dry_run=dry_run,
                loaded=False,
                records=tally.records,
                rejected=rejected,
            )
        report = _report(tally, dry_run=dry_run)
        report.deleted, report.dropped = self.deletions.deleted, self.deletions.dropped
        return report


def _report(tally: Tally, *, dry_run: bool) -> ImportReport:
    kinds = tally.kinds
    totals = {s: sum(getattr(k, s) for k in kinds.values()) for s in ("inserted", "updated")}
    unchanged = tally.records - totals["inserted"] - totals["updated"]
    counts = f"{totals['inserted']} inserted, {totals['updated']} updated, {unchanged} unchanged"
    summary = f"{tally.records} records: {counts}"
    if dry_run:
        summary = f"dry run, nothing written: {tally.records} records would be {counts}"
    elif not totals["inserted"] and not totals["updated"]:
        summary += "; nothing changed"
    return ImportReport(
        summary=summary,
        dry_run=dry_run,
        loaded=not dry_run and bool(totals["inserted"] or totals["updated"]),
        records=tally.records,
        kinds=kinds,
        curated=tally.curated,
        merged=tally.merged,
    )
