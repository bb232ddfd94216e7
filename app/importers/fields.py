"""The field report: every column of the input, where its values went (or why it was
dropped), and how many rows had a value, a blank, or one that could not be read."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

SKIPS_LISTED = 50  # rows skipped that the report names one by one


@dataclass(frozen=True)
class Column:
    """An input column and its destination; `dropped` says why it is not kept."""

    name: str
    target: str = ""
    dropped: str | None = None


@dataclass
class FieldReport:
    """What an importer did with the input, column by column and row by row."""

    columns: list[Column]
    rows: int = 0
    documents: Counter[str] = field(default_factory=Counter)
    filled: Counter[str] = field(default_factory=Counter)
    invalid: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    skipped_count: int = 0
    notes: list[str] = field(default_factory=list)

    def saw(self, column: str, present: bool = True) -> None:
        if present:
            self.filled[column] += 1

    def bad(self, column: str) -> None:
        """A value that could not be read (kept out; the rest of the row still loads)."""
        self.invalid[column] += 1

    def skip(self, line: int, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < SKIPS_LISTED:
            self.skipped.append((line, reason))

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "skipped_rows": self.skipped_count,
            "skipped": [{"line": line, "reason": why} for line, why in sorted(self.skipped)],
            "documents": dict(self.documents),
            "notes": self.notes,
            "fields": [self._column(c) for c in self.columns],
        }

    def _column(self, column: Column) -> dict[str, Any]:
        return {
            "field": column.name,
            "target": column.target or None,
            "dropped": column.dropped,
            "filled": self.filled[column.name],
            "blank": self.rows - self.skipped_count - self.filled[column.name],
            "invalid": self.invalid[column.name],
        }

    def render(self) -> str:
        kept = self.rows - self.skipped_count
        lines = [f"fields: {self.rows} rows read, {kept} converted, {self.skipped_count} skipped"]
        lines += [f"  line {line}: {why}" for line, why in sorted(self.skipped)]
        if self.skipped_count > len(self.skipped):
            lines.append(f"  … and {self.skipped_count - len(self.skipped)} more skipped rows")
        lines += [f"  note: {note}" for note in self.notes]
        if self.documents:
            made = ", ".join(f"{n} {kind}" for kind, n in self.documents.items())
            lines.append(f"  documents: {made}")
        for c in self.columns:
            where = f"dropped: {c.dropped}" if c.dropped else f"→ {c.target}"
            bad = f", {self.invalid[c.name]} unreadable" if self.invalid[c.name] else ""
            lines.append(f"  {c.name}: {where} ({self.filled[c.name]} values{bad})")
        return "\n".join(lines)
