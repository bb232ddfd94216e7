"""`--from gdelt-mentions`: mentions become located evidence on their stored events."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.importers.documents import web_source_id
from tests.importers.conftest import (
    GDELT_EVENTS,
    GDELT_MENTIONS,
    NEEDS_SHAPES,
    changed,
    evidence_items,
    load,
    skipped_lines,
)

pytestmark = NEEDS_SHAPES

LE_MONDE = "https://www.lemonde.fr/international/article/2022/10/18/seoul"


def _located(reader: TestClient, event_id: str) -> list[dict[str, object]]:
    items = evidence_items(reader, f"/events/{event_id}")
    return [item for item in items if item["kind"] == "located"]


def test_mentions_add_located_evidence_citing_web_sources(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    report, fields = load(empty_engine, "gdelt-mentions", GDELT_MENTIONS)
    assert report.loaded
    assert not report.rejected
    located = _located(reader, "gdelt-1069420342")
    assert len(located) == 2  # the repeated mention counts once
    assert (web_source_id(LE_MONDE), 1) in {(i["source"], i["sentence"]) for i in located}
    source = reader.get(f"/sources/{web_source_id(LE_MONDE)}").json()
    assert (source["kind"], source["url"], source["language"]) == ("web", LE_MONDE, "fra")
    skipped = skipped_lines(fields)
    assert "not stored" in skipped[5]
    assert "no URL" in skipped[6]
    assert "columns" in skipped[7]


def test_mentions_again_and_events_again_keep_the_evidence(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "gdelt-events", GDELT_EVENTS)
    load(empty_engine, "gdelt-mentions", GDELT_MENTIONS)
    again, _ = load(empty_engine, "gdelt-mentions", GDELT_MENTIONS)
    assert changed(again) == 0
    events_again, _ = load(empty_engine, "gdelt-events", GDELT_EVENTS)
    assert changed(events_again) == 0  # the mentions' evidence is kept, not taken away
    assert len(_located(reader, "gdelt-1069420342")) == 2
