"""The explorer in Chromium against a seeded uvicorn: what a new user does, step by step.

Expectations come from the API itself (the explorer must show what it answers).
"""

import re
from datetime import date
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.explorer.conftest import open_page, watched

EVENT = "nac-decides-rok-nato-office"


def api(base: str, path: str, **params: Any) -> Any:
    return httpx.get(f"{base}{path}", params=params).json()


def test_search_by_another_spelling_finds_yoon_suk_yeol(page: Page, explorer_url: str) -> None:
    page.goto(f"{explorer_url}/")
    page.get_by_role("searchbox", name="Search").fill("Yun Seok-yeol")
    page.get_by_role("button", name="Search").click()
    first = page.locator("ol.hits li").first
    expect(first.locator("a")).to_have_text("Yoon Suk-yeol")
    expect(first).to_contain_text("as “Yun Seok-yeol”")
    first.locator("a").click()
    expect(page.locator("h1")).to_have_text("Yoon Suk-yeol")
    assert page.url.endswith("#/actors/yoon-suk-yeol")


def test_event_page_shows_times_with_precision_and_participants_by_role(
    page: Page, explorer_url: str
) -> None:
    event = api(explorer_url, f"/events/{EVENT}")
    page.goto(f"{explorer_url}/#/events/{EVENT}")
    expect(page.locator("h1")).to_have_text(event["title"])
    times = page.locator("dl.times")
    day = date.fromisoformat(event["occurred"]["value"])
    expect(times).to_contain_text(f"{day.day} {day:%B %Y}")
    expect(times).to_contain_text("day precision · Europe/Brussels")
    expect(times).to_contain_text(event["occurred"]["as_reported"])
    roles = page.locator("dl.roles")
    for participant in api(explorer_url, f"/events/{EVENT}/participants")["items"]:
        expect(roles).to_contain_text(participant["actor"]["label"])
        expect(roles.locator("dt", has_text=participant["role"].replace("_", " "))).to_be_visible()


def test_event_timeline_lists_the_linked_events_in_time_order(
    page: Page, explorer_url: str
) -> None:
    event = api(explorer_url, f"/events/{EVENT}")
    page.goto(f"{explorer_url}/#/events/{EVENT}")
    rows = page.locator(".timeline ol.events li")
    expect(rows).to_have_count(len(event["links"]) + 1)
    expect(page.locator(".timeline li.current")).to_contain_text(event["title"])
    expect(page.locator(".axis .dot.current")).to_have_count(1)


def test_event_graph_has_the_nodes_of_the_graph_route(page: Page, explorer_url: str) -> None:
    graph = api(
        explorer_url,
        "/graph",
        node=f"event:{EVENT}",
        depth=1,
        edge_types="participation,relationship,event_link",
    )
    page.goto(f"{explorer_url}/#/events/{EVENT}")
    canvas = page.locator(".graph[data-nodes]")
    expect(canvas).to_have_attribute("data-nodes", str(len(graph["nodes"])))
    assert len(graph["nodes"]) > 1
    expect(canvas.locator("canvas").first).to_be_visible()


# For every excerpt of an article, the text of the marks carrying its id, joined: an excerpt
# split by overlapping ones is still whole.
MARKED = """(pane) => {
  const out = {};
  for (const mark of pane.querySelectorAll("mark.ev")) {
    for (const id of mark.dataset.evidence.split(" ")) out[id] = (out[id] || "") + mark.textContent;
  }
  return out;
}"""


def test_event_excerpts_are_highlighted_in_both_articles(page: Page, explorer_url: str) -> None:
    event = api(explorer_url, f"/events/{EVENT}")
    evidence = api(explorer_url, f"/events/{EVENT}/evidence")
    excerpts = evidence["evidence"] + [e for claim in evidence["claims"] for e in claim["evidence"]]
    page.goto(f"{explorer_url}/#/events/{EVENT}")
    sources = {s["id"] for s in event["sources"]}
    assert len(sources) == 2
    assert {e["source"]["id"] for e in excerpts} == sources
    for source in sources:
        pane = page.locator(f"article.article[data-source='{source}']")
        expect(pane.locator("mark.ev-record").first).to_be_visible()
        marked = pane.evaluate(MARKED)
        for excerpt in (e for e in excerpts if e["source"]["id"] == source):
            assert marked.get(excerpt["id"]) == excerpt["excerpt"], excerpt["id"]


