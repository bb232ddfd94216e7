import pytest
from fastapi.testclient import TestClient

from app.core.text import fold
from tests.helpers import assert_problem, seed_records
from tests.search.helpers import hit_keys, hits, marked


def _events_whose_text_has(*needles: str) -> set[tuple[str, str]]:
    """Events whose folded title or summary holds every needle (folded, with spaces)."""
    return {
        ("event", e["id"])
        for e in seed_records("events")
        if all(
            f" {n} " in f" {fold(e['title'])} " or f" {n} " in f" {fold(e['summary'])} "
            for n in needles
        )
    }


def _event_hits(client: TestClient, q: str) -> set[tuple[str, str]]:
    return {key for key in hit_keys(client, q) if key[0] == "event"}


def test_a_phrase_finds_the_words_together_and_ranks_the_name_first(client: TestClient) -> None:
    found = hits(client, '"north atlantic council"')
    assert (found[0]["type"], found[0]["id"]) == ("actor", "north-atlantic-council")
    assert all(h["score"] >= 80 for h in found)
    assert all(fold(m) == "north atlantic council" for h in found for m in marked(h["snippet"]))
    assert _event_hits(client, '"north atlantic council"') == _events_whose_text_has(
        "north atlantic council"
    )


def test_a_phrase_leaves_out_records_with_the_words_apart(client: TestClient) -> None:
    apart = _event_hits(client, "korea council") - _event_hits(client, '"korea council"')
    assert apart
    assert _event_hits(client, '"korea council"') == _events_whose_text_has("korea council")


def test_a_prefix_finds_whole_words_that_start_with_it(client: TestClient) -> None:
    found = hits(client, "stolten*")
    assert (found[0]["type"], found[0]["id"]) == ("actor", "jens-stoltenberg")
    assert all(fold(m).startswith("stolten") for h in found for m in marked(h["snippet"]))
    assert _event_hits(client, "stolten*") == _events_whose_text_has("stoltenberg")
    assert _event_hits(client, "stolten") == set()


def test_a_phrase_may_end_in_a_prefix(client: TestClient) -> None:
    assert _event_hits(client, '"jens stolt"*') == _events_whose_text_has("jens stoltenberg")


def test_a_minus_leaves_out_what_contains_the_word(client: TestClient) -> None:
    with_china = _events_whose_text_has("nato", "china")
    assert with_china
    assert _event_hits(client, "nato -china") == _events_whose_text_has("nato") - with_china


@pytest.mark.parametrize(
    "q",
    [
        '"north atlantic',
        'nato "council',
        '""',
        "*",
        "nato *",
        "na*to",
        "*nato",
        "nato**",
        "-",
        "nato -",
        "-*",
        "-nato",
        '-"north atlantic"',
        " ".join(["word"] * 17),
        "x" * 201,
    ],
)
def test_a_malformed_query_is_a_400_naming_q(client: TestClient, q: str) -> None:
    assert_problem(client.get("/search", params={"q": q}), 400, "query.q")


@pytest.mark.parametrize(
    "q", ["NEAR(nato korea)", "nato OR", "AND", "title:nato", "^nato", "(nato"]
)
def test_full_text_syntax_in_the_query_is_taken_as_words(client: TestClient, q: str) -> None:
    assert client.get("/search", params={"q": q}).status_code == 200
