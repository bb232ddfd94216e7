"""Response examples in the OpenAPI document, recorded from the seed data.

`python -m app examples` seeds a scratch database, calls every GET route with the example
ids its parameters declare, and writes the answers to `openapi_examples.json`; the app
attaches them to the routes' 200 responses, so /docs shows real records, not invented ones.
A test re-records them and fails when the file is stale.
"""

import json
import re
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

EXAMPLES_PATH = Path(__file__).with_name("openapi_examples.json")
BASE_URL = "http://127.0.0.1:8000"
# Values that differ between runs; recorded examples show them as fixed placeholders.
_VOLATILE = {
    "recorded_at": "2022-10-27T00:00:00Z",
    "updated_at": "2022-10-27T00:00:00Z",
    "at": "2022-10-27T00:00:00Z",
}
_CURSOR_FIELDS = {"next_cursor", "prev_cursor", "next", "prev"}
_SIGNATURE = re.compile(r"\.[A-Za-z0-9_-]{24}(?=&|$)")
# Long lists (a text's excerpts, an actor's names) are cut to keep the document small.
_MAX_ITEMS = 3


def example_url(path: str, operation: dict[str, Any]) -> str | None:
    """The path with each parameter's example filled in, or None if one has none."""
    query = []
    for param in operation.get("parameters", []):
        example = param.get("example", (param.get("schema", {}).get("examples") or [None])[0])
        if param["in"] == "path":
            if example is None:
                return None
            path = path.replace("{" + param["name"] + "}", str(example))
        elif param["name"] == "limit":
            query.append("limit=2")
        elif param.get("required") and example is not None:
            query.append(f"{param['name']}={example}")
    return path + ("?" + "&".join(query) if query else "")


def stabilise(value: Any) -> Any:
    """`value` with run-dependent fields fixed and long lists cut short."""
    if isinstance(value, dict):
        return {k: _VOLATILE[k] if k in _VOLATILE else _stable(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [stabilise(v) for v in value[:_MAX_ITEMS]]
    return value


def _stable(key: str, value: Any) -> Any:
    # A cursor's signature depends on the database's own key (app/core/signing.py).
    if key in _CURSOR_FIELDS and isinstance(value, str):
        return _SIGNATURE.sub(".signature", value)
    return stabilise(value)


def record_examples(get: Callable[[str], Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Call every GET route through `get` and keep each 200 answer, by path template."""
    examples: dict[str, Any] = {}
    for path, operations in sorted(spec["paths"].items()):
        operation = operations.get("get")
        url = example_url(path, operation) if operation else None
        if url is None:
            continue
        response = get(url)
        if response.status_code == 200:
            examples[path] = stabilise(response.json())
    return examples


def write_examples() -> Path:
    """Seed a scratch SQLite database and record every route's example from it."""
    with warnings.catch_warnings():
        # Starlette's TestClient nudges towards its httpx2 fork; httpx is what we use.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from sqlmodel import Session

    from app.core.config import get_settings
    from app.core.db import build_engine, get_session
    from app.core.migrate import upgrade
    from app.core.registry import install
    from app.imports.seed import seed
    from app.main import create_app
    from app.records.registry import build_registry

    install(build_registry())
    with tempfile.TemporaryDirectory() as scratch:
        engine = build_engine(f"sqlite:///{scratch}/examples.db")
        upgrade(engine)
        with Session(engine) as session:
            seed(session, get_settings().seeds_dir)
        app = create_app()

        def session_override() -> Any:
            with Session(engine) as session:
                yield session

        app.dependency_overrides[get_session] = session_override
        with TestClient(app, base_url=BASE_URL) as client:
            examples = record_examples(client.get, client.get("/openapi.json").json())
        engine.dispose()
    EXAMPLES_PATH.write_text(
        json.dumps(examples, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return EXAMPLES_PATH


def attach_examples(app: FastAPI) -> None:
    """Make the app's OpenAPI document show the recorded example of each route."""
    examples = (
        json.loads(EXAMPLES_PATH.read_text(encoding="utf-8")) if EXAMPLES_PATH.exists() else {}
    )
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = build()
        for path, example in examples.items():
            operation = spec["paths"].get(path, {}).get("get")
            if operation is not None:
                content = operation["responses"]["200"].setdefault("content", {})
                content.setdefault("application/json", {})["example"] = example
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
