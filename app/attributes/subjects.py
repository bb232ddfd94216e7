"""Which records' attribute values a write of the import path may have changed."""

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlmodel import SQLModel

from app.attributes.values import Subject
from app.models import Claim


class RowChanges(Protocol):
    """The rows one record's write adds, changes and deletes (an import's `RecordDiff`)."""

    @property
    def new(self) -> list[SQLModel]: ...
    @property
    def changed(self) -> list[SQLModel]: ...
    @property
    def stale(self) -> list[SQLModel]: ...


def attribute_subjects(_plan: Any, diffs: Sequence[RowChanges]) -> set[Subject]:
    """The subjects of every claim written or deleted: only they can show another value."""
    return set(_claim_subjects(row for d in diffs for row in (*d.new, *d.changed, *d.stale)))


def _claim_subjects(rows: Iterable[SQLModel]) -> Iterable[Subject]:
    for row in rows:
        if isinstance(row, Claim):
            yield row.subject_type, row.subject_id
