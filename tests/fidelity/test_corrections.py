# ruff: noqa: RUF001  (the articles' own apostrophes and quotation marks, verbatim)
"""Each correction the close reading of the two articles made, checked through HTTP."""

from typing import Any

from fastapi.testclient import TestClient

from tests.helpers import walk

ASIA = "asiae-nato-approves-rok-representative-office"
NEWS = "news-nato-approves-korean-delegation"


def _get(client: TestClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _names(client: TestClient, actor_id: str) -> dict[str, dict[str, Any]]:
    return {n["name"]: n for n in _get(client, f"/actors/{actor_id}")["names"]}


def _links(client: TestClient, event_id: str) -> set[tuple[str, str, str]]:
    links = _get(client, f"/events/{event_id}")["links"]
    return {(x["direction"], x["link_type"], x["event"]["id"]) for x in links}


def test_van_weel_is_canonical_and_the_articles_van_bael_a_marked_misspelling(
    client: TestClient,
) -> None:
    actor = _get(client, "/actors/david-van-weel")
    assert actor["name"] == "David van Weel"
    names = _names(client, "david-van-weel")
    assert names["David van Bael"]["misspelling"] is True
    assert [s["id"] for s in names["David van Bael"]["attested_by"]] == [ASIA]
    assert names["David van Weel"]["origin"] == "reference"
    assert names["David van Weel"]["attested_by"] == []
    found = _get(client, "/search?q=David van Weel")["items"]
    assert found[0]["id"] == "david-van-weel"


def test_the_old_van_bael_ids_redirect_to_the_new_ones(client: TestClient) -> None:
    for old, new in [
        ("/actors/david-van-bael", "/actors/david-van-weel"),
        ("/events/kim-gun-meets-david-van-bael", "/events/kim-gun-meets-david-van-weel"),
        (
            "/relationships/david-van-bael--official_of--nato",
            "/relationships/david-van-weel--official_of--nato",
        ),
    ]:
        response = client.get(old, follow_redirects=False)
        assert response.status_code == 308, old
        assert response.headers["location"].endswith(new)
    event = _get(client, "/events/kim-gun-meets-david-van-weel")
    assert "van Weel" in event["title"]
    assert "van Bael" not in event["title"]


def test_the_decision_is_dated_september_with_only_day_and_zone_stated(
    client: TestClient,
) -> None:
    occurred = _get(client, "/events/nac-decides-rok-nato-office")["occurred"]
    assert occurred["value"] == "2022-09-26"
    assert occurred["stated"] == ["day", "timezone"]
    assert "September 2022" in occurred["inferred"]


def test_no_event_is_dated_to_october(client: TestClient) -> None:
    for event in walk(client, "/events", limit=50):
        for key in ("occurred", "announced"):
            assert not ((event[key] or {}).get("value") or "").startswith("2022-10"), event["id"]


def test_this_year_states_no_year(client: TestClient) -> None:
    launches = _get(client, "/events/dprk-ballistic-missile-launches-2022")["occurred"]
    assert (launches["value"], launches["stated"]) == ("2022", [])
    assert "this year" in launches["inferred"]
    concept = _get(client, "/events/nato-strategic-concept-2010")["occurred"]
    assert (concept["stated"], concept.get("inferred")) == (["year"], None)


def test_the_quoted_decision_is_the_north_atlantic_councils(client: TestClient) -> None:
    quote = _get(client, "/quotes/nato-accepts-rok-request")
    assert quote["speaker"]["id"] == "north-atlantic-council"


def test_the_headlines_characterisation_is_not_given_to_china(client: TestClient) -> None:
    quote = _get(client, "/quotes/china-causing-instability")
    assert quote["speaker"] is None
    china = _get(client, "/quotes/china-harm-stability-northeast-asia")
    assert china["speaker"]["id"] == "china"


def test_chinas_verbal_objection_is_typed_accuse_and_nothing_is_a_protest(
    client: TestClient,
) -> None:
    assert _get(client, "/events/china-protests-rok-nato-office")["event_type"] == "accuse"
    editorial = _get(client, "/events/global-times-criticises-nato-involvement")
    assert editorial["event_type"] == "accuse"
    assert _get(client, "/events?event_type=protest")["items"] == []


def test_the_state_media_editorial_is_not_the_states_protest(client: TestClient) -> None:
    links = _links(client, "global-times-criticises-nato-involvement")
    assert not {link for link in links if link[2] == "china-protests-rok-nato-office"}
    parts = _get(client, "/events/global-times-criticises-nato-involvement/participants")
    critics = {p["actor"]["id"] for p in parts["items"] if p["role"] == "critic"}
    assert critics == {"global-times"}


def test_us_led_is_not_read_as_membership(client: TestClient) -> None:
    rels = _get(client, "/relationships?subject=united-states")["items"]
    assert not [r for r in rels if r["relationship_type"] == "member_of"]


def test_the_side_meetings_are_linked_around_the_council_meeting(client: TestClient) -> None:
    for event_id in ("kim-gun-meets-mircea-geoana", "kim-gun-meets-david-van-weel"):
        assert ("outgoing", "around", "nac-plus-4-meeting") in _links(client, event_id)
        occurred = _get(client, f"/events/{event_id}")["occurred"]
        assert occurred["as_reported"] == "before and after the council meeting"
        assert occurred["stated"] == []
        assert "council meeting" in occurred["inferred"]


def test_the_plan_coincides_with_the_summit_and_the_request_follows_the_plan(
    client: TestClient,
) -> None:
    plan = _links(client, "rok-announces-nato-office-plan")
    assert ("outgoing", "coincides_with", "nato-summit-2022") in plan
    assert ("incoming", "follows", "rok-requests-nato-office") in plan


def _disagreements(client: TestClient) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in walk(client, "/disagreements", limit=50)}


