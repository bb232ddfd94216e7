"""The record types this API serves: the one place that lists them all.

`create_app()` and the CLI build this registry and install it; each type's declaration
lives in its own package (`app/<domain>/record.py`).
"""

from collections.abc import Iterable

from app.actors.record import ACTOR, ACTOR_NAME
from app.core.registry import RecordType, Registry
from app.events.record import EVENT, EVENT_LINK
from app.places.record import PLACE
from app.provenance.record import CLAIM, EVIDENCE_TYPE
from app.quotes.record import QUOTE
from app.relations.record import PARTICIPATION, RELATIONSHIP
from app.sources.record import SOURCE


def build_registry(extra: Iterable[RecordType] = ()) -> Registry:
    """Every record type, plus `extra` ones (a plug-in's or a test's)."""
    return Registry(
        [
            EVENT,
            ACTOR,
            SOURCE,
            PARTICIPATION,
            RELATIONSHIP,
            QUOTE,
            PLACE,
            CLAIM,
            EVIDENCE_TYPE,
            ACTOR_NAME,
            EVENT_LINK,
            *extra,
        ]
    )
