"""Shared readers for the search tests: hits through HTTP, and the seeds' texts."""

import html
import re
import unicodedata
from typing import Any

from fastapi.testclient import TestClient

from tests.helpers import SEEDS, seed_records

MARK = re.compile(r"<mark>(.*?)</mark>")


def ascii_form(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def hits(client: TestClient, q: str) -> list[dict[str, Any]]:
    response = client.get("/search", params={"q": q, "limit": 500})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def hit_keys(client: TestClient, q: str) -> list[tuple[str, str]]:
    return [(h["type"], h["id"]) for h in hits(client, q)]


def marked(snippet: str) -> list[str]:
    """The texts inside the snippet's <mark> elements, unescaped."""
    return [html.unescape(m) for m in MARK.findall(snippet)]


def plain(snippet: str) -> str:
    """The snippet's text: marks and ellipses taken out, entities unescaped."""
    return html.unescape(MARK.sub(r"\1", snippet)).strip("…")


def article_texts() -> dict[str, str]:
    """Each seeded source's article text, by source id."""
    return {
        s["id"]: (SEEDS / "articles" / s["file"]).read_bytes().decode("utf-8")
        for s in seed_records("sources")
    }


def people() -> list[dict[str, Any]]:
    return [a for a in seed_records("actors") if a["kind"] == "person"]
