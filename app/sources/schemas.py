"""How source articles appear in responses."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.core.records import RecordRef
from app.core.timespec import TimeSpec
from app.core.types import ArticleText, Lang, Line, Name, Slug
from app.curation.schemas import Write
from app.provenance.schemas import EvidenceRead


class SourceRead(BaseModel):
    """A source article's metadata; its text is at `/sources/{id}/text`."""

    id: str = Field(examples=["asiae-nato-approves-rok-representative-office"])
    type: Literal["source"] = "source"
    title: str
    outlet: RecordRef | None = Field(
        description="The media outlet; null when the text does not say."
    )
    byline: str | None
    language: str = Field(description="BCP 47 tag of the text as stored.", examples=["en"])
    url: str | None
    published: TimeSpec | None = Field(description="Publication time, as far as the text tells.")
    sha256: str = Field(description="SHA-256 of the verbatim text, UTF-8 encoded.")
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
    outlet: Slug | None = None
    title: Name
    byline: Line | None = None
    language: Lang
    url: Line | None = None
    published: TimeSpec | None = None
    text: ArticleText = Field(description="The verbatim article text; it never changes.")
