# ruff: noqa: RUF001  (the articles' own apostrophes and quotation marks, verbatim)
"""A held-back reading test: what the two articles say, listed from their text alone.

Every figure, every expression of time and every quoted passage below was copied from
seeds/articles/ by reading them sentence by sentence, without looking at the seed data; each
test checks through HTTP that the data holds it, with evidence from the article that says it.
"""

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.pagination import MAX_LIMIT
from tests.helpers import walk

ASIA = "asiae-nato-approves-rok-representative-office"
NEWS = "news-nato-approves-korean-delegation"

# (article, its words, the property a claim records it under, the value)
FIGURES = [
    (ASIA, "having launched 32 ballistic missiles", "ballistic_missiles_launched", 32),
    (ASIA, "A total of 36 countries attended the meeting", "attending_states", 36),
    (ASIA, "NATO’s 30 member states", "member_states", 30),
    (ASIA, "four Asia-Pacific partner countries", "member_count", 4),
    (ASIA, "NAC+4", "member_count", 4),
    (NEWS, "(AP4)", "member_count", 4),
    (ASIA, "the other three countries have already established", "states_with_offices", 3),
    (
        NEWS,
        "only Australia, New Zealand and Japan have so far established",
        "states_with_offices",
        3,
    ),
    (ASIA, "since 2005", "start", "2005"),
    (NEWS, "Since 2005, the two sides", "start", "2005"),
    (NEWS, "working together since 2005", "start", "2005"),
    (NEWS, "this process takes about six weeks", "process_duration", "P6W"),
]

# (article, the words that date something)
DATES = [
    (ASIA, "on the 27th (local time) via its website"),
    (ASIA, "at the NATO meeting on the 27th (local time)"),
    (ASIA, "in June"),
    (ASIA, "since 2005"),
    (ASIA, "recently"),
    (ASIA, "just this year"),
    (ASIA, "before and after the council meeting"),
    (NEWS, "at the end of June"),
    (NEWS, "announced on the 27th"),
    (NEWS, "on the 26th (local time)"),
    (NEWS, "Since 2005"),
    (NEWS, "so far"),
    (NEWS, "this year"),
    (NEWS, "created in 2010"),
    (NEWS, "when the Ukraine war began"),
    (NEWS, "On the 29th"),
]

# (article, the passage in quotation marks, to whom the text gives it; None: to no one)
QUOTES = [
    (ASIA, "An Important Step to Strengthen Cooperation", "nato"),
    (
        ASIA,
        "it has decided to accept the South Korean government's request to designate the South "
        "Korean Embassy in Belgium as a NATO representative office.",
        "north-atlantic-council",
    ),
    (ASIA, "an important step to strengthen cooperation with South Korea", "nato"),
    (
        ASIA,
        "NATO and South Korea have developed a strong cooperative relationship based on shared "
        "values since 2005.",
        "nato",
    ),
    (
        ASIA,
        "Political dialogue and practical cooperation are taking place in areas including "
        "non-proliferation, cyber defense, counter-terrorism, and disaster relief",
        "nato",
    ),
    (ASIA, "South Korea is an active partner of NATO", "nato"),
    (
        ASIA,
        "To bring North Korea onto the path of denuclearization, it is important to clearly "
        "demonstrate that the international community’s will for denuclearization is stronger "
        "than North Korea’s determination to develop nuclear weapons.",
        "kim-gun",
    ),
    (NEWS, "causing instability in the region", None),
    (NEWS, "Accepts Korea’s request to establish a representative office", "nato"),
    (NEWS, "An important step to strengthen the partnership.", "nato"),
    (
        NEWS,
        "This approval is an important step to strengthen the partnership between NATO and "
        "South Korea",
        "nato",
    ),
    (
        NEWS,
        "Allies have agreed to strengthen dialogue and cooperation with partners in the "
        "Indo-Pacific region to address inter-regional challenges and common security interests "
        "within a new strategic concept.",
        "nato",
    ),
    (NEWS, "Korea, NATO working partner… working together since 2005", "nato"),
    (NEWS, "Korea is an active partner of NATO", "nato"),
    (
        NEWS,
        "Since 2005, the two sides have developed a strong cooperative relationship based on "
        "common values.",
        "nato",
    ),
    (
        NEWS,
        "Both sides are developing political dialogue and practical cooperation in various "
        "fields, especially in the areas of non-proliferation, cyber security, "
        "counter-terrorism, civil science projects related to security, interoperability, "
        "chemistry, biology, radiation and nuclear defense, and response to disasters",
        None,
    ),
    (NEWS, "structural challenge", "nato"),
    (
        NEWS,
        "China’s coercive ambitions and policies challenge Western security interests and values.",
        "nato",
    ),
    (
        NEWS,
        "Involving Korea and NATO will only exacerbate conflicts and divisions in the region",
        "global-times",
    ),
    (NEWS, "harm stability in Northeast Asia", "china"),
    (
        NEWS,
        "The view of experts is that if US-led NATO is brought into regional security (East "
        "Asia), it will increasing instability in the Indo-Pacific and Northeast Asia.",
        "global-times",
    ),
    (
        NEWS,
        "This will worsen diplomatic autonomy and will not help South Korea’s economic and "
        "security interests from a long-term perspective, but will also exacerbate conflicts "
        "and divisions in the region.",
        "global-times",
    ),
]

