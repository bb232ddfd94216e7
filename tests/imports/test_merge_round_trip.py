"""An export after an actor merge imports into an empty database and says the same again;
and an import follows merge redirects (issue 9)."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from app.core.migrate import upgrade
from tests.auth.helpers import bearer, make_key
from tests.conftest import client_for
from tests.imports.conftest import Api
from tests.imports.support import dump, export_text, post

SOURCE = "asiae-nato-approves-rok-representative-office"
DUPLICATE: dict[str, Any] = {
    "id": "yun-seok-yeol",
    "kind": "person",
    "name": "Yun Seok-yeol",
    "names": [
        {
            "name": "Yun Seok-yeol",
            "lang": "en",
            "kind": "canonical",
            "evidence": [{"source": SOURCE, "excerpt": "Yoon Suk-yeol", "start": 979, "end": 992}],
        }
    ],
    "evidence": [{"source": SOURCE, "excerpt": "President Yoon", "start": 308, "end": 322}],
}


def _merged(api: Api) -> None:
    created = api.client.post(
        "/actors", json=DUPLICATE, headers=api.headers, params={"new": "true"}
    )
    assert created.status_code == 201, created.text
    part: dict[str, Any] = {"event": "nac-decides-rok-nato-office", "actor": "yun-seok-yeol"}
    part["role"] = "speaker"
    part["evidence"] = [DUPLICATE["evidence"][0]]
    assert api.client.post("/participations", json=part, headers=api.headers).status_code == 201
    merged = api.client.post(
        "/actors/yun-seok-yeol/merge", json={"into": "yoon-suk-yeol"}, headers=api.headers
    )
    assert merged.status_code == 200, merged.text


def _import_into_empty(engine: Engine, exported: str) -> Any:
    upgrade(engine)
    with client_for(engine) as client:
        return post(client, exported, bearer(make_key(engine, "write")[1]))


def test_an_export_after_a_merge_round_trips(api: Api, new_engine: Callable[[str], Engine]) -> None:
    _merged(api)
    exported = export_text(api.engine)
    target = new_engine(api.engine.dialect.name)
    answer = _import_into_empty(target, exported)
    assert answer.status_code == 200, answer.text
    assert export_text(target) == exported
    assert dump(target, data_only=True) == dump(api.engine, data_only=True)


def test_reimporting_the_export_after_a_merge_changes_nothing(api: Api) -> None:
    _merged(api)
    answer = post(api.client, export_text(api.engine), api.headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["summary"].endswith("nothing changed")