def test_event_disagreement_shows_both_accounts(page: Page, explorer_url: str) -> None:
    disagreement = next(
        d
        for d in api(explorer_url, "/disagreements", limit=500)["items"]
        if d["subject"]["id"] == EVENT and d["property"] == "designated_as"
    )
    page.goto(f"{explorer_url}/#/events/{EVENT}")
    card_id = f"dis-{disagreement['id'].replace(':', '-')}"
    card = page.locator(f"#{card_id}")
    accounts = card.locator(".account")
    expect(accounts).to_have_count(len(disagreement["accounts"]))
    for shown, account in zip(accounts.all(), disagreement["accounts"], strict=True):
        expect(shown.locator(".value")).to_have_text(account["value"])
        expect(shown).to_contain_text(account["evidence"][0]["excerpt"])
    # The disputed passage in an article leads to the card.
    excerpt_id = disagreement["accounts"][0]["evidence"][0]["id"]
    passage = page.locator(f"mark.ev-disputed[data-evidence~='{excerpt_id}']").first
    expect(passage).to_have_attribute("data-disagreement", re.compile(rf"\b{card_id}\b"))
    passage.click()
    expect(card).to_have_class("disagreement flash")


def test_actor_page_lists_names_with_the_articles_using_each(page: Page, explorer_url: str) -> None:
    actor = api(explorer_url, "/actors/yoon-suk-yeol")
    page.goto(f"{explorer_url}/#/actors/yoon-suk-yeol")
    rows = page.locator("table.names tbody tr")
    expect(rows).to_have_count(len(actor["names"]))
    for row, name in zip(rows.all(), actor["names"], strict=True):
        expect(row.locator("td.name")).to_have_text(name["name"])
        expect(row.locator("a")).to_have_text([s["label"] for s in name["attested_by"]])
    relationships = api(explorer_url, "/actors/yoon-suk-yeol/relationships")["items"]
    expect(page.locator("ul.relationships li")).to_have_count(len(relationships))
    events = api(explorer_url, "/actors/yoon-suk-yeol/events")["items"]
    expect(page.locator("ul.participations a")).to_have_text([p["event"]["label"] for p in events])


def test_deep_link_survives_a_reload_and_pages_link_to_each_other(
    page: Page, explorer_url: str
) -> None:
    page.goto(f"{explorer_url}/#/actors/yoon-suk-yeol")
    page.reload()
    expect(page.locator("h1")).to_have_text("Yoon Suk-yeol")
    page.locator("ul.participations a").first.click()
    expect(page.locator("dl.roles")).to_contain_text("Yoon Suk-yeol")
    page.go_back()
    expect(page.locator("h1")).to_have_text("Yoon Suk-yeol")


def test_map_draws_country_outlines_and_says_no_event_is_located(
    page: Page, explorer_url: str
) -> None:
    # The seeded places have coordinates: the answers lose them on the way in.
    def places(route: Route) -> None:
        body = route.fetch().json()
        for place in body["items"]:
            place.update(lat=None, lon=None)
        route.fulfill(json=body)

    page.route("**/places?*", places)
    page.goto(f"{explorer_url}/#/map")
    expect(page.locator(".empty-map")).to_contain_text("No located events yet")
    assert page.locator("svg.world path.country").count() > 150


# Where the dot for a place falls: inside the outline of the country it is in.
DOT_IN_COUNTRY = """(country) => {
  const outline = [...document.querySelectorAll("path.country")]
    .find((p) => p.querySelector("title").textContent === country).getBBox();
  const dot = document.querySelector("a.event-dot circle");
  const [x, y] = [Number(dot.getAttribute("cx")), Number(dot.getAttribute("cy"))];
  return x >= outline.x && x <= outline.x + outline.width &&
    y >= outline.y && y <= outline.y + outline.height;
}"""


def test_map_plots_the_seeded_events_at_their_places_coordinates(
    page: Page, explorer_url: str
) -> None:
    located = {p["id"] for p in api(explorer_url, "/places", limit=500)["items"] if p["lat"]}
    events = api(explorer_url, "/events", limit=500)["items"]
    shown = [e for e in events if e["place"] and e["place"]["id"] in located]
    assert shown  # the events at NATO headquarters, in Brussels
    page.goto(f"{explorer_url}/#/map")
    expect(page.locator("a.event-dot")).to_have_count(len(shown))
    expect(page.locator("p.lead")).to_have_text(f"{len(shown)} events at places with coordinates.")
    assert page.evaluate(DOT_IN_COUNTRY, "Belgium")


@pytest.mark.parametrize("route", [f"#/events/{EVENT}", "#/actors/yoon-suk-yeol", "#/"])
def test_pages_fit_a_phone_screen(browser: Browser, explorer_url: str, route: str) -> None:
    phone = open_page(browser, width=390)
    with watched(phone, f"phone-{route.strip('#/').replace('/', '-') or 'home'}"):
        phone.goto(f"{explorer_url}/{route}")
        expect(phone.locator("h1")).to_be_visible()
        expect(phone.locator("#view")).not_to_have_attribute("aria-busy", "true")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
