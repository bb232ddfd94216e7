"""Word forms: a word finds the records that use another form of it, on every backend."""

from fastapi.testclient import TestClient

from app.core.text import fold
from tests.search.helpers import article_texts, hit_keys, hits, marked

LAUNCHES = "dprk-ballistic-missile-launches-2022"
ASIAE = "asiae-nato-approves-rok-representative-office"


def test_a_word_finds_records_that_use_another_form_of_it(client: TestClient) -> None:
    found = hit_keys(client, "launch")
    assert ("event", LAUNCHES) in found  # "launches" in its title
    assert ("source", ASIAE) in found  # "launched" in the article
    assert set(found) == set(hit_keys(client, "launched")) == set(hit_keys(client, "launching"))


def test_a_stemmed_match_marks_the_word_as_written_at_its_offsets(client: TestClient) -> None:
    source = next(h for h in hits(client, "launch") if h["id"] == ASIAE)
    text = article_texts()[ASIAE]
    assert source["field"] == "text"
    assert text[source["start"] : source["end"]] == source["matched"]
    assert fold(source["matched"]) in {"launched", "launches", "launching"}
    event = next(h for h in hits(client, "launch") if h["id"] == LAUNCHES)
    assert marked(event["snippet"]) in (["launches"], ["launching"])  # title or summary


def test_a_stemmed_match_ranks_below_the_title_spelt_as_asked(client: TestClient) -> None:
    exact = hits(client, "North Korea launches 32 ballistic missiles this year")[0]
    assert (exact["id"], exact["score"]) == (LAUNCHES, 100)
    stemmed = next(
        h
        for h in hits(client, "North Korea launch 32 ballistic missiles this year")
        if h["id"] == LAUNCHES
    )
    assert stemmed["score"] < 100
