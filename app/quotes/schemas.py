"""How quoted statements appear in responses."""

from typing import Literal

from pydantic import BaseModel, Field

from app.core.records import RecordRef
from app.core.types import Lang, Slug
from app.curation.schemas import ExcerptWrite, Text, Write


class QuoteRead(BaseModel):
    """A quoted statement in its preferred wording; other wordings are `text` claims."""

    id: str = Field(examples=["nato-important-step"])
    type: Literal["quote"] = "quote"
    text: str
    language: str
    speaker: RecordRef | None
    event: RecordRef | None


# What clients write (POST/PUT; PATCH merges into the same shape).


class QuoteWrite(Write):
    id: Slug | None = None
    event: Slug | None = None
    speaker: Slug | None = None
    text: Text
    language: Lang
    evidence: list[ExcerptWrite] = []
