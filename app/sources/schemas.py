"""How source articles appear in responses."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.core.records import RecordRef
from app.core.timespec import TimeSpec
from app.core.types import ArticleText, Lang, Line, Name, Slug
from app.core.vocab import SourceKind
from app.curation.schemas import Write
from app.provenance.schemas import EvidenceRead


class SourceRead(BaseModel):
    """A source's metadata; an article's text is at `/sources/{id}/text`."""

    id: str = Field(examples=["asiae-nato-approves-rok-representative-office"])
    type: Literal["source"] = "source"
    kind: SourceKind = Field(
        description="article (text held verbatim), web (URL and metadata only) or dataset."
    )
    title: str
    outlet: RecordRef | None = Field(
        description="The media outlet; null when the text does not say."
    )
    byline: str | None
    language: str = Field(description="BCP 47 tag of the text as stored.", examples=["en"])
    url: str | None
    published: TimeSpec | None = Field(description="Publication time, as far as the text tells.")
    version: str | None = Field(default=None, description="A dataset's version.")
    licence: str | None = Field(default=None, description="A dataset's licence.")
    sha256: str | None = Field(
        description="SHA-256 of the verbatim text, UTF-8 encoded; null without text."
    )
    recorded_at: datetime


class SourceText(BaseModel):
    """A source's verbatim text with every excerpt drawn from it, by offset."""

    id: str
    type: Literal["source"] = "source"
    sha256: str
    length: int = Field(description="Length of `text` in Unicode code points.")
    text: str
    evidence: list[EvidenceRead]


# What clients write (POST/PUT; PATCH merges into the same shape).


class SourceWrite(Write):
    id: Slug | None = None
    kind: SourceKind = SourceKind.ARTICLE
    outlet: Slug | None = None
    title: Name
    byline: Line | None = None
    language: Lang
    url: Line | None = None
    published: TimeSpec | None = None
    version: Annotated[Line, StringConstraints(max_length=200)] | None = None
    licence: Line | None = None
    text: ArticleText | None = Field(
        default=None,
        description="An article's verbatim text (only articles have one); it never changes.",
    )
