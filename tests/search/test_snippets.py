import re
from typing import Any

from fastapi.testclient import TestClient

from app.core.text import fold
from tests.helpers import seed_records
from tests.search.helpers import article_texts, hits, marked, plain


def _source_hit(client: TestClient, q: str, source_id: str) -> dict[str, Any]:
    return next(h for h in hits(client, q) if (h["type"], h["id"]) == ("source", source_id))


def _body_only_word(source: dict[str, Any], text: str) -> str:
    """A long word of the article that no title (of any source) contains."""
    in_titles = {w for s in seed_records("sources") for w in fold(s["title"]).split()}
    body_words: list[str] = re.findall(r"[A-Za-z]{9,}", text)
    return next(w for w in body_words if fold(w) not in in_titles)


def test_a_word_only_in_the_article_text_finds_the_source(client: TestClient) -> None:
    for source_id, text in article_texts().items():
        source = next(s for s in seed_records("sources") if s["id"] == source_id)
        word = _body_only_word(source, text)
        hit = _source_hit(client, word, source_id)
        assert hit["field"] == "text"
        assert fold(hit["matched"]) == fold(word)


def test_source_snippets_mark_the_match_in_text_from_the_article(client: TestClient) -> None:
    texts = article_texts()
    for q in ("Yoon Soon-koo", '"north atlantic council"', "stolten*", "important step"):
        for hit in (h for h in hits(client, q) if h["type"] == "source"):
            text = texts[hit["id"]]
            assert hit["field"] == "text"
            assert text[hit["start"] : hit["end"]] == hit["matched"]
            assert marked(hit["snippet"])[0] == " ".join(hit["matched"].split())
            assert " ".join(plain(hit["snippet"]).split()) in " ".join(text.split())


def test_offsets_point_into_the_text_the_api_serves(client: TestClient) -> None:
    hit = next(h for h in hits(client, "Yun Seok-yeol") if h["type"] == "source")
    served = client.get(f"/sources/{hit['id']}/text").json()["text"]
    assert served[hit["start"] : hit["end"]] == hit["matched"] == "Yun Seok-yeol"


def test_snippets_escape_the_text_around_the_marks(client: TestClient) -> None:
    snippets = [h["snippet"] for q in ("korea", "important step") for h in hits(client, q)]
    entities = re.compile(r"</?mark>|&(amp|lt|gt|quot|#x27);")
    assert any("&#x27;" in s or "&quot;" in s for s in snippets)
    for snippet in snippets:
        assert not set(entities.sub("", snippet)) & set("<>\"'&"), snippet


def test_every_hit_marks_what_it_matched(client: TestClient) -> None:
    for q in ("nato", "Kim Gun", '"representative office"', "korea -china", "Geoană"):
        for hit in hits(client, q):
            assert marked(hit["snippet"]), (q, hit)
            assert "<" not in re.sub(r"</?mark>", "", hit["snippet"])
