"""An importer's file loaded again after a curator deleted one of its actors: the actor
stays deleted, and its events load without it, each dropped reference reported (issue 9)."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.auth.helpers import bearer, make_key
from tests.importers.conftest import ACLED_NEW, NEEDS_SHAPES, changed, load, participants
from tests.imports.support import dump

pytestmark = NEEDS_SHAPES
BAD = "acled-actor-labor-group-south-korea-9a8e20"  # one of the actors of KOR1234
EVENT = "acled-kor1234"


def test_acled_again_after_deleting_an_actor_keeps_it_deleted(
    empty_engine: Engine, reader: TestClient
) -> None:
    load(empty_engine, "acled", ACLED_NEW)
    headers = bearer(make_key(empty_engine, "write")[1])
    deleted = reader.delete(f"/actors/{BAD}?cascade=true", headers=headers)
    assert deleted.status_code == 200, deleted.text
    after = dump(empty_engine, data_only=True)
    for _again in range(2):
        report, _ = load(empty_engine, "acled", ACLED_NEW)
        assert not report.rejected
        assert [(d.record, d.id) for d in report.deleted] == [("actor", BAD)]
        dropped = {(d.record, d.id, d.cites, d.cites_id, d.skipped) for d in report.dropped}
        assert ("event", EVENT, "actor", BAD, False) in dropped
        assert changed(report) == 0, report
        assert dump(empty_engine, data_only=True) == after
    assert reader.get(f"/actors/{BAD}").status_code == 404
    actors = [p["actor"]["id"] for p in participants(reader, EVENT)]
    assert actors
    assert BAD not in actors
