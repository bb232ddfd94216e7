"""Request bodies are bounded (413 before they are read in full), writes take JSON only
(415), and every text field has a maximum length."""

from collections.abc import Iterator

import pytest

from tests.helpers import assert_problem
from tests.reliability.conftest import Writable

MIB = 1024 * 1024


def test_declared_body_over_the_cap_is_413_before_authentication(writable: Writable) -> None:
    body = b'{"name": "' + b"x" * (2 * MIB) + b'"}'
    response = writable.api.post(
        "/actors", content=body, headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 413)


def test_chunked_body_over_the_cap_is_413(writable: Writable) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(4):
            yield b"x" * MIB

    response = writable.api.post(
        "/actors",
        content=chunks(),
        headers={"Content-Type": "application/json", **writable.writer},
    )
    assert "content-length" not in response.request.headers
    assert_problem(response, 413)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/json; charset=utf-16",
        None,
    ],
)
def test_write_body_that_is_not_utf8_json_is_415(
    writable: Writable, content_type: str | None
) -> None:
    headers = {**writable.writer}
    if content_type is not None:
        headers["Content-Type"] = content_type
    response = writable.api.post("/actors", content=b'{"name": "A"}', headers=headers)
    body = assert_problem(response, 415)
    assert body["type"].endswith("/unsupported-media-type")


def test_json_with_utf8_charset_is_accepted(writable: Writable) -> None:
    response = writable.api.post(
        "/actors",
        content=b'{"kind": "organisation", "name": "Charset Org"}',
        headers={"Content-Type": "application/json; charset=UTF-8", **writable.writer},
    )
    assert response.status_code == 201, response.text


def test_merge_patch_is_accepted_on_patch_only(writable: Writable) -> None:
    created = writable.api.post(
        "/actors", json={"kind": "organisation", "name": "Patched Org"}, headers=writable.writer
    )
    assert created.status_code == 201, created.text
    merge = {"Content-Type": "application/merge-patch+json", **writable.writer}
    patched = writable.api.patch(
        "/actors/patched-org", content=b'{"description": "d"}', headers=merge
    )
    assert patched.status_code == 200, patched.text
    posted = writable.api.post("/actors", content=b"{}", headers=merge)
    assert_problem(posted, 415)


@pytest.mark.parametrize(("field", "size"), [("description", 20_001), ("name", 1_001)])
def test_text_over_its_maximum_length_is_422_naming_it(
    writable: Writable, field: str, size: int
) -> None:
    actor = {"kind": "organisation", "name": "Long Org", field: "x" * size}
    response = writable.api.post("/actors", json=actor, headers=writable.writer)
    assert_problem(response, 422, f"body.{field}")


def test_imports_keep_their_larger_cap(writable: Writable) -> None:
    body = b'{"kind": "actor", "pad": "' + b"x" * (2 * MIB) + b'"}\n'  # over the JSON cap
    response = writable.api.post(
        "/imports?dry_run=true",
        content=body,
        headers={"Content-Type": "application/x-ndjson", **writable.writer},
    )
    assert response.status_code != 413, response.text
