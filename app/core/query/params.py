"""Typed query parameters generated from a collection's declaration, for OpenAPI and clients.

FastAPI validates the declared types (a bad value is a 400 naming the parameter); the list
pipeline then reads the raw query string, which also carries repeated and grouped filters.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.core.errors import BadParameter
from app.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.core.query.fields import OP_HELP, OPERATORS, Field, Kind, Op
from app.core.query.filters import MAX_TERMS
from app.core.query.include import MAX_DEPTH
from app.core.query.resource import ResourceSpec

LIST_PARAMS = {"limit", "cursor", "sort", "include", "fields", "count", "format"}
_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class ListQuery:
    """The list parameters every collection takes, besides its filters."""

    limit: int
    cursor: str | None
    sort: str | None
    include: str | None
    fields: str | None
    count: bool


def _field_param(field: Field, op: Op) -> tuple[str, Any]:
    name = field.param_name(op)
    help_ = f"{field.description} — {OP_HELP[op]}."
    if op is Op.ISNULL:
        annotation: Any = bool
    elif op is Op.IN:
        annotation = str
    elif field.kind is Kind.ENUM and field.choices is not None:
        annotation = field.choices
    elif field.kind is Kind.INT:
        annotation = int
    else:
        annotation = str
    pattern = _DATE_PATTERN if field.kind is Kind.SPAN and op is not Op.ISNULL else None
    return name, Annotated[annotation | None, Query(description=help_, pattern=pattern)]


def _common_params(spec: ResourceSpec) -> dict[str, Any]:
    sortable = ", ".join(f.name for f in spec.fields if f.sortable)
    includes = ", ".join(f"{i.name} ({i.target})" for i in spec.includes) or "none"
    return {
        "limit": Annotated[
            int, Query(ge=1, le=MAX_LIMIT, description=f"Records per page, at most {MAX_LIMIT}.")
        ],
        "cursor": Annotated[
            str | None,
            Query(
                description="Opaque token from `next_cursor` or `prev_cursor` of a previous page."
            ),
        ],
        "sort": Annotated[
            str | None,
            Query(
                description=f"Comma-separated keys, `-` for descending; always ended by id. "
                f"Sortable: {sortable}. Default: {spec.default_sort}.",
                examples=[spec.default_sort],
            ),
        ],
        "include": Annotated[
            str | None,
            Query(
                description=f"Related records to embed under `included`, dot paths up to "
                f"{MAX_DEPTH} deep. Here: {includes}."
            ),
        ],
        "fields": Annotated[
            str | None,
            Query(description="Comma-separated fields to return (id and type always come)."),
        ],
        "format": Annotated[
            Literal["json", "csv", "ndjson"] | None,
            Query(
                description="Answer as JSON (default), or stream every matching record as CSV or "
                "NDJSON from the cursor on (not capped by `limit`); overrides Accept."
            ),
        ],
        "count": Annotated[
            Literal["exact"] | None,
            Query(description="`exact` adds `count` (capped; `count_truncated` says when)."),
        ],
        "or_": Annotated[
            list[str] | None,
            Query(
                alias="or",
                description="Any of the filters in the group: `(event_type=agree,and(a=1,b=2))`; "
                f"groups nest 3 deep, {MAX_TERMS} filter terms at most in a request.",
            ),
        ],
        "not_": Annotated[
            list[str] | None,
            Query(
                alias="not",
                description="None of: `not=(place=brussels)` excludes what the group matches.",
            ),
        ],
    }


def filter_params(spec: ResourceSpec) -> dict[str, Any]:
    """Every filter parameter of `spec`: each field with each operator, each relation."""
    params: dict[str, Any] = {}
    for field in spec.fields:
        params.update(_field_param(field, op) for op in OPERATORS[field.kind])
    for relation in spec.relations:
        for name in (relation.name, f"{relation.name}__in"):
            params[name] = Annotated[str | None, Query(description=relation.description)]
    for name in ("or_", "not_"):
        params[name] = _common_params(spec)[name]
    return params


def with_signature(
    function: Callable[..., Any], params: dict[str, Any], defaults: dict[str, Any]
) -> None:
    """Give `function` keyword parameters `params`, so FastAPI declares and validates them."""
    function.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
        + [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=annotation,
                default=defaults.get(name),
            )
            for name, annotation in params.items()
        ]
    )


def list_dependency(spec: ResourceSpec) -> Callable[..., ListQuery]:
    """A dependency declaring every parameter of `spec`'s lists, returning the list options."""
    params = _common_params(spec) | filter_params(spec)

    def dependency(request: Request, **values: Any) -> ListQuery:
        return ListQuery(
            limit=values["limit"],
            cursor=values["cursor"],
            sort=values["sort"],
            include=values["include"],
            fields=values["fields"],
            count=values["count"] == "exact",
        )

    with_signature(dependency, params, {"limit": DEFAULT_LIMIT})
    return dependency


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _allowed(route: APIRoute) -> frozenset[str]:
    # Routes are unhashable, so the answer is kept on the route itself, computed once.
    cached: frozenset[str] | None = getattr(route, "_declared_query", None)
    if cached is None:
        cached = frozenset(_query_names(route.dependant))
        route._declared_query = cached  # type: ignore[attr-defined]
    return cached


def _listing(allowed: frozenset[str]) -> str:
    """The route's parameters, or where to find them when a collection declares dozens."""
    if not allowed:
        return "this route takes none"
    if len(allowed) > 12:
        return "see this route's parameters in /openapi.json"
    return f"this route takes: {', '.join(sorted(allowed))}"


def reject_unknown_query_params(request: Request) -> None:
    """A parameter the route does not declare is a 400 naming it, not silently ignored."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = _allowed(route)
    for name in request.query_params:
        if name not in allowed:
            raise BadParameter(f"query.{name}", f"unknown parameter; {_listing(allowed)}")
