import sqlalchemy as sa
from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class ActorName(Timestamped, table=True):
    """One spelling of an actor's name, kept exactly as written, with its language."""

    __tablename__ = "actor_name"
    __table_args__ = (UniqueConstraint("actor_id", "name", "lang"),)

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    actor_id: str = Field(foreign_key="actor.id", index=True, max_length=ID_LENGTH)
    name: str = Field(max_length=500)
    lang: str = Field(max_length=35)
    kind: str = Field(max_length=20)
    # Case-, accent- and punctuation-folded form that search compares against.
    search_key: str = Field(index=True, max_length=500)
    # The name's romanisation key (`app.core.text.romanisation_key`), a lower-ranked route by
    # which search finds spellings no article used ("Yun Suk-yeol" for "Yoon Suk-yeol").
    name_key: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    # Flags beside `kind`: a misspelt surname may still be the article's only variant, and a
    # romanisation is a transliteration whatever its kind.
    misspelling: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    transliteration: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # `article`: a spelling some article uses (it has evidence); `reference`: a standard form
    # (formal name, abbreviation, native script) no article uses, never an attestation.
    origin: str = Field(
        default="article", max_length=20, sa_column_kwargs={"server_default": "article"}
    )
