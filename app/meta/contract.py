"""The OpenAPI document made true to what the server does, in one pass after FastAPI builds it.

Per operation, from the route itself: the error statuses it can really answer, each with the
Problem schema and an example; its security as it is (reads open unless READS_REQUIRE_KEY);
every media type `format=` can select; and `included` typed on every record schema.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.core.config import get_settings
from app.core.db import get_session
from app.core.errors import PROBLEM_MEDIA_TYPE, problem_example
from app.core.formats import BY_NAME, JSON
from app.meta.tags import TAGS
from app.meta.typed_includes import type_includes

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# FastAPI's defaults, replaced by the Problem the server sends.
_GENERIC = ({"$ref": "#/components/schemas/HTTPValidationError"}, PROBLEM_REF)
# Statuses decided here from the route; any other a route declares (409, 413, …) is kept.
MANAGED = {"400", "401", "403", "404", "406", "412", "422", "428", "503"}
DESCRIPTIONS = {
    "400": "A query or path parameter is unknown or invalid (`invalid_params` names it).",
    "401": "No API key where one is needed, or one that is unknown, revoked or expired.",
    "403": "The API key lacks the scope this operation needs.",
    "404": "No such record.",
    "406": "None of the media types in Accept is one this route answers in.",
    "412": "If-Match names a stale version of the record.",
    "422": "The body is invalid (`invalid_params` names the field).",
    "428": "This server requires If-Match on this write (REQUIRE_IF_MATCH).",
    "503": "A query ran past the time limit (`query-timeout`) or the database is busy "
    "(`database-busy`, with Retry-After); retry.",
}
# Descriptions FastAPI and the shared response tables give; a route's own are kept.
_DEFAULT_DESCRIPTIONS = {
    "",
    "Validation Error",
    "A parameter is invalid.",
    "No such record.",
    "A query ran past the time limit (`query-timeout`).",
}
_STREAMED = {"type": "string", "description": "Every matching record, streamed."}


@dataclass(frozen=True)
class Facts:
    """What a route's declaration says it can answer."""

    scope: str | None  # "read", "write", "admin", "key" (any key) or None (no check)
    uses_database: bool
    has_path_id: bool
    has_body: bool
    formats: tuple[str, ...]
    conditional: bool  # takes If-Match


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _scope(calls: list[Callable[..., Any]]) -> str | None:
    names = {getattr(call, "__name__", "") for call in calls}
    for scope in ("admin", "write"):
        if f"require_{scope}" in names:
            return scope
    if "require_key" in names:
        return "key"
    return "read" if "require_read" in names else None


def facts(route: Any, operation: dict[str, Any]) -> Facts:
    calls = list(_calls(route.dependant))
    params = operation.get("parameters", [])
    formats: tuple[str, ...] = ()
    for param in params:
        if param["in"] == "query" and param["name"] == "format":
            formats = tuple(v for a in param["schema"].get("anyOf", []) for v in a.get("enum", []))
    return Facts(
        scope=_scope(calls),
        uses_database=get_session in calls,
        has_path_id=any(p["in"] == "path" for p in params),
        has_body="requestBody" in operation,
        formats=formats,
        conditional=any(p["in"] == "header" and p["name"] == "if-match" for p in params),
    )


def needs_key(found: Facts) -> bool:
    reads_need_key = get_settings().reads_require_key
    return found.scope in ("write", "admin", "key") or (found.scope == "read" and reads_need_key)


def error_statuses(found: Facts, declared: set[str]) -> set[str]:
    """The error statuses the route can answer."""
    wanted = {"400"}  # every route refuses query parameters it does not declare
    checks_key = found.scope is not None  # a bad key is a 401 even where reads are open
    wanted |= {"401"} if checks_key else set()
    wanted |= {"403"} if found.scope in ("write", "admin") or needs_key(found) else set()
    wanted |= {"404"} if found.has_path_id or "404" in declared else set()
    wanted |= {"406"} if found.formats else set()
    wanted |= {"412", "428"} if found.conditional else set()
    wanted |= {"422"} if found.has_body else set()
    wanted |= {"503"} if found.uses_database else set()
    return wanted


