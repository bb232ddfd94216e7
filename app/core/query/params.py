"""Typed query parameters generated from a collection's declaration, for OpenAPI and clients.

A list declares ~150 of them (every `field__op`): they are documented in OpenAPI as FastAPI
would, but only those a request carries are checked, with FastAPI's own validation (a bad
value is the same 400 naming the parameter); the list dependency then parses the query
string once, repeated and grouped filters included, into the typed request (`ListQuery`)
that filtering, sorting and paging use.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi._compat import ModelField
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_dependant, request_params_to_args
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BeforeValidator

from app.core.errors import BadParameter
from app.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.core.query.fields import Field, Kind
from app.core.query.filters import MAX_TERMS, Filters, parse_filters
from app.core.query.include import Tree, include_help, parse_include
from app.core.query.keyset import Sort, fingerprint, parse_sort
from app.core.query.operators import OPERATORS, Op, operators_for
from app.core.query.resource import ResourceSpec
from app.core.query.selection import parse_fields

LIST_PARAMS = frozenset({"limit", "cursor", "sort", "include", "fields", "count", "format"})
_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class ListQuery:
    """A list request, parsed and checked before any row is read: typed filter clauses,
    sort keys, include tree, fields, the filters' fingerprint and the cursor as sent (its
    signature is checked where the page is read, with the route's key)."""

    limit: int
    filters: Filters
    sort: Sort
    tree: Tree
    wanted: set[str] | None
    print_: str
    token: str | None
    count: bool


def _field_param(field: Field, op: Op) -> tuple[str, Any]:
    name = field.param_name(op)
    operator = OPERATORS[op]
    help_ = f"{field.description} — {operator.help}."
    if operator.value == "bool":
        annotation: Any = bool
    elif operator.value == "list":
        annotation = str
    elif field.kind is Kind.ENUM and field.choices is not None:
        annotation = field.choices
    elif field.kind is Kind.INT:
        annotation = int
    elif field.kind is Kind.NUMBER:
        annotation = float
    else:
        annotation = str
    pattern = _DATE_PATTERN if field.kind is Kind.SPAN and operator.value == "scalar" else None
    return name, Annotated[annotation | None, Query(description=help_, pattern=pattern)]


def _format_param(spec: ResourceSpec) -> Any:
    description = (
        "Answer as JSON (default), or stream every matching record as CSV or "
        "NDJSON from the cursor on (not capped by `limit`); overrides Accept."
    )
    if spec.geometry is None:
        return Annotated[Literal["json", "csv", "ndjson"] | None, Query(description=description)]
    description += " `geojson`: the page as an RFC 7946 FeatureCollection (application/geo+json)."
    choices = Literal["json", "csv", "ndjson", "geojson"]
    return Annotated[choices | None, Query(description=description)]


def _common_params(spec: ResourceSpec) -> dict[str, Any]:
    sortable = ", ".join(f.name for f in spec.fields if f.sortable)
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
            Query(description=include_help(spec)),
        ],
        "fields": Annotated[
            str | None,
            Query(description="Comma-separated fields to return (id and type always come)."),
        ],
        "format": _format_param(spec),
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
        params.update(_field_param(field, op) for op in operators_for(field.kind))
    for relation in spec.relations:
        for name in (relation.name, f"{relation.name}__in")[: 2 if relation.multiple else 1]:
            # `actor.kind` is no Python name: declared under an alias (the query string is
            # parsed from the request itself, so the keyword's name does not matter).
            query = Query(description=relation.description, alias=name)
            params[name.replace(".", "__dot__")] = Annotated[str | None, query]
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


@dataclass(frozen=True)
class Deferred:
    """Query parameters documented in OpenAPI, validated only when a request carries them.

    FastAPI checks every declared parameter on every request, present or not: over a list's
    ~150 that was a fifth of a list request's CPU. Here the route declares them through
    `openapi_extra`, and `values` validates the present ones with FastAPI's own code."""

    fields: tuple[ModelField, ...]
    defaults: dict[str, Any]
    openapi_extra: dict[str, Any]

    def values(self, request: Request) -> dict[str, Any]:
        """Every parameter's value by keyword name: as given, or its default; a bad value
        raises FastAPI's validation error, as a declared parameter's would."""
        given = request.query_params
        checked, errors = request_params_to_args(
            [f for f in self.fields if f.alias in given], given
        )
        if errors:
            raise RequestValidationError(errors)
        return {f.name: self.defaults.get(f.name) for f in self.fields} | checked


class _Documented(dict[str, Any]):
    """A route's `openapi_extra`, its `parameters` generated when the OpenAPI document is
    first built: generating them for the ~30 list and facet routes at startup took seconds.
    `names` are the query parameters it documents, known without generating them."""

    def __init__(self, names: frozenset[str], make: Callable[[], list[dict[str, Any]]]) -> None:
        super().__init__()
        self.names = names
        self._make: Callable[[], list[dict[str, Any]]] | None = make

    def _filled(self) -> "_Documented":
        if self._make is not None:
            self["parameters"], self._make = self._make(), None
        return self

    def __len__(self) -> int:
        return super(_Documented, self._filled()).__len__()

    def __getitem__(self, key: str) -> Any:
        return super(_Documented, self._filled()).__getitem__(key)

    def items(self) -> Any:
        return super(_Documented, self._filled()).items()

    def get(self, key: str, default: Any = None) -> Any:
        return super(_Documented, self._filled()).get(key, default)


