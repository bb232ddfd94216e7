"""CSV and NDJSON streams for collections, JSON-LD for records, content negotiation."""

import csv
import io
import json

from fastapi.testclient import TestClient

from tests.helpers import assert_problem, seed_records


def test_csv_export_streams_every_matching_record_past_the_page_limit(
    client: TestClient,
) -> None:
    response = client.get("/events?format=csv&limit=1")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["id"] for r in rows) == sorted(e["id"] for e in seed_records("events"))
    place = next(r for r in rows if r["place"])
    assert not place["place"].startswith("{")  # references export as their id


def test_ndjson_by_accept_header_honours_filters_and_fields(client: TestClient) -> None:
    response = client.get(
        "/events?event_type=consult&fields=title", headers={"Accept": "application/x-ndjson"}
    )
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    expected = {e["id"] for e in seed_records("events") if e["event_type"] == "consult"}
    assert {line["id"] for line in lines} == expected
    assert all(set(line) == {"id", "type", "title"} for line in lines)


def test_csv_of_actors_with_an_include_has_an_included_column(client: TestClient) -> None:
    text = client.get("/actors?format=csv&include=participations").text
    header = next(csv.reader(io.StringIO(text)))
    assert header[0] == "id"
    assert header[-1] == "included"


def test_jsonld_uses_schema_org_terms(client: TestClient) -> None:
    person = next(a for a in seed_records("actors") if a["kind"] == "person")
    body = client.get(f"/actors/{person['id']}", headers={"Accept": "application/ld+json"})
    assert body.headers["content-type"].startswith("application/ld+json")
    node = body.json()
    assert node["@type"] == "Person"
    assert node["@context"]["@vocab"] == "https://schema.org/"
    assert set(node["alternateName"]) == {n["name"] for n in person["names"]} - {person["name"]}
    event = client.get(f"/events/{seed_records('events')[0]['id']}?format=jsonld").json()
    assert event["@type"] == "Event"
    source = client.get(f"/sources/{seed_records('sources')[0]['id']}?format=jsonld").json()
    assert source["@type"] == "NewsArticle"
    claim_id = client.get("/claims?limit=1").json()["items"][0]["id"]
    assert client.get(f"/claims/{claim_id}?format=jsonld").json()["@type"] == "Claim"


def test_unacceptable_media_type_is_a_406_problem(client: TestClient) -> None:
    assert_problem(client.get("/events", headers={"Accept": "application/xml"}), 406)
    assert (
        client.get("/events", headers={"Accept": "text/html;q=0.5, */*;q=0.1"}).status_code == 200
    )
