"""A bad value of a typed list parameter: the same 400 whether FastAPI declares the parameter
or the list checks it only when a request carries it (`Deferred`), reasons in declared order."""

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records

DATE = "String should match pattern '^\\d{4}(-\\d{2}(-\\d{2})?)?$'"
BOOL = "Input should be a valid boolean, unable to interpret input"


@pytest.mark.parametrize(
    ("url", "reasons"),
    [
        (
            "/events?limit=abc",
            {"limit": "Input should be a valid integer, unable to parse string as an integer"},
        ),
        ("/events?limit=0", {"limit": "Input should be greater than or equal to 1"}),
        ("/events?count=maybe", {"count": "Input should be 'exact'"}),
        ("/events?format=xml", {"format": "Input should be 'json', 'csv', 'ndjson' or 'geojson'"}),
        ("/events?when__isnull=maybe", {"when__isnull": BOOL}),
        ("/events?id__isnull=", {"id__isnull": BOOL}),
        ("/sources?published__gt=1", {"published__gt": DATE}),
        (
            "/evidence?start__gt=ten",
            {"start__gt": "Input should be a valid integer, unable to parse string as an integer"},
        ),
        (
            "/events?when__gte=abc&event_type__isnull=no-way",
            {"event_type__isnull": BOOL, "when__gte": DATE},
        ),
        (
            "/events?limit=0&when__gte=abc",
            {"limit": "Input should be greater than or equal to 1", "when__gte": DATE},
        ),
        ("/events/facets?top=0", {"top": "Input should be greater than or equal to 1"}),
        ("/events/facets?interval=week", {"interval": "Input should be 'year', 'month' or 'day'"}),
        ("/events/facets?when__lte=2001-1", {"when__lte": DATE}),
        ("/timeline?limit=0", {"limit": "Input should be greater than or equal to 1"}),
        ("/timeline?when__gte=abc&when__isnull=maybe", {"when__gte": DATE, "when__isnull": BOOL}),
    ],
)
def test_a_bad_typed_value_is_a_400_with_the_validators_reason(
    client: TestClient, url: str, reasons: dict[str, str]
) -> None:
    body = assert_problem(client.get(url), 400)
    assert body["title"] == "Invalid parameter"
    assert body["type"].endswith("/invalid-parameter")
    expected = [{"name": f"query.{n}", "reason": r} for n, r in reasons.items()]
    assert body["invalid_params"] == expected
    assert body["detail"] == "; ".join(f"query.{n}: {r}" for n, r in reasons.items())


def test_the_timeline_takes_its_filters_and_refuses_unknown_ones(client: TestClient) -> None:
    dated = client.get("/timeline?when__gte=2022-10-01&limit=5")
    assert dated.status_code == 200
    assert dated.json()["items"]
    earliest = client.get("/timeline?limit=5").json()["items"]
    assert dated.json()["items"][0]["id"] != earliest[0]["id"]  # the 2010 concept is left out
    assert_problem(client.get("/timeline?colour=red"), 400, "query.colour")


def test_sub_lists_check_their_parameters_too(client: TestClient) -> None:
    event = seed_records("events")[0]["id"]
    body = assert_problem(client.get(f"/events/{event}/participants?limit=0"), 400)
    assert body["invalid_params"] == [
        {"name": "query.limit", "reason": "Input should be greater than or equal to 1"}
    ]
    assert_problem(client.get(f"/events/{event}/participants?colour=red"), 400, "query.colour")
    assert client.get(f"/events/{event}/participants?limit=1").status_code == 200
