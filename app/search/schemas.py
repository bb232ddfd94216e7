from typing import Literal

from pydantic import BaseModel, Field


class SearchHit(BaseModel):
    """A record that matches the query, with what matched and how well."""

    type: Literal["actor", "event", "source", "quote"]
    id: str = Field(examples=["yoon-suk-yeol"])
    label: str = Field(examples=["Yoon Suk-yeol"])
    href: str = Field(examples=["/actors/yoon-suk-yeol"])
    matched: str = Field(
        description="The text that matched: a name as spelt, a title, …", examples=["Yun Seok-yeol"]
    )
    score: int = Field(description="Higher is better: exact 100, prefix 50, inside 20, words 10.")
