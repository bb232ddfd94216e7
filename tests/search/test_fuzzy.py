"""Misspelt names and names within a longer query, found below every exact kind of match."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.search.helpers import hit_keys, hits

MISSPELLINGS = [
    ("Yoon Suk-yol", "yoon-suk-yeol"),
    ("Stoltenburg", "jens-stoltenberg"),
    ("Jens Stoltenburg", "jens-stoltenberg"),
    ("Yoon Suk-yeel", "yoon-suk-yeol"),
    ("Stoltenbreg", "jens-stoltenberg"),
]


def _actor_hit(client: TestClient, q: str, actor: str) -> dict[str, Any]:
    return next(h for h in hits(client, q) if (h["type"], h["id"]) == ("actor", actor))


@pytest.mark.parametrize(("q", "actor"), MISSPELLINGS)
def test_a_misspelt_name_finds_the_actor_with_a_fuzzy_reason(
    client: TestClient, q: str, actor: str
) -> None:
    actors = [key for key in hit_keys(client, q) if key[0] == "actor"]
    assert actors[0] == ("actor", actor)
    hit = _actor_hit(client, q, actor)
    assert hit["score"] == 15
    assert str(hit["reason"]).startswith("fuzzy:")
    assert "% alike" in str(hit["reason"])
    assert hit["field"] == "name"
    assert hit["snippet"] == f"<mark>{hit['matched']}</mark>"


def test_a_fuzzy_match_ranks_below_exact_and_romanisation_matches(client: TestClient) -> None:
    fuzzy = _actor_hit(client, "Yoon Suk-yol", "yoon-suk-yeol")["score"]
    romanised = _actor_hit(client, "Yun Suk-yeol", "yoon-suk-yeol")
    exact = _actor_hit(client, "Yoon Suk-yeol", "yoon-suk-yeol")
    assert romanised["reason"].startswith("romanisation")
    assert exact["reason"].startswith("exact")
    assert fuzzy < romanised["score"] < exact["score"]


def test_exact_hits_come_before_fuzzy_ones_in_one_answer(client: TestClient) -> None:
    found = hits(client, "Yoon Soon-gu")
    assert (found[0]["type"], found[0]["id"], found[0]["score"]) == ("actor", "yoon-soon-gu", 100)
    assert all(h["score"] == 15 for h in found if h["reason"].startswith("fuzzy"))


@pytest.mark.parametrize("q", ["Zqxwv Plorbeck", "Kin", "stolten*"])
def test_nothing_is_fuzzy_about_a_query_far_from_every_name_or_too_short(
    client: TestClient, q: str
) -> None:
    assert not [h for h in hits(client, q) if h["reason"].startswith("fuzzy")]


def test_an_excluded_word_leaves_out_fuzzy_matches_too(client: TestClient) -> None:
    assert ("actor", "jens-stoltenberg") not in hit_keys(client, "Stoltenburg -jens")
