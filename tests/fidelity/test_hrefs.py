"""Every `href` the API emits resolves: a walk over every GET route on the seeded data."""

import re
from collections.abc import Iterator
from typing import Any

from fastapi.testclient import TestClient

from app.core.pagination import MAX_LIMIT

# Routes a reader cannot GET without a key; their bodies carry no record links.
_KEYED = {"/keys", "/keys/me"}


def _hrefs(body: Any) -> Iterator[str]:
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "href" and isinstance(value, str):
                yield value
            else:
                yield from _hrefs(value)
    elif isinstance(body, list):
        for item in body:
            yield from _hrefs(item)


def _example(parameter: dict[str, Any]) -> str:
    examples = parameter.get("examples") or parameter["schema"].get("examples")
    return str(examples[0])


def _route_urls(client: TestClient) -> list[str]:
    """Each GET route once, its path and required query parameters filled from its examples."""
    urls = []
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        get = operations.get("get")
        if get is None or path in _KEYED:
            continue
        query = []
        for parameter in get.get("parameters", []):
            if parameter["in"] == "path":
                path = path.replace("{" + parameter["name"] + "}", _example(parameter))
            elif parameter.get("required"):
                query.append(f"{parameter['name']}={_example(parameter)}")
            elif parameter["name"] == "limit":
                query.append(f"limit={MAX_LIMIT}")
        urls.append(path + ("?" + "&".join(query) if query else ""))
    return urls


def test_every_href_in_every_get_response_resolves(client: TestClient) -> None:
    pending = _route_urls(client)
    seen: set[str] = set()
    broken: dict[str, int] = {}
    routes = set(pending)
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            broken[url] = response.status_code
            continue
        if "json" in response.headers["content-type"]:
            body = response.json()
            pending.extend(h for h in _hrefs(body) if h not in seen)
            pages = body.get("links") if isinstance(body, dict) else None
            if isinstance(pages, dict) and pages.get("next"):
                pending.append(pages["next"])  # every page of every list
    assert not broken, broken
    followed = seen - routes
    # The walk reached the collections that used to answer 404.
    assert any(re.match(r"^/actor-names/name-", u) for u in followed)
    assert any(u.startswith("/event-links/") for u in followed)
    assert len(followed) > 250
