"""The OpenAPI document says what the server does: ids, statuses, Problem, security, media."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.errors import PROBLEM_MEDIA_TYPE

Operation = tuple[str, str, dict[str, Any]]


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def operations(spec: dict[str, Any]) -> Iterator[Operation]:
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def test_operation_ids_are_readable_and_unique(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for _m, _p, op in operations(spec)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z]*)*", i) for i in ids), ids
    by_route = {(m, p): op["operationId"] for m, p, op in operations(spec)}
    assert by_route["GET", "/events"] == "listEvents"
    assert by_route["GET", "/events/{event_id}"] == "getEvent"
    assert by_route["POST", "/actors"] == "createActor"
    assert by_route["GET", "/events/{event_id}/participants"] == "listEventParticipants"
    assert by_route["PATCH", "/sources/{source_id}"] == "updateSource"


def test_every_error_response_is_a_problem_with_an_example(spec: dict[str, Any]) -> None:
    for method, path, operation in operations(spec):
        for status, response in operation["responses"].items():
            if int(status) < 400 or path == "/readyz":
                continue
            content = response["content"]
            assert list(content) == [PROBLEM_MEDIA_TYPE], (method, path, status)
            assert content[PROBLEM_MEDIA_TYPE]["schema"]["$ref"].endswith("Problem")
            assert content[PROBLEM_MEDIA_TYPE]["example"]["status"] == int(status)


def test_the_problem_schema_has_the_rfc_9457_fields(spec: dict[str, Any]) -> None:
    problem = spec["components"]["schemas"]["Problem"]["properties"]
    assert {"type", "title", "status", "detail", "instance", "invalid_params"} <= set(problem)


def test_422_only_where_a_body_is_read(spec: dict[str, Any]) -> None:
    for method, path, operation in operations(spec):
        assert ("422" in operation["responses"]) == ("requestBody" in operation), (method, path)


def test_404_only_where_an_id_is_taken(spec: dict[str, Any]) -> None:
    for method, path, operation in operations(spec):
        if "{" not in path and not path.startswith("/graph"):
            assert "404" not in operation["responses"], (method, path)
        if "{" in path:
            assert "404" in operation["responses"], (method, path)


def test_conditional_writes_document_412_and_428(spec: dict[str, Any]) -> None:
    put = spec["paths"]["/events/{event_id}"]["put"]["responses"]
    assert {"412", "428"} <= set(put)
    assert "412" not in spec["paths"]["/events"]["post"]["responses"]


def test_reads_are_open_and_writes_need_a_key(spec: dict[str, Any]) -> None:
    for method, path, operation in operations(spec):
        security = operation.get("security")
        if method == "GET" and not path.startswith("/keys"):
            assert security in (None, [{}, {"ApiKey": []}]), (method, path)
            assert "403" not in operation["responses"], (method, path)
        if method in ("PUT", "PATCH", "DELETE"):
            assert security == [{"ApiKey": []}], (method, path)
            assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_lists_document_csv_and_ndjson_records_json_ld(spec: dict[str, Any]) -> None:
    listing = spec["paths"]["/events"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "application/x-ndjson"} <= set(listing)
    record = spec["paths"]["/events/{event_id}"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "application/ld+json"} <= set(record)


def test_every_tag_is_described(spec: dict[str, Any]) -> None:
    described = {tag["name"] for tag in spec["tags"] if tag["description"]}
    used = {tag for _m, _p, op in operations(spec) for tag in op.get("tags", [])}
    assert used <= described


def test_included_records_are_typed(spec: dict[str, Any]) -> None:
    included = spec["components"]["schemas"]["EventRead"]["properties"]["included"]
    participants = included["properties"]["participants"]
    assert participants["items"] == {"$ref": "#/components/schemas/ParticipationRead"}


def test_single_records_take_include(spec: dict[str, Any]) -> None:
    params = spec["paths"]["/events/{event_id}"]["get"]["parameters"]
    assert "include" in {p["name"] for p in params}