def _problem_response(status: str, old: dict[str, Any] | None, path: str) -> dict[str, Any]:
    content = (old or {}).get("content", {})
    schema = (content.get("application/json") or content.get(PROBLEM_MEDIA_TYPE) or {}).get(
        "schema", PROBLEM_REF
    )
    if schema in _GENERIC:
        schema = PROBLEM_REF
    description = (old or {}).get("description", "")
    if description in _DEFAULT_DESCRIPTIONS:
        description = DESCRIPTIONS.get(status, description)
    return {
        "description": description,
        "content": {
            PROBLEM_MEDIA_TYPE: {"schema": schema, "example": problem_example(int(status), path)}
        },
    }


def _is_problem(response: dict[str, Any]) -> bool:
    content = response.get("content")
    if not content:
        return True
    return (
        PROBLEM_MEDIA_TYPE in content
        or content.get("application/json", {}).get("schema") in _GENERIC
    )


def fix_responses(path: str, operation: dict[str, Any], found: Facts) -> None:
    responses: dict[str, Any] = operation["responses"]
    declared = {s for s in responses if s >= "400"}
    for status in declared - error_statuses(found, declared):
        if status in MANAGED:
            del responses[status]
    for status in sorted(error_statuses(found, declared) | (declared - MANAGED)):
        old = responses.get(status)
        if old is None or _is_problem(old):
            responses[status] = _problem_response(status, old, path)
    _document_formats(responses, found.formats)


def _document_formats(responses: dict[str, Any], formats: tuple[str, ...]) -> None:
    ok = next((responses[s] for s in ("200", "201") if s in responses), None)
    if ok is None:
        return
    content = ok.setdefault("content", {})
    for name in formats:
        media_type = BY_NAME[name]
        if media_type == JSON or media_type in content:
            continue
        if name == "jsonld":
            content[media_type] = {"schema": {"type": "object", "additionalProperties": True}}
        else:
            content[media_type] = {"schema": _STREAMED}


def fix_security(operation: dict[str, Any], found: Facts) -> None:
    if needs_key(found):
        operation["security"] = [{"ApiKey": []}]
    elif found.scope is not None:
        operation["security"] = [{}, {"ApiKey": []}]  # optional: a key may be sent
    else:
        operation.pop("security", None)


def api_routes(app: FastAPI) -> Iterator[Any]:
    """The app's documented routes as mounted (prefix and router dependencies applied)."""
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute) and context.include_in_schema:
            yield context


def finish(app: FastAPI, spec: dict[str, Any]) -> dict[str, Any]:
    """Apply every fix above to `spec`, the document FastAPI built for `app`."""
    for route in api_routes(app):
        for method in route.methods or ():
            operation = spec["paths"][route.path_format][method.lower()]
            found = facts(route, operation)
            fix_responses(route.path_format, operation, found)
            fix_security(operation, found)
    spec["tags"] = TAGS
    type_includes(spec)
    type_write_answers(spec)
    return spec


def _record_schema(spec: dict[str, Any], path: str) -> Any:
    """The schema GET answers for the record that `path` (a write route) writes, if any."""
    parts = path.strip("/").split("/")
    record: str | None
    if len(parts) > 1 and parts[1].startswith("{"):
        record = "/" + "/".join(parts[:2])
    else:
        record = next((p for p in spec["paths"] if p.startswith(path + "/{")), None)
        if record is None or record.count("/") != 2:
            return None
    get = spec["paths"].get(record, {}).get("get", {})
    return get.get("responses", {}).get("200", {}).get("content", {}).get(JSON, {}).get("schema")


def type_write_answers(spec: dict[str, Any]) -> None:
    """Writes answer the record as GET shows it (app/curation/router.py's `answer`); their
    routes return a Response, so FastAPI could not say so."""
    for path, methods in spec["paths"].items():
        for method in ("post", "put", "patch"):
            ok = methods.get(method, {}).get("responses", {})
            content: dict[str, Any] = next(
                (ok[s]["content"] for s in ("200", "201") if s in ok), {}
            )
            if content.get(JSON, {}).get("schema") == {}:
                schema = _record_schema(spec, path)
                if schema is not None:
                    content[JSON]["schema"] = schema


def install_contract(app: FastAPI) -> None:
    """Make `app.openapi()` return the finished document (built once, then cached)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = finish(app, build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
