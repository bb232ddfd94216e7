"""Reading an import: NDJSON (one record a line) or a seed document, each record checked
against the seed format on its own, remembering where in the input it stood.

NDJSON is read line by line, so a bad line costs only itself: every other line is still
checked and reported.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
import yaml
from pydantic import BaseModel, ValidationError

from app.core.limits import MAX_NESTING, nesting_depth
from app.imports.schemas import record_id, record_models, sections
from app.seeding.schema import IMPORT_CONTEXT

TOO_DEEP = f"nests deeper than {MAX_NESTING} levels"
Format = Literal["ndjson", "json", "yaml"]
MEDIA_TYPES: dict[str, Format] = {
    "application/x-ndjson": "ndjson",
    "application/jsonl": "ndjson",
    "application/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
}
EXTENSIONS: dict[str, Format] = {".ndjson": "ndjson", ".jsonl": "ndjson", ".yaml": "yaml"}
EXTENSIONS[".yml"] = "yaml"


class DocumentError(ValueError):
    """A seed document that cannot be parsed at all, and the line at fault if known."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


@dataclass
class Entry:
    """One record of the input: where it stands, what it is, and what is wrong with it."""

    line: int | None
    pointer: str | None = None
    kind: str | None = None
    id: str | None = None
    model: BaseModel | None = None
    raw: dict[str, Any] | None = None  # kept only while the record is rejected
    reasons: list[str] = field(default_factory=list)
    order: int = 0  # its place among the input's records, set as an import reads it
    reported: bool = False  # whether the import has counted it as rejected

    @property
    def owner(self) -> tuple[str, str] | None:
        """(kind, id) once both are known."""
        return None if self.kind is None or self.id is None else (self.kind, self.id)


def sniff(head: str) -> Format:
    """NDJSON when the first line is a JSON object with `record`; else JSON or YAML."""
    first = next((line for line in head.splitlines() if line.strip()), "")
    try:
        value = json.loads(first)
    except ValueError:
        return "json" if head.lstrip().startswith(("{", "[")) else "yaml"
    return "ndjson" if isinstance(value, dict) and "record" in value else "json"


def ndjson_entries(lines: Iterable[bytes]) -> Iterator[Entry]:
    """One entry per non-blank line, numbered from 1."""
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield _ndjson_entry(number, line)


def _ndjson_entry(number: int, line: bytes) -> Entry:
    entry = Entry(line=number)
    try:
        raw = orjson.loads(line.decode("utf-8"))  # several times faster than `json`
    except UnicodeDecodeError as exc:
        entry.reasons.append(f"not UTF-8: {exc.reason} at byte {exc.start}")
        return entry
    except orjson.JSONDecodeError as exc:
        if "recursion" in exc.msg or "depth" in exc.msg:  # orjson stops at 1024 levels
            entry.reasons.append(TOO_DEEP)
            return entry
        entry.reasons.append(f"not valid JSON: {exc.msg} (column {exc.colno})")
        return entry
    # Fewer brackets than the limit cannot nest past it: most lines skip the walk.
    if line.count(b"[") + line.count(b"{") > MAX_NESTING and nesting_depth(raw) > MAX_NESTING:
        entry.reasons.append(TOO_DEEP)
        return entry
    if not isinstance(raw, dict):
        entry.reasons.append("a line must hold one JSON object")
        return entry
    kind = raw.pop("record", None)
    models = record_models()
    if kind not in models:
        entry.id = raw.get("id") if isinstance(raw.get("id"), str) else None
        entry.reasons.append(f"`record` must be one of {', '.join(models)}, not {kind!r}")
        return entry
    return _check(entry, kind, raw)


def _check(entry: Entry, kind: str, raw: dict[str, Any]) -> Entry:
    """Validate one record against its kind's schema, keeping every fault."""
    entry.kind, entry.raw = kind, raw
    entry.id = raw.get("id") if isinstance(raw.get("id"), str) else None
    try:
        entry.model = record_models()[kind].model_validate(raw, context=IMPORT_CONTEXT)
    except ValidationError as exc:
        entry.reasons.extend(_describe(error) for error in exc.errors())
        return entry
    entry.id = record_id(kind, entry.model)
    entry.raw = None  # the model holds it all now; a large import keeps one copy, not two
    return entry


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])


def document_entries(content: bytes, fmt: Format) -> Iterator[Entry]:
    """One entry per record of a seed document (`places`, `actors`, … lists)."""
    try:
        document, lines = _load(content, fmt)
    except DocumentError as exc:
        yield Entry(line=exc.line, reasons=[str(exc)])
        return
    if not isinstance(document, dict):
        names = ", ".join(sections())
        yield Entry(line=1, reasons=[f"a seed document is an object with lists: {names}"])
        return
    for section, items in document.items():
        yield from _section_entries(str(section), items, lines)


def _section_entries(
    section: str, items: Any, lines: dict[tuple[str, int], int]
) -> Iterator[Entry]:
    kind = sections().get(section)
    if kind is None or not isinstance(items, list):
        reason = f"unknown section {section!r}" if kind is None else "a section must be a list"
        yield Entry(line=lines.get((section, -1)), pointer=f"/{section}", reasons=[reason])
        return
    for index, raw in enumerate(items):
        entry = Entry(line=lines.get((section, index)), pointer=f"/{section}/{index}", kind=kind)
        if isinstance(raw, dict):
            yield _check(entry, kind, raw)
        else:
            entry.reasons.append(f"a {kind} must be an object")
            yield entry


def _load(content: bytes, fmt: Format) -> tuple[Any, dict[tuple[str, int], int]]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise DocumentError(f"not UTF-8: {exc.reason} at byte {exc.start}", line) from exc
    try:
        loaded = _load_json(text) if fmt == "json" else _load_yaml(text)
    except RecursionError as exc:  # the parsers recurse per level of nesting
        raise DocumentError(TOO_DEEP, None) from exc
    if nesting_depth(loaded[0]) > MAX_NESTING:
        raise DocumentError(TOO_DEEP, None)
    return loaded


def _load_json(text: str) -> tuple[Any, dict[tuple[str, int], int]]:
    try:
        return json.loads(text), {}
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from exc


def _load_yaml(text: str) -> tuple[Any, dict[tuple[str, int], int]]:
    """The document, and the line each record starts on (from the YAML node marks)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        content = None if node is None else loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DocumentError(
            f"not valid YAML: {exc}", None if mark is None else mark.line + 1
        ) from exc
    finally:
        loader.dispose()
    return content, _record_lines(node)


def _record_lines(node: yaml.Node | None) -> dict[tuple[str, int], int]:
    lines: dict[tuple[str, int], int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        lines[(str(key.value), -1)] = key.start_mark.line + 1
        if isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                lines[(str(key.value), index)] = item.start_mark.line + 1
    return lines
