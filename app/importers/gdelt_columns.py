"""The 61 columns of a GDELT 2.0 events export, in order, and where each goes.

Column order and meanings: "The GDELT Event Database Data Format Codebook V2.0" (2015),
http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf
"""

from app.importers.fields import Column

_ACTOR_GEO = "where GDELT placed this actor: a participant has no place of its own"


def _actor(n: int) -> list[Column]:
    a = f"Actor{n}"
    return [
        Column(f"{a}Code", "part of the actor id (with the name)"),
        Column(f"{a}Name", "actor name (canonical, origin: this row)"),
        Column(f"{a}CountryCode", "actor attribute country_code"),
        Column(f"{a}KnownGroupCode", "actor attribute known_group_code"),
        Column(f"{a}EthnicCode", "actor attribute ethnic_code"),
        Column(f"{a}Religion1Code", "actor attribute religion_code (preferred)"),
        Column(f"{a}Religion2Code", "actor attribute religion_code (second value)"),
        Column(f"{a}Type1Code", "actor attribute actor_type_code (preferred); actor kind"),
        Column(f"{a}Type2Code", "actor attribute actor_type_code (second value)"),
        Column(f"{a}Type3Code", "actor attribute actor_type_code (third value)"),
    ]


def _geo(prefix: str, dropped: str | None) -> list[Column]:
    if dropped:
        names = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long"]
        return [Column(f"{prefix}_{n}", dropped=dropped) for n in [*names, "FeatureID"]]
    return [
        Column(f"{prefix}_Type", "place kind and precision"),
        Column(f"{prefix}_FullName", "place names (city, region, country)"),
        Column(f"{prefix}_CountryCode", "country place, gazetteer fips"),
        Column(f"{prefix}_ADM1Code", "region place, gazetteer adm1"),
        Column(f"{prefix}_ADM2Code", "place gazetteer adm2"),
        Column(f"{prefix}_Lat", "place lat"),
        Column(f"{prefix}_Long", "place lon"),
        Column(f"{prefix}_FeatureID", "city place id, gazetteer gdelt_feature"),
    ]


EVENT_COLUMNS: list[Column] = [
    Column("GLOBALEVENTID", "event id gdelt-<id>; record id of every evidence item"),
    Column("SQLDATE", "event occurred (day)"),
    Column("MonthYear", dropped="derived from SQLDATE"),
    Column("Year", dropped="derived from SQLDATE"),
    Column("FractionDate", dropped="derived from SQLDATE"),
    *_actor(1),
    *_actor(2),
    Column("IsRootEvent", dropped="no declared attribute: a property of GDELT's parse"),
    Column("EventCode", "event attribute cameo_code; event_type by the CAMEO mapping"),
    Column("EventBaseCode", dropped="the first three digits of EventCode"),
    Column("EventRootCode", "event attribute cameo_root"),
    Column("QuadClass", "event attribute quad_class"),
    Column("GoldsteinScale", "event attribute goldstein"),
    Column("NumMentions", "event attribute num_mentions"),
    Column("NumSources", "event attribute num_sources"),
    Column("NumArticles", "event attribute num_articles"),
    Column("AvgTone", "event attribute tone"),
    *_geo("Actor1Geo", _ACTOR_GEO),
    *_geo("Actor2Geo", _ACTOR_GEO),
    *_geo("ActionGeo", None),
    Column("DATEADDED", dropped="when GDELT processed the row, not when the event happened"),
    Column("SOURCEURL", "a web source of the event (url)"),
]
NAMES = [c.name for c in EVENT_COLUMNS]
INDEX = {name: i for i, name in enumerate(NAMES)}
assert len(NAMES) == 61  # noqa: S101 - the codebook's count; a typo above would shift all

# GDELT's actor type codes (CAMEO actor codebook) → our actor kind; no type code: a state
# when the code is a bare country code, else an organisation.
TYPE_KINDS = {
    "GOV": "government",
    "MIL": "government_body",
    "COP": "government_body",
    "JUD": "government_body",
    "LEG": "government_body",
    "SPY": "government_body",
    "IGO": "international_organisation",
    "MED": "media_outlet",
    "JRN": "person",
}
GEO_TYPES = {  # ActionGeo_Type → (place kind, precision)
    "1": ("country", "country"),
    "2": ("region", "region"),
    "3": ("city", "city"),
    "4": ("city", "city"),
    "5": ("region", "region"),
}
