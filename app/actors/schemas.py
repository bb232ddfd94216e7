"""How actors and their names appear in responses."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictBool

from app.attributes.schemas import ActorAttributes
from app.core.records import RecordRef
from app.core.types import Lang, Line, LongText, Name, Slug
from app.core.vocab import ActorKind, NameKind, NameOrigin
from app.curation.schemas import ExcerptWrite, Write


class ActorNameRead(BaseModel):
    """One spelling of an actor's name, exactly as written, and the articles that use it."""

    id: str
    type: Literal["actor_name"] = "actor_name"
    name: str = Field(examples=["Yun Seok-yeol"])
    lang: str = Field(description="BCP 47 language and script.", examples=["ko-Latn"])
    kind: str = Field(description="Term of the name_kind vocabulary.", examples=["variant"])
    misspelling: bool = Field(description="The spelling is wrong (kept as the article has it).")
    transliteration: bool = Field(description="A romanisation of a name in another script.")
    origin: str = Field(
        description="`article`: an article uses it (see attested_by); `reference`: a standard "
        "form (formal, short, native script) that no article uses.",
        examples=["article"],
    )
    attested_by: list[RecordRef] = Field(
        description="Sources whose text uses this spelling; empty for a standard form no "
        "article uses."
    )


class ActorNameRecord(ActorNameRead):
    """One spelling of an actor's name on its own (`/actor-names/{id}`), naming its actor."""

    actor: RecordRef


class ActorRead(BaseModel):
    """A person, state, organisation, body, mission or outlet."""

    id: str = Field(examples=["yoon-suk-yeol"])
    type: Literal["actor"] = "actor"
    kind: str = Field(description="Term of the actor_kind vocabulary.", examples=["person"])
    name: str = Field(description="The canonical name.", examples=["Yoon Suk-yeol"])
    description: str
    identifiers: dict[str, str] = Field(
        description="Ids in outside registers, by scheme.", examples=[{"wikidata": "Q884"}]
    )
    names: list[ActorNameRead]
    attributes: ActorAttributes = Field(
        default_factory=ActorAttributes, description="Declared attribute values (typed)."
    )
    recorded_at: datetime
    updated_at: datetime


# What clients write (POST/PUT; PATCH merges into the same shape).


class NameWrite(Write):
    name: Name
    lang: Lang
    kind: NameKind = NameKind.VARIANT
    # Strict: JSON's 0 and 1 are numbers, and the schema says boolean.
    misspelling: StrictBool = False
    transliteration: StrictBool = False
    origin: NameOrigin = NameOrigin.ARTICLE
    evidence: list[ExcerptWrite] = []


class ActorWrite(Write):
    id: Slug | None = None
    kind: ActorKind
    name: Name = Field(description="The canonical name; added to `names` if missing there.")
    description: LongText = ""
    identifiers: dict[Line, Line] = Field(default={}, max_length=100)
    names: list[NameWrite] = []
    evidence: list[ExcerptWrite] = []
