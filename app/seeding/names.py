"""An actor's name in the seed format, as the row the API serves and search compares."""

from app.core.text import fold, romanisation_key, stable_id
from app.models import ActorName
from app.seeding.schema import NameIn


def name_row(actor_id: str, name: NameIn) -> ActorName:
    """The row of one spelling, with its flags and whether an article or a reference gives it."""
    return ActorName(
        id=stable_id("name", actor_id, name.name, name.lang),
        actor_id=actor_id,
        name=name.name,
        lang=name.lang,
        kind=name.kind.value,
        misspelling=name.misspelling,
        transliteration=name.transliteration,
        origin=name.origin.value,
        search_key=fold(name.name),
        name_key=romanisation_key(name.name),
    )
