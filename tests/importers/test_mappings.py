"""The CAMEO and ACLED code mappings, as served in /vocabularies and applied by the importers."""

import pytest
from fastapi.testclient import TestClient

from app.core.vocab import EventType
from app.importers.mappings import acled_event_type, cameo_event_type


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("010", EventType.STATEMENT),
        ("042", EventType.CONSULT),
        ("036", EventType.CONSULT),  # a finer code mapped apart from its root (03)
        ("0874", EventType.RETREAT),
        ("087", EventType.CONCEDE),  # the root's type where no finer code is listed
        ("190", EventType.ASSAULT),
        ("14", EventType.PROTEST),
        ("21", None),
        ("---", None),
        ("", None),
    ],
)
def test_cameo_codes_map_by_longest_listed_prefix(code: str, expected: EventType | None) -> None:
    assert cameo_event_type(code) == expected


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", EventType.ASSAULT),
        ("Strategic developments", "Arrests", EventType.COERCE),
        ("Strategic developments", "Agreement", EventType.AGREE),
        ("Protests", "Excessive force against protesters", EventType.COERCE),
        ("PROTESTS", "Peaceful protest", EventType.PROTEST),
        ("Parade", None, None),
    ],
)
def test_acled_sub_event_types_win_over_their_event_type(
    event_type: str, sub_event_type: str | None, expected: EventType | None
) -> None:
    assert acled_event_type(event_type, sub_event_type) == expected


def test_the_mappings_are_served_with_their_targets(client: TestClient) -> None:
    cameo = client.get("/vocabularies/cameo_event_type").json()
    terms = {t["value"]: t["definition"] for t in cameo["terms"]}
    assert terms["0874"].endswith("→ retreat")
    assert len([code for code in terms if len(code) == 2]) == 20  # every CAMEO root
    assert all(t.split("→ ")[1] in set(EventType) for t in terms.values())
    acled = client.get("/vocabularies/acled_event_type").json()
    assert {t["value"] for t in acled["terms"]} >= {"Battles", "Riots", "Arrests"}
    assert "acled_event_type" in acled["description"]
