"""Metrics and request ids under a real uvicorn, as `make run` serves the API."""

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.served import served


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("served")
    log = folder / "server.log"
    with served(folder, {"LOG_FORMAT": "json"}, log) as (base, _env):
        yield base, log


def test_metrics_count_requests_by_route_template(server: tuple[str, Path]) -> None:
    base, _log = server
    for event_id in ("nac-decides-rok-nato-office", "nato-summit-2022"):
        assert httpx.get(f"{base}/events/{event_id}").status_code == 200
    text = httpx.get(f"{base}/metrics").text
    line = next(
        line
        for line in text.splitlines()
        if line.startswith("http_requests_total{")
        and 'handler="/events/{event_id}"' in line
        and 'status="200"' in line
    )
    assert float(line.rsplit(" ", 1)[1]) >= 2
    assert 'http_request_duration_seconds_bucket{handler="/events/{event_id}"' in text


def test_metrics_show_the_pool_and_the_import_gauge(server: tuple[str, Path]) -> None:
    text = httpx.get(f"{server[0]}/metrics").text
    assert "db_pool_checkedout " in text
    assert 'import_in_progress{stage="idle"} 0.0' in text


def test_every_log_line_of_a_request_carries_its_id(server: tuple[str, Path]) -> None:
    base, log = server
    response = httpx.get(f"{base}/events/nope", headers={"X-Request-ID": "trace-me-7"})
    assert response.headers["X-Request-ID"] == "trace-me-7"
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line["request_id"] == "trace-me-7"]
    assert mine, lines[-3:]
    access = [line for line in mine if line["logger"] == "uvicorn.access"]
    assert access
    assert "/events/nope" in access[0]["message"]
    assert {"time", "level", "logger", "message"} <= set(access[0])


def test_a_made_request_id_is_in_the_access_log(server: tuple[str, Path]) -> None:
    base, log = server
    made = httpx.get(f"{base}/livez").headers["X-Request-ID"]
    assert f'"request_id": "{made}"' in log.read_text()
