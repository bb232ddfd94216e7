"""Readable operationIds (`listEvents`, `getEvent`, `createActor`, `listEventParticipants`),
made from each route's method and path by one rule, so every generated client reads well."""

from fastapi.routing import APIRoute

_WRITES = {"POST": "create", "PUT": "replace", "PATCH": "update", "DELETE": "delete"}
# POST /{collection}/{id}/<action> and POST /{collection}/<action>: verbs, not sub-lists.
_ACTIONS = {"match", "merge", "restore"}
# GET on these names below a collection answers one object, not a list.
_SINGLE = {"evidence", "facets", "text", "path"}
# Where the rule would read badly.
_NAMED = {
    ("GET", "/search"): "search",
    ("GET", "/graph"): "getGraph",
    ("GET", "/health"): "getHealth",
    ("GET", "/keys/me"): "getOwnKey",
    ("DELETE", "/keys/{key_id}"): "revokeKey",
    ("GET", "/livez"): "getLiveness",
    ("GET", "/readyz"): "getReadiness",
}


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _camel(words: list[str]) -> str:
    return "".join(
        part.capitalize() for word in words for part in word.replace("-", "_").split("_")
    )


def operation_id(method: str, path: str) -> str:
    """The operationId of `method` on the path template `path`."""
    if (method, path) in _NAMED:
        return _NAMED[method, path]
    parts = path.strip("/").split("/")
    names = [p for p in parts if not p.startswith("{")]
    by_id = parts[-1].startswith("{")
    if method == "POST" and names[-1] in _ACTIONS:
        return names[-1] + _camel([singular(names[0])])
    nouns = [singular(n) for n in names[:-1]]
    last = names[-1]
    if method != "GET":
        return _WRITES[method] + _camel([*nouns, singular(last)])
    one = by_id or (len(parts) > 1 and last in _SINGLE)
    return ("get" if one else "list") + _camel([*nouns, singular(last) if by_id else last])


def unique_id(route: APIRoute) -> str:
    """FastAPI's `generate_unique_id_function`: one id per route (one method each here)."""
    return operation_id(sorted(route.methods or {"GET"})[0], route.path_format)
