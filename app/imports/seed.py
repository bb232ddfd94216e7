"""Load seeds/ into the database (through the import): all of it in one transaction, or none of it.

Seeding is an import of the seed files (each article read into its source): the same
checks, the same batched write; only its history entries are the write API's.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app.imports.reader import Entry
from app.imports.schemas import record_id, record_models, sections, table_order
from app.seeding.plan import Plan, Records, build_plan
from app.seeding.rows import Row
from app.seeding.schema import SourceIn, seed_data_model

_STATUSES = ("inserted", "updated", "unchanged")


class SeedError(Exception):
    """The seed data is wrong; the message lists every fault found, by record."""

    def __init__(self, problems: list[str]):
        super().__init__("seed data rejected, nothing loaded:\n  " + "\n  ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SeedReport:
    inserted: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        total = self.inserted + self.updated + self.unchanged
        if self.inserted == self.updated == 0:
            return f"seed: all {total} records already up to date; nothing changed"
        return (
            f"seed: {total} records: {self.inserted} inserted, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


def read_seed_data(seeds_dir: Path) -> Records:
    """Merge every YAML file in `seeds_dir/data` and validate the result."""
    merged: dict[str, list[Any]] = {}
    files = sorted((seeds_dir / "data").glob("*.yaml"))
    if not files:
        raise SeedError([f"no seed files in {seeds_dir / 'data'}"])
    for path in files:
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise SeedError([f"{path.name}: not valid YAML: {exc}"]) from exc
        for key, items in content.items():
            merged.setdefault(key, []).extend(items or [])
    names = sections()
    model = seed_data_model({name: record_models()[kind] for name, kind in names.items()})
    try:
        data = model.model_validate(merged)
    except ValidationError as exc:
        raise SeedError([_describe(err, merged) for err in exc.errors()]) from exc
    return {kind: getattr(data, name) for name, kind in names.items()}


def _describe(error: Any, merged: dict[str, list[Any]]) -> str:
    loc = error["loc"]
    record = merged.get(loc[0], [None] * (loc[1] + 1))[loc[1]] if len(loc) > 1 else None
    name = f" ({record.get('id')!r})" if isinstance(record, dict) and "id" in record else ""
    return f"{'.'.join(str(p) for p in loc)}{name}: {error['msg']}"


def read_texts(seeds_dir: Path, data: Records) -> dict[str, str]:
    """Each source's article text, exactly as stored on disk."""
    texts = {}
    for source in data.get("source", ()):
        if source.text is not None or source.file is None:  # inline, or a source without text
            if source.text is not None:
                texts[source.id] = source.text
            continue
        path = seeds_dir / "articles" / str(source.file)
        if not path.is_file():
            raise SeedError([f"source {source.id!r}: article file {path} not found"])
        texts[source.id] = path.read_bytes().decode("utf-8")
    return texts


def plan_seed(seeds_dir: Path) -> Plan:
    """Read and check the seed data; raise SeedError listing every fault."""
    data = read_seed_data(seeds_dir)
    plan = build_plan(data, read_texts(seeds_dir, data))
    keys = Counter((row.model.__name__, row.key) for row in plan.rows)
    plan.errors.extend(
        f"{table} {key!r} is defined {count} times"
        for (table, key), count in keys.items()
        if count > 1
    )
    if plan.errors:
        raise SeedError(plan.errors)
    order = table_order()
    plan.rows.sort(key=lambda row: order.index(row.model))
    return plan


def seed_entries(data: Records, texts: dict[str, str]) -> list[Entry]:
    """The seed data as import records, each source with its article inline."""
    entries = []
    for section, kind in sections().items():
        for index, record in enumerate(data.get(kind, ())):
            if isinstance(record, SourceIn) and record.id in texts:
                record = record.model_copy(update={"text": texts[record.id], "file": None})
            entry = Entry(line=None, pointer=f"/{section}/{index}", kind=kind, model=record)
            entry.id = record_id(kind, record)
            entries.append(entry)
    return entries


@dataclass(frozen=True)
class SeedHistory:
    """One change per row of a record type that the seed created or changed, in the shape
    the write API records (`create` or `update`, reason `seed`)."""

    def changes(
        self,
        session: Session,
        diffs: Sequence[Any],
        written: Sequence[tuple[str, Row]],
        now: datetime,
    ) -> list[dict[str, Any]]:
        from app.core.registry import registry

        specs = {t.table: t.write for t in registry().writable() if t.name != "evidence"}
        changes = []
        for action, row in written:
            spec = specs.get(row.model)
            if spec is None:
                continue
            stored = session.get(row.model, row.key)
            changes.append(
                {
                    "record_type": spec.record_type,
                    "record_id": str(row.values["id"]),  # every record table has `id`
                    "action": action,
                    "at": now,
                    "key_id": None,
                    "reason": "seed",
                    "before": None,
                    "after": spec.snapshot(session, stored),
                }
            )
        return changes


def seed(session: Session, seeds_dir: Path) -> SeedReport:
    """Check the seed data, then load it through the import's write path and commit."""
    from app.core.errors import DomainError
    from app.imports.service import import_entries

    data = read_seed_data(seeds_dir)
    entries = seed_entries(data, read_texts(seeds_dir, data))
    try:
        report = import_entries(
            session, entries, dry_run=False, key_id=None, reason="seed", history=SeedHistory()
        )
    except (DomainError, SQLAlchemyError) as exc:
        session.rollback()
        raise SeedError([f"the database refused the seed data: {exc}"]) from exc
    if report.rejected:
        session.rollback()
        raise SeedError([reason for record in report.rejected for reason in record.reasons])
    session.commit()
    counts = {s: sum(getattr(k, s) for k in report.kinds.values()) for s in _STATUSES}
    return SeedReport(counts["inserted"], counts["updated"], counts["unchanged"])
