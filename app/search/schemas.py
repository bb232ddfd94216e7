from typing import Literal

from pydantic import BaseModel, Field

SNIPPET_FORMAT = (
    "HTML: the text around the first match, escaped (`&`, `<`, `>`, `\"`, `'`), whitespace "
    "runs shown as one space, each match in `<mark>…</mark>` (words matched next to each "
    "other, apart only by spaces or hyphens, share one mark), and `…` where the text is "
    "cut. At most about 60 characters before the first match and 140 after it, cut at "
    "spaces. For a source, from its article text when the text matched, else its title."
)


class SearchHit(BaseModel):
    """A record that matches the query: what matched, where, and how well."""

    type: Literal["actor", "event", "source", "quote", "place"]
    id: str = Field(examples=["yoon-suk-yeol"])
    label: str = Field(examples=["Yoon Suk-yeol"])
    href: str = Field(examples=["/actors/yoon-suk-yeol"])
    matched: str = Field(
        description="The first text that matched, exactly as written in `field`: an actor's "
        "name as spelt, or words of a title or text.",
        examples=["Yun Seok-yeol"],
    )
    field: Literal["name", "title", "summary", "text"] = Field(
        description="Where `matched` and `snippet` come from: an actor's `name`, a record's "
        "`title`, an event's `summary`, or the `text` of a source (its article) or a quote.",
        examples=["name"],
    )
    start: int = Field(
        description="Code-point offset of `matched` in `field`: for a source's `text`, "
        "`GET /sources/{id}/text` has `text[start:end] == matched`.",
        examples=[0],
    )
    end: int = Field(description="Code-point offset just after `matched` in `field`.")
    score: int = Field(
        description="How it matched, higher first: 100 the whole name or title, 80 a phrase "
        "(quoted, or all the words next to each other), 60 a prefix (`stolten*`, or a name "
        "or title that starts with the query), 40 all the words somewhere (titles and texts "
        "match by word stems: `launch` finds 'launched'), 20 only through the romanisation "
        "key of a name (a spelling no article used), 15 a name spelt nearly so (fuzzy: a "
        "misspelling), 10 a whole name among the query's words ('Barack Obama' finds 'OBAMA')."
    )
    reason: str = Field(
        description="Why it matched, in words; a fuzzy match says `fuzzy` and how alike the "
        "name is spelt, in percent (rapidfuzz's normalised similarity).",
        examples=["romanisation: another Latin spelling of a name"],
    )
    snippet: str = Field(description=SNIPPET_FORMAT, examples=["<mark>Yun Seok-yeol</mark>"])
