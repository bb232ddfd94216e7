"""405 with a complete Allow; include on a single record."""

from fastapi.testclient import TestClient

EVENT = "/events/nac-decides-rok-nato-office"


def test_405_allows_every_method_of_the_path(client: TestClient) -> None:
    response = client.request("TRACE", EVENT)
    assert response.status_code == 405
    assert response.headers["Allow"] == "DELETE, GET, HEAD, PATCH, PUT"
    assert response.headers["Content-Type"] == "application/problem+json"


def test_405_on_a_collection_names_get_and_post(client: TestClient) -> None:
    assert client.delete("/events").headers["Allow"] == "GET, HEAD, POST"


def test_a_single_record_embeds_its_includes(client: TestClient) -> None:
    response = client.get(EVENT, params={"include": "participants.actor"})
    assert response.status_code == 200
    participants = response.json()["included"]["participants"]
    assert participants
    assert all(p["included"]["actor"]["type"] == "actor" for p in participants)


def test_a_record_with_includes_is_not_tagged_as_the_record(client: TestClient) -> None:
    plain = client.get(EVENT).headers["ETag"]
    included = client.get(EVENT, params={"include": "participants"}).headers["ETag"]
    assert plain != included


def test_an_unknown_include_on_a_record_is_a_400_naming_it(client: TestClient) -> None:
    response = client.get(EVENT, params={"include": "nope"})
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "query.include"


def test_405_names_the_methods_of_the_template_routing_picks(client: TestClient) -> None:
    # /events/facets is its own route, though /events/{event_id} would match it too.
    assert client.request("TRACE", "/events/facets").headers["Allow"] == "GET, HEAD"


def test_405_names_the_methods_of_the_most_literal_template(client: TestClient) -> None:
    # POST /events/match is declared after /events/{event_id}, which also matches the path.
    assert client.request("TRACE", "/events/match").headers["Allow"] == "POST"
