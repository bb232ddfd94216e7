"""Text hygiene: control characters and invisible names refused, `%2F` kept in an id, NUL
refused in filters; writes from other origins refused while reads stay open."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.core.config import get_settings
from tests.conftest import client_for
from tests.helpers import assert_problem
from tests.reliability.conftest import Writable


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "NA\x00TO"),
        ("name", "Line\nbreak"),
        ("name", "\u200b\u200c\u200d"),
        ("name", "\ufeff"),
        ("description", "bell \x07"),
        ("description", "escape \x1b[31m"),
    ],
)
def test_control_characters_and_invisible_names_are_422(
    writable: Writable, field: str, value: str
) -> None:
    actor = {"kind": "organisation", "name": "Hygiene Org", field: value}
    response = writable.api.post("/actors", json=actor, headers=writable.writer)
    assert_problem(response, 422, f"body.{field}")


def test_long_texts_keep_line_breaks_and_tabs(writable: Writable) -> None:
    actor = {"kind": "organisation", "name": "Lines Org", "description": "a\n\tb\r\nc"}
    response = writable.api.post("/actors", json=actor, headers=writable.writer)
    assert response.status_code == 201, response.text
    assert response.json()["description"] == "a\n\tb\r\nc"


def test_encoded_slash_in_an_id_is_not_a_path_separator(writable: Writable) -> None:
    response = writable.api.get("/actors/a%2Fevidence")
    assert_problem(response, 404)


def test_nul_in_a_contains_filter_is_400(writable: Writable) -> None:
    response = writable.api.get("/actors?name__contains=%00")
    assert_problem(response, 400, "query.name__contains")


@pytest.fixture
def write_origins(writable: Writable, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("CORS_WRITE_ORIGINS", "https://curators.example")
    get_settings.cache_clear()
    try:
        with client_for(writable.engine) as api:
            yield api
    finally:
        get_settings.cache_clear()


def test_reads_are_open_to_any_origin(writable: Writable) -> None:
    response = writable.api.get("/actors", headers={"Origin": "https://any.example"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


def test_writes_from_an_unlisted_origin_are_403(writable: Writable) -> None:
    actor = {"kind": "organisation", "name": "Origin Org"}
    headers = {"Origin": "https://evil.example", **writable.writer}
    assert_problem(writable.api.post("/actors", json=actor, headers=headers), 403)
    preflight = writable.api.options(
        "/actors",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 403
    assert "access-control-allow-origin" not in preflight.headers


def test_writes_from_a_configured_origin_pass(
    writable: Writable, write_origins: TestClient
) -> None:
    origin = {"Origin": "https://curators.example"}
    preflight = write_origins.options(
        "/actors", headers={**origin, "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code == 200
    actor = {"kind": "organisation", "name": "Curators Org"}
    created = write_origins.post("/actors", json=actor, headers={**origin, **writable.writer})
    assert created.status_code == 201, created.text


def test_a_cyrillic_look_alike_of_an_actor_is_a_likely_duplicate(writable: Writable) -> None:
    latin = {"kind": "international_organisation", "name": "NATO Look"}
    assert writable.api.post("/actors", json=latin, headers=writable.writer).status_code == 201
    cyrillic = {"kind": "international_organisation", "name": "N\u0410\u0422\u041e Look"}
    refused = assert_problem(
        writable.api.post("/actors", json=cyrillic, headers=writable.writer), 409
    )
    assert refused["candidates"][0]["record"]["id"] == "nato-look"
    assert "looks the same" in refused["candidates"][0]["reasons"][0]
