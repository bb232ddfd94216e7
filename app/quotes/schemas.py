"""How quoted statements appear in responses."""

from typing import Literal

from pydantic import BaseModel, Field

from app.core.records import RecordRef


class QuoteRead(BaseModel):
    """A quoted statement in its preferred wording; other wordings are `text` claims."""

    id: str = Field(examples=["nato-important-step"])
    type: Literal["quote"] = "quote"
    text: str
    language: str
    speaker: RecordRef | None
    event: RecordRef | None
