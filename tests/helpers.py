"""Small assertions and readers shared by the tests."""

from pathlib import Path
from typing import Any

import httpx
import yaml

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_records(kind: str) -> list[dict[str, Any]]:
    """The records of one kind as written in the seed files (the test's independent truth)."""
    content = yaml.safe_load((SEEDS / "data" / f"{kind}.yaml").read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = content[kind]
    return records


def assert_problem(
    response: httpx.Response, status: int, field: str | None = None
) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status (naming `field`, if given)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://")
    assert body["title"]
    assert body["detail"]
    if field is not None:
        assert field in [p["name"] for p in body["invalid_params"]], body
    return body


def walk(client: Any, url: str, limit: int) -> list[dict[str, Any]]:
    """Every item of a paginated list, following `next` links page by page."""
    items: list[dict[str, Any]] = []
    next_url: str | None = f"{url}{'&' if '?' in url else '?'}limit={limit}"
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        assert page["has_more"] == (page["next_cursor"] is not None)
        items.extend(page["items"])
        next_url = page["links"]["next"]
    return items
