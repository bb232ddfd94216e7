"""The declared attributes: typed, sourced properties of events, actors and participations.

An attribute is a claim on a declared property, so it is sourced, ranked and listed among
the disagreements like any claim; its preferred (or only) value is also kept in the
`attribute_value` table, where filters, sorting, facets and aggregates read it.
"""

from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import Field, StringConstraints, TypeAdapter

from app.core.types import LongText
from app.core.vocab import AttributeType

CODE_LENGTH = 200  # the indexed column's width


@dataclass(frozen=True)
class Attribute:
    """One declared attribute: what it applies to, its value type and how it reads."""

    name: str
    applies_to: str  # event, actor or participation
    type: AttributeType
    label: str
    description: str
    unit: str | None = None

    @property
    def numeric(self) -> bool:
        return self.type in (AttributeType.NUMBER, AttributeType.INTEGER)


def _a(name: str, applies_to: str, kind: AttributeType, label: str, text: str) -> Attribute:
    return Attribute(name, applies_to, kind, label, text)


_I, _N, _C, _T = AttributeType.INTEGER, AttributeType.NUMBER, AttributeType.CODE, AttributeType.TEXT

ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("fatalities", "event", _I, "Fatalities", "Reported deaths.", "people"),
    _a("goldstein", "event", _N, "Goldstein scale", "GDELT GoldsteinScale, -10 to +10."),
    _a("tone", "event", _N, "Tone", "GDELT AvgTone of the documents mentioning the event."),
    _a("num_mentions", "event", _I, "Mentions", "GDELT NumMentions."),
    _a("num_sources", "event", _I, "Sources", "GDELT NumSources."),
    _a("num_articles", "event", _I, "Articles", "GDELT NumArticles."),
    _a("cameo_code", "event", _C, "CAMEO code", "The CAMEO event code (EventCode)."),
    _a("cameo_root", "event", _C, "CAMEO root", "The CAMEO root code (EventRootCode)."),
    _a("quad_class", "event", _C, "QuadClass", "GDELT QuadClass, 1 to 4."),
    _a("acled_event_type", "event", _C, "ACLED event type", "ACLED event_type."),
    _a("acled_sub_event_type", "event", _C, "ACLED sub-event type", "ACLED sub_event_type."),
    _a("interaction", "event", _C, "Interaction", "ACLED interaction code."),
    _a("geo_precision", "event", _I, "Geo precision", "ACLED geo_precision, 1 to 3."),
    _a("notes", "event", _T, "Notes", "A dataset's free-text notes on the event."),
    # The rest of an ACLED row (app/importers/acled_columns.py), so an import drops none of it.
    _a("disorder_type", "event", _C, "ACLED disorder type", "ACLED disorder_type (2023-)."),
    _a("civilian_targeting", "event", _C, "Civilian targeting", "ACLED civilian_targeting."),
    _a("acled_source", "event", _T, "ACLED sources", "The outlets ACLED coded the event from."),
    _a("acled_source_scale", "event", _C, "ACLED source scale", "ACLED source_scale."),
    _a("acled_tags", "event", _T, "ACLED tags", "ACLED tags (crowd size, …)."),
    _a("country_code", "actor", _C, "Country code", "CAMEO/ISO 3166 alpha-3 country."),
    _a("actor_type_code", "actor", _C, "Actor type code", "CAMEO actor type (GOV, MIL, …)."),
    _a("known_group_code", "actor", _C, "Known group code", "CAMEO known group code."),
    _a("ethnic_code", "actor", _C, "Ethnic code", "CAMEO ethnic code."),
    _a("religion_code", "actor", _C, "Religion code", "CAMEO religion code."),
    _a("acled_inter_code", "actor", _C, "ACLED inter code", "ACLED actor type, inter1/2."),
    _a("acled_inter_code", "participation", _C, "ACLED inter code", "The actor's ACLED type here."),
    _a("association", "participation", _C, "Association", "ACLED associated actor (assoc_actor)."),
)

_CODE = Annotated[
    str, StringConstraints(min_length=1, max_length=CODE_LENGTH, strip_whitespace=True)
]
_ADAPTERS: dict[AttributeType, TypeAdapter[Any]] = {
    AttributeType.INTEGER: TypeAdapter(Annotated[int, Field(strict=False)]),
    AttributeType.NUMBER: TypeAdapter(Annotated[float, Field(allow_inf_nan=False)]),
    AttributeType.CODE: TypeAdapter(_CODE),
    AttributeType.TEXT: TypeAdapter(Annotated[LongText, StringConstraints(min_length=1)]),
}


@cache
def declared(applies_to: str) -> dict[str, Attribute]:
    """The attributes of one record type, by name (none for other types)."""
    return {a.name: a for a in ATTRIBUTES if a.applies_to == applies_to}


def adapter(attribute: Attribute) -> TypeAdapter[Any]:
    """What checks and normalises a value of the attribute."""
    return _ADAPTERS[attribute.type]


def attribute_adapters(applies_to: str) -> dict[str, TypeAdapter[Any]]:
    return {name: adapter(a) for name, a in declared(applies_to).items()}
