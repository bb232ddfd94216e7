"""The same three calls as example.ts, with httpx: a filtered list, a record with includes,
and a conditional write; every error is an RFC 9457 Problem, raised as `ApiError`."""

import sys
from typing import Any, TypedDict

import httpx


class InvalidParam(TypedDict):
    name: str
    reason: str


class Problem(TypedDict, total=False):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    invalid_params: list[InvalidParam]


class ApiError(Exception):
    def __init__(self, problem: Problem) -> None:
        fields = [f"{p['name']}: {p['reason']}" for p in problem.get("invalid_params", [])]
        super().__init__("\n".join([f"{problem.get('status')} {problem.get('detail')}", *fields]))
        self.problem = problem


def _json(response: httpx.Response) -> Any:
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        raise ApiError(response.json())
    response.raise_for_status()
    return response.json()


def agreements_since_2022(api: httpx.Client) -> list[dict[str, Any]]:
    params: dict[str, str | int] = {
        "event_type": "agree",
        "when__gte": "2022",
        "sort": "-when",
        "limit": 20,
    }
    items: list[dict[str, Any]] = _json(api.get("/events", params=params))["items"]
    return items


def who_took_part(api: httpx.Client, event_id: str) -> list[str] | None:
    try:
        event = _json(api.get(f"/events/{event_id}", params={"include": "participants.actor"}))
    except ApiError as error:
        if error.problem.get("status") == 404:
            return None
        raise
    participants = event.get("included", {}).get("participants", [])
    return [f"{p['included']['actor']['id']} ({p['role']})" for p in participants]


def retitle(api: httpx.Client, event_id: str, title: str, key: str) -> dict[str, Any]:
    current = api.get(f"/events/{event_id}")
    _json(current)
    headers = {"Authorization": f"Bearer {key}", "If-Match": current.headers.get("ETag", "*")}
    record: dict[str, Any] = _json(
        api.patch(f"/events/{event_id}", json={"title": title}, headers=headers)
    )
    return record


if __name__ == "__main__":
    with httpx.Client(
        base_url=sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    ) as api:
        print([e["id"] for e in agreements_since_2022(api)])  # noqa: T201
        print(who_took_part(api, "nac-decides-rok-nato-office"))  # noqa: T201