def test_every_disagreement_carries_its_kind(client: TestClient) -> None:
    found = _disagreements(client)
    assert {d["kind"] for d in found.values()} <= {"contradiction", "wording", "precision"}
    expected = {
        "event:nac-decides-rok-nato-office:announced": "precision",
        "event:nac-decides-rok-nato-office:occurred": "precision",
        "event:nac-decides-rok-nato-office:designated_as": "contradiction",
        "event:nac-decides-rok-nato-office:decision_wording": "wording",
        "event:nato-announces-rok-nato-office:channel": "wording",
        "event:nato-announces-rok-nato-office:cooperation_areas": "precision",
        "event:rok-appoints-yoon-soon-gu-nato:modality": "contradiction",
        "actor:north-atlantic-council:characterised_as": "wording",
        "actor:yoon-soon-gu:title": "precision",
        "quote:nato-rok-cooperation-areas:speaker": "precision",
        "quote:nato-accepts-rok-request:speaker": "precision",
        "actor:yoon-suk-yeol:name:ko-Latn": "wording",
    }
    assert {key: found[key]["kind"] for key in expected} == expected


def test_the_listed_differences_keep_each_articles_words(client: TestClient) -> None:
    found = _disagreements(client)
    words = {
        "event:nato-announces-rok-nato-office:channel": {"press release", "website"},
        "event:nac-decides-rok-nato-office:decision_wording": {
            "agreed to accept",
            "decided to accept",
        },
        "actor:north-atlantic-council:characterised_as": {
            "NATO’s supreme decision-making body",
            "NATO's highest decision-making body",
        },
    }
    for key, values in words.items():
        assert {a["value"] for a in found[key]["accounts"]} == values
        sources = {s["id"] for a in found[key]["accounts"] for s in a["sources"]}
        assert sources == {ASIA, NEWS}


def test_reference_names_never_pass_for_attestations(client: TestClient) -> None:
    names = walk(client, "/actor-names", limit=100)
    for name in names:
        assert bool(name["attested_by"]) == (name["origin"] == "article"), name
    korea = _names(client, "south-korea")
    for spelling in ("대한민국", "한국", "Republic of Korea", "ROK"):
        assert korea[spelling]["origin"] == "reference"
    assert _names(client, "nato")["북대서양조약기구"]["origin"] == "reference"
    assert _names(client, "yoon-suk-yeol")["Yun Seok-yeol"]["transliteration"] is True


def test_names_and_links_have_their_own_routes(client: TestClient) -> None:
    name = next(n for n in walk(client, "/actor-names?origin=article", limit=100))
    one = _get(client, f"/actor-names/{name['id']}")
    assert one["actor"]["href"] == f"/actors/{one['actor']['id']}"
    assert _get(client, f"/actor-names/{name['id']}/evidence")["evidence"]
    link_id = "nac-decides-rok-nato-office--responds_to--rok-requests-nato-office"
    link = _get(client, f"/event-links/{link_id}")
    assert (link["event"]["id"], link["target"]["id"]) == (
        "nac-decides-rok-nato-office",
        "rok-requests-nato-office",
    )
    sources = {
        e["source"]["id"] for e in _get(client, f"/event-links/{link_id}/evidence")["evidence"]
    }
    assert sources == {ASIA, NEWS}
