"""The write API takes the new fields: name flags and origin, a claim's disagreement kind."""

from fastapi.testclient import TestClient

ASIA = "asiae-nato-approves-rok-representative-office"


def test_an_actor_written_with_flagged_and_reference_names_shows_them(
    api: TestClient, writer: dict[str, str]
) -> None:
    body = {
        "kind": "person",
        "name": "Mircea Geoana",
        "names": [
            {"name": "Mircea Geoana", "lang": "ro", "kind": "canonical", "origin": "reference"},
            {
                "name": "Mircea Geoan?",
                "lang": "ro",
                "kind": "garbled",
                "misspelling": True,
                "evidence": [{"source": ASIA, "excerpt": "Mircea Geoan?"}],
            },
        ],
    }
    created = api.post("/actors?new=true", json=body, headers=writer)
    assert created.status_code == 201, created.text
    names = {n["name"]: n for n in created.json()["names"]}
    assert names["Mircea Geoana"]["origin"] == "reference"
    assert names["Mircea Geoan?"]["misspelling"] is True
    assert [s["id"] for s in names["Mircea Geoan?"]["attested_by"]] == [ASIA]


def test_a_claim_written_with_a_disagreement_kind_keeps_it(
    api: TestClient, writer: dict[str, str]
) -> None:
    body = {
        "subject_type": "event",
        "subject_id": "nac-plus-4-meeting",
        "property": "attending_states",
        "value": 35,
        "disagreement": "contradiction",
        "evidence": [{"source": ASIA, "excerpt": "A total of 36 countries"}],
    }
    created = api.post("/claims", json=body, headers=writer)
    assert created.status_code == 201, created.text
    assert api.get(created.headers["location"]).json()["disagreement"] == "contradiction"
    wrong = api.post("/claims", json={**body, "disagreement": "spelling"}, headers=writer)
    assert wrong.status_code == 422
