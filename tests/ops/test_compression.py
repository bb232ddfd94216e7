"""gzip for large answers; each encoding has its own ETag and both revalidate (RFC 9110 §8.8.3)."""

import gzip
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.migrate import upgrade
from app.imports.seed import seed
from tests.auth.helpers import bearer, make_key
from tests.conftest import SEEDS, client_for

GZIP = {"Accept-Encoding": "gzip"}
PLAIN = {"Accept-Encoding": "identity"}
LARGE = "/events?limit=50"
EVENT = "/events/nac-decides-rok-nato-office"


def test_large_answers_are_gzipped_for_clients_that_accept_it(client: TestClient) -> None:
    response = client.get(LARGE, headers=GZIP)
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.json()["items"]  # httpx decodes it


def test_small_answers_are_sent_as_they_are(client: TestClient) -> None:
    assert "Content-Encoding" not in client.get("/livez", headers=GZIP).headers


def test_the_gzip_form_has_its_own_strong_etag(client: TestClient) -> None:
    zipped = client.get(LARGE, headers=GZIP).headers["ETag"]
    plain = client.get(LARGE, headers=PLAIN).headers["ETag"]
    assert zipped != plain
    assert zipped == plain[:-1] + '-gzip"'
    assert not zipped.startswith("W/")


def test_if_none_match_gives_304_with_compression(client: TestClient) -> None:
    etag = client.get(LARGE, headers=GZIP).headers["ETag"]
    again = client.get(LARGE, headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["ETag"] == etag
    assert again.content == b""


def test_the_plain_etag_still_revalidates(client: TestClient) -> None:
    etag = client.get(LARGE, headers=PLAIN).headers["ETag"]
    again = client.get(LARGE, headers={**PLAIN, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["ETag"] == etag


def test_a_stale_gzip_etag_gets_the_full_answer(client: TestClient) -> None:
    again = client.get(LARGE, headers={**GZIP, "If-None-Match": '"0000-gzip"'})
    assert again.status_code == 200


def test_the_bytes_sent_are_gzip(client: TestClient) -> None:
    with client.stream("GET", LARGE, headers=GZIP) as response:
        raw = b"".join(response.iter_raw())
    assert gzip.decompress(raw).startswith(b"{")


def test_head_has_the_headers_of_the_gzip_get(client: TestClient) -> None:
    get = client.get(LARGE, headers=GZIP)
    head = client.head(LARGE, headers=GZIP)
    assert head.content == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Encoding"] == "gzip"
    assert head.headers["Content-Length"] == get.headers["Content-Length"]


def test_a_write_accepts_the_gzip_etag_in_if_match(
    new_engine: Callable[[str], Engine],
) -> None:
    engine = new_engine("sqlite")
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
    _, key = make_key(engine, "write")
    with client_for(engine) as api:
        got = api.get(EVENT, headers=GZIP)
        assert got.headers["Content-Encoding"] == "gzip"
        etag = got.headers["ETag"]
        changed = api.patch(
            EVENT, json={"summary": "Changed."}, headers={**bearer(key), "If-Match": etag}
        )
        assert changed.status_code == 200
        stale = api.patch(
            EVENT, json={"summary": "Again."}, headers={**bearer(key), "If-Match": etag}
        )
        assert stale.status_code == 412
