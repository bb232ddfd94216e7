"""Which records' attribute values a write of the import path may have changed."""

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlmodel import SQLModel

from app.attributes.values import Subject
from app.models import Claim


class Row(Protocol):
    """A planned row (app/seeding/rows.py), as plain values: its table and its columns."""

    @property
    def model(self) -> type[SQLModel]: ...
    @property
    def values(self) -> dict[str, Any]: ...


class RowChanges(Protocol):
    """The rows one record's write adds, changes and deletes (an import's `RecordDiff`)."""

    @property
    def new(self) -> Sequence[Row]: ...
    @property
    def changed(self) -> Sequence[Row]: ...
    @property
    def stale(self) -> Sequence[SQLModel]: ...


def attribute_subjects(_plan: Any, diffs: Sequence[RowChanges]) -> set[Subject]:
    """The subjects of every claim written or deleted: only they can show another value."""
    planned: list[Row | SQLModel] = [row for d in diffs for row in (*d.new, *d.changed)]
    return set(_claim_subjects([*planned, *(row for d in diffs for row in d.stale)]))


def _claim_subjects(rows: Iterable[Row | SQLModel]) -> Iterable[Subject]:
    for row in rows:
        if isinstance(row, Claim):  # stored, to delete
            yield row.subject_type, row.subject_id
        elif not isinstance(row, SQLModel) and row.model is Claim:  # planned: plain values
            yield row.values["subject_type"], row.values["subject_id"]