def deferred(params: dict[str, Any], defaults: dict[str, Any], skip: int = 0) -> Deferred:
    """`params` as `Deferred`: typed as FastAPI would, and documented as it would in OpenAPI
    (generated by FastAPI itself, on a one-route app), but for the first `skip`."""

    def endpoint(request: Request, **values: Any) -> None:
        """Only its signature is read."""

    def documented() -> list[dict[str, Any]]:
        probe = FastAPI()
        probe.add_api_route("/", endpoint, methods=["GET"])
        found: list[dict[str, Any]] = probe.openapi()["paths"]["/"]["get"]["parameters"]
        return found[skip:]

    with_signature(endpoint, params, defaults)
    fields = tuple(get_dependant(path="/", call=endpoint).query_params)
    names = frozenset(f.alias for f in fields[skip:])
    return Deferred(fields, defaults, _Documented(names, documented))


def filter_pairs(request: Request, reserved: frozenset[str]) -> list[tuple[str, str]]:
    """The request's filter parameters in order, repeats kept: all but `reserved` and path
    parameters."""
    skip = reserved | set(request.path_params)
    return [(k, v) for k, v in request.query_params.multi_items() if k not in skip]


def parse_list(spec: ResourceSpec, request: Request, values: dict[str, Any]) -> ListQuery:
    """The list request, parsed once; a fault is a 400 naming its parameter."""
    filters = parse_filters(spec, filter_pairs(request, LIST_PARAMS))
    sort = parse_sort(spec, values["sort"])
    tree = parse_include(spec, values["include"])
    wanted = parse_fields(spec, values["fields"])
    print_ = fingerprint(sort, filters.pairs)
    cursor = values["cursor"]
    return ListQuery(
        limit=values["limit"],
        filters=filters,
        sort=sort,
        tree=tree,
        wanted=wanted,
        print_=print_,
        token=cursor,
        count=values["count"] == "exact",
    )


def list_dependency(spec: ResourceSpec) -> Callable[..., ListQuery]:
    """A dependency declaring every parameter of `spec`'s lists, returning the parsed request
    (FastAPI checks them all on each request; `deferred_list_dependency` is the cheap one)."""
    params = _common_params(spec) | filter_params(spec)

    def dependency(request: Request, **values: Any) -> ListQuery:
        return parse_list(spec, request, values)

    with_signature(dependency, params, {"limit": DEFAULT_LIMIT})
    return dependency


def deferred_list_dependency(
    spec: ResourceSpec,
) -> tuple[Callable[..., ListQuery], dict[str, Any]]:
    """`list_dependency` checking only the parameters a request carries, and the route's
    `openapi_extra` documenting the others as FastAPI would (`Deferred`)."""
    defaults = {"limit": DEFAULT_LIMIT}
    declared, later = split_first(_common_params(spec) | filter_params(spec), defaults)

    def dependency(request: Request, **values: Any) -> ListQuery:
        return parse_list(spec, request, values | later.values(request))

    with_signature(dependency, declared, defaults)
    return dependency, later.openapi_extra


def split_first(
    params: dict[str, Any], defaults: dict[str, Any]
) -> tuple[dict[str, Any], Deferred]:
    """The first parameter for FastAPI to declare, and all of them deferred.

    An operation without a declared parameter gets its OpenAPI `parameters` after its
    `responses`, and the document is to stay as it was, byte for byte: the first stays
    declared (and documented) there. FastAPI's check of it always passes, so that a bad
    value of it is reported with the others', as one validation error in declared order."""
    first = next(iter(params))
    default = defaults.get(first)
    annotation: Any = params[first]
    lenient = Annotated[annotation, BeforeValidator(lambda _: default)]
    return {first: lenient}, deferred(params, defaults, skip=1)


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _documented_names(route: APIRoute) -> set[str]:
    """The query parameters a route documents without declaring them (`Deferred`)."""
    extra = route.openapi_extra
    return set(extra.names) if isinstance(extra, _Documented) else set()


def _allowed(route: APIRoute) -> frozenset[str]:
    # Routes are unhashable, so the answer is kept on the route itself, computed once.
    cached: frozenset[str] | None = getattr(route, "_declared_query", None)
    if cached is None:
        cached = frozenset(_query_names(route.dependant) | _documented_names(route))
        route._declared_query = cached  # type: ignore[attr-defined]
    return cached


def _listing(allowed: frozenset[str]) -> str:
    """The route's parameters, or where to find them when a collection declares dozens."""
    if not allowed:
        return "this route takes none"
    if len(allowed) > 12:
        return "see this route's parameters in /openapi.json"
    return f"this route takes: {', '.join(sorted(allowed))}"


async def reject_unknown_query_params(request: Request) -> None:
    """A parameter the route does not declare is a 400 naming it, not silently ignored.

    async: it does no I/O, so it runs on the event loop instead of a thread-pool hop."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = _allowed(route)
    for name in request.query_params:
        if name not in allowed:
            raise BadParameter(f"query.{name}", f"unknown parameter; {_listing(allowed)}")
