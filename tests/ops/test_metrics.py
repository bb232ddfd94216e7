"""The import progress gauge, fed by the Progress hook that imports pass in."""

from fastapi.testclient import TestClient

from app.ops.progress import MetricsProgress


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int | None]] = []

    def start(self, label: str, total: int | None = None) -> None:
        self.calls.append((label, total))

    def advance(self, count: int = 1) -> None:
        self.calls.append(("advance", count))


def test_a_running_import_shows_in_metrics(client: TestClient) -> None:
    inner = Recorder()
    progress = MetricsProgress(inner)
    progress.start("comparing", total=10)
    progress.advance(3)
    try:
        text = client.get("/metrics").text
        assert 'import_in_progress{stage="comparing"} 1.0' in text
        assert "import_records_done 3.0" in text
        assert "import_records_total 10.0" in text
        assert inner.calls == [("comparing", 10), ("advance", 3)]
    finally:
        progress.finish()
    assert 'import_in_progress{stage="idle"} 0.0' in client.get("/metrics").text
