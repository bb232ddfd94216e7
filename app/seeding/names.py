"""An actor's name as the row the API serves and search compares, from the seed format or
the write API (both carry the same fields)."""

from typing import Any, Protocol

from app.core.text import fold, romanisation_key, stable_id
from app.core.vocab import NameKind, NameOrigin
from app.models import ActorName


class NameFields(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def kind(self) -> NameKind: ...
    @property
    def misspelling(self) -> bool: ...
    @property
    def transliteration(self) -> bool: ...
    @property
    def origin(self) -> NameOrigin: ...


def name_row(actor_id: str, name: NameFields) -> ActorName:
    """The row of one spelling, with its flags and whether an article or a reference gives it."""
    return ActorName(**name_values(actor_id, name))


def name_values(actor_id: str, name: NameFields) -> dict[str, Any]:
    """The columns of one spelling's row (an import plans them as plain data)."""
    return {
        "id": stable_id("name", actor_id, name.name, name.lang),
        "actor_id": actor_id,
        "name": name.name,
        "lang": name.lang,
        "kind": name.kind.value,
        "misspelling": name.misspelling,
        "transliteration": name.transliteration,
        "origin": name.origin.value,
        "search_key": fold(name.name),
        "name_key": romanisation_key(name.name),
    }