# Quoted names of things rather than speech: they need evidence, not a speaker.
TERMS = [(ASIA, "Bold Initiative"), (NEWS, "strategic concept")]


class Reader:
    """What a client sees of the data, fetched once per client and backend."""

    def __init__(self, client: TestClient):
        self.client = client
        self.evidence = {s: walk(client, f"/evidence?source={s}", MAX_LIMIT) for s in (ASIA, NEWS)}
        self.claims = {c["id"]: c for c in walk(client, "/claims", MAX_LIMIT)}
        self.times = self._times()

    def excerpts(self, source: str, words: str) -> list[dict[str, Any]]:
        return [e for e in self.evidence[source] if words in e["excerpt"]]

    def _times(self) -> list[dict[str, Any]]:
        found = [e[k] for e in walk(self.client, "/events", 50) for k in ("occurred", "announced")]
        found += [r[k] for r in walk(self.client, "/relationships", 50) for k in ("start", "end")]
        found += [s["published"] for s in walk(self.client, "/sources", 50)]
        found += [c["value"] for c in self.claims.values() if isinstance(c["value"], dict)]
        return [t for t in found if t and "stated" in t]

    def speakers(self, quote_id: str) -> set[str | None]:
        quote = self.client.get(f"/quotes/{quote_id}").json()
        given = {c["value"] for c in self.claims.values() if _about(c, quote_id, "speaker")}
        return given | {(quote["speaker"] or {}).get("id")}


def _about(claim: dict[str, Any], quote_id: str, prop: str) -> bool:
    subject = claim["subject"]
    return (subject["type"], subject["id"], claim["property"]) == ("quote", quote_id, prop)


_READERS: dict[int, Reader] = {}


@pytest.fixture
def reader(client: TestClient) -> Reader:
    if id(client) not in _READERS:  # one reading per backend, not per test
        _READERS[id(client)] = Reader(client)
    return _READERS[id(client)]


@pytest.mark.parametrize(("source", "words", "prop", "value"), FIGURES)
def test_every_figure_is_a_claim_with_the_articles_evidence(
    reader: Reader, source: str, words: str, prop: str, value: Any
) -> None:
    backed = {e["subject"]["id"] for e in reader.excerpts(source, words)}
    claims = [reader.claims[c] for c in backed if c in reader.claims]
    values = [c["value"]["value"] if isinstance(c["value"], dict) else c["value"] for c in claims]
    assert [c for c, v in zip(claims, values, strict=True) if c["property"] == prop and v == value]


@pytest.mark.parametrize(("source", "words"), DATES)
def test_every_date_expression_is_a_time_that_says_what_it_states(
    reader: Reader, source: str, words: str
) -> None:
    assert reader.excerpts(source, words), "no evidence quotes it"
    matching = [
        t
        for t in reader.times
        if t.get("as_reported") and t["as_reported"].casefold() in words.casefold()
    ]
    assert matching, "no time is reported in these words"
    for time in matching:
        stated = set(time["stated"])
        # A part is stated only when the words give it; any other part is labelled inferred.
        assert ("year" in stated) == bool(re.search(r"\b\d{4}\b", words))
        assert "month" not in stated or "June" in words
        assert ("timezone" in stated) == ("local time" in time["as_reported"])
        if stated != {"year"}:
            assert time["inferred"]


@pytest.mark.parametrize(("source", "text", "speaker"), QUOTES)
def test_every_quoted_passage_is_a_quote_given_to_whom_the_text_gives_it(
    reader: Reader, source: str, text: str, speaker: str | None
) -> None:
    quotes = set()
    for item in reader.excerpts(source, text):
        subject = item["subject"]
        if subject["type"] == "claim":
            subject = reader.claims[subject["id"]]["subject"]
        if subject["type"] == "quote":
            quotes.add(subject["id"])
    assert quotes, "no quote has this passage as evidence"
    assert any(speaker in reader.speakers(q) for q in quotes)


@pytest.mark.parametrize(("source", "term"), TERMS)
def test_every_quoted_term_has_evidence(reader: Reader, source: str, term: str) -> None:
    assert reader.excerpts(source, term)
