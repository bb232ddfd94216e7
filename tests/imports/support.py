"""Reading a whole database back, exporting it, and posting imports, for the import tests."""

import json
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, select
from sqlmodel import Session, SQLModel

from app.imports.export import export_records

NDJSON = "application/x-ndjson"
# Bookkeeping that differs between two databases holding the same data.
BOOKKEEPING_COLUMNS = {"created_at", "updated_at", "version"}
# server_secret and rate_limit_window: each database makes its own key and counts its own.
BOOKKEEPING_TABLES = {
    "change",
    "idempotency_record",
    "redirect",
    "server_secret",
    "rate_limit_window",
}
# Every authenticated request may stamp its key's last use: not data an import touches.
KEYS = "api_key"
Dump = dict[str, list[tuple[Any, ...]]]


def dump(engine: Engine, *, data_only: bool = False) -> Dump:
    """Every row of every table but the keys, sorted; with `data_only`, the records alone (no
    timestamps, versions or history) so that two databases holding the same data compare equal."""
    metadata = MetaData()
    metadata.reflect(engine, only=list(SQLModel.metadata.tables))
    tables = {
        name: table
        for name, table in metadata.tables.items()
        if name != KEYS and not (data_only and name in BOOKKEEPING_TABLES)
    }
    with engine.connect() as conn:
        return {name: _rows(conn, table, data_only) for name, table in sorted(tables.items())}


def _rows(conn: Any, table: Any, data_only: bool) -> list[tuple[Any, ...]]:
    columns = [c for c in table.columns if not (data_only and c.name in BOOKKEEPING_COLUMNS)]
    rows = conn.execute(select(*columns))
    # JSON values (dicts) do not order: sort by their text.
    return sorted((tuple(row) for row in rows), key=lambda row: json.dumps(row, default=str))


def export_text(engine: Engine) -> str:
    """The database exported as NDJSON, as `python -m app export` writes it."""
    with Session(engine) as session:
        return "".join(
            json.dumps(record, ensure_ascii=False) + "\n" for record in export_records(session)
        )


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def lines(items: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def post(
    client: TestClient,
    body: str | bytes,
    headers: dict[str, str],
    *,
    content_type: str = NDJSON,
    **params: Any,
) -> httpx.Response:
    """POST /imports with this body."""
    response: httpx.Response = client.post(
        "/imports",
        content=body.encode("utf-8") if isinstance(body, str) else body,
        headers={**headers, "Content-Type": content_type},
        params=params,
    )
    return response
