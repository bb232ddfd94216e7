"""Load seeds/ into the database: all of it in one transaction, or none of it."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel

from app.models import (
    Actor,
    ActorIdentifier,
    ActorName,
    Claim,
    Event,
    EventLink,
    EventSource,
    Evidence,
    Participation,
    Place,
    Quote,
    Relationship,
    Source,
)
from app.models.base import utcnow
from app.seeding.plan import Plan, build_plan
from app.seeding.schema import SeedData

# Bookkeeping a seed run neither sets nor compares.
_TIMESTAMPS = {"created_at", "updated_at", "version"}
# Parents before children, so every foreign key points at a row already written.
TABLE_ORDER: list[type[SQLModel]] = [
    Place,
    Actor,
    ActorName,
    ActorIdentifier,
    Source,
    Event,
    EventSource,
    EventLink,
    Participation,
    Relationship,
    Quote,
    Claim,
    Evidence,
]


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


def read_seed_data(seeds_dir: Path) -> SeedData:
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
    try:
        return SeedData.model_validate(merged)
    except ValidationError as exc:
        raise SeedError([_describe(err, merged) for err in exc.errors()]) from exc


def _describe(error: Any, merged: dict[str, list[Any]]) -> str:
    loc = error["loc"]
    record = merged.get(loc[0], [None] * (loc[1] + 1))[loc[1]] if len(loc) > 1 else None
    name = f" ({record.get('id')!r})" if isinstance(record, dict) and "id" in record else ""
    return f"{'.'.join(str(p) for p in loc)}{name}: {error['msg']}"


def read_texts(seeds_dir: Path, data: SeedData) -> dict[str, str]:
    """Each source's article text, exactly as stored on disk."""
    texts = {}
    for source in data.sources:
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
    keys = Counter((type(row).__name__, identity(row)) for row in plan.rows)
    plan.errors.extend(
        f"{table} {key!r} is defined {count} times"
        for (table, key), count in keys.items()
        if count > 1
    )
    if plan.errors:
        raise SeedError(plan.errors)
    plan.rows.sort(key=lambda row: TABLE_ORDER.index(type(row)))
    return plan


def identity(row: SQLModel) -> tuple[Any, ...]:
    """The row's primary key."""
    return tuple(inspect(row).mapper.primary_key_from_instance(row))


def row_data(row: SQLModel) -> dict[str, Any]:
    """The row's columns, less the bookkeeping a load neither sets nor compares and the
    columns the database computes (it refuses values for them)."""
    return {
        attr.key: getattr(row, attr.key)
        for attr in inspect(type(row)).column_attrs
        if attr.key not in _TIMESTAMPS and attr.columns[0].computed is None
    }


def apply_plan(
    session: Session, plan: Plan, touched: list[tuple[str, SQLModel]] | None = None
) -> SeedReport:
    """Insert missing rows and update changed ones; flushes, the caller commits.

    `touched`, when given, collects each written row with "create" or "update".
    """
    counts = Counter[str]()
    now = utcnow()
    for row in plan.rows:
        existing = session.get(type(row), identity(row))
        if existing is None:
            if hasattr(row, "updated_at"):
                row.created_at = row.updated_at = now
            session.add(row)
            counts["inserted"] += 1
            session.flush()
            if touched is not None:
                touched.append(("create", row))
            continue
        wanted = row_data(row)
        if row_data(existing) == wanted:
            counts["unchanged"] += 1
            continue
        for key, value in wanted.items():
            setattr(existing, key, value)
        if hasattr(existing, "updated_at"):
            existing.updated_at = now
        counts["updated"] += 1
        if touched is not None:
            touched.append(("update", existing))
    session.flush()
    return SeedReport(counts["inserted"], counts["updated"], counts["unchanged"])


def record_seeded(session: Session, touched: list[tuple[str, SQLModel]]) -> None:
    """One history entry per record the seed created or changed, as curation records them."""
    from app.core.registry import registry
    from app.history.service import record_change

    by_table = {t.table: t.write for t in registry().writable() if t.name != "evidence"}
    for action, row in touched:
        spec = by_table.get(type(row))
        if spec is not None:
            record_id = str(getattr(row, "id"))  # noqa: B009  (every record table has `id`)
            record_change(
                session,
                record_type=spec.record_type,
                record_id=record_id,
                action=action,
                before=None,
                after=spec.snapshot(session, row),
                key_id=None,
                reason="seed",
            )


def seed(session: Session, seeds_dir: Path) -> SeedReport:
    """Check the seed data, then load it in the session's transaction and commit."""
    plan = plan_seed(seeds_dir)
    touched: list[tuple[str, SQLModel]] = []
    try:
        report = apply_plan(session, plan, touched)
        record_seeded(session, touched)
        session.commit()
    except SQLAlchemyError as exc:
        session.rollback()
        raise SeedError(
            [
                f"the database refused the seed data: {exc.__class__.__name__}: "
                f"{getattr(exc, 'orig', exc)}"
            ]
        ) from exc
    return report
