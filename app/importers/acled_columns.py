"""The columns of an ACLED export and where each goes; both the older form (numeric
`inter1`/`interaction`, `event_id_no_cnty`, `data_id`, `iso3`) and the newer (since March
2023: text actor types, `disorder_type`, `civilian_targeting`, `tags`).

Columns and codes: the ACLED Codebook (2023) and "Guide to 2023 ACLED column changes",
https://acleddata.com/knowledge-base/guide-to-2023-acled-column-changes
"""

from app.importers.fields import Column

COLUMNS: list[Column] = [
    Column("event_id_cnty", "event id acled-<id>; record id of every evidence item"),
    Column("event_date", "event occurred (day)"),
    Column("year", dropped="derived from event_date"),
    Column("time_precision", "event occurred precision (1 day, 2 week, 3 month)"),
    Column("disorder_type", "event attribute disorder_type"),
    Column("event_type", "event attribute acled_event_type; event_type by the ACLED mapping"),
    Column("sub_event_type", "event attribute acled_sub_event_type; event_type by the mapping"),
    Column("actor1", "actor (name) and participant"),
    Column("assoc_actor_1", "actors and participants with attribute association=actor1"),
    Column("inter1", "actor and participant attribute acled_inter_code (codebook label)"),
    Column("actor2", "actor (name) and participant"),
    Column("assoc_actor_2", "actors and participants with attribute association=actor2"),
    Column("inter2", "actor and participant attribute acled_inter_code (codebook label)"),
    Column("interaction", "event attribute interaction (codebook labels)"),
    Column("civilian_targeting", "event attribute civilian_targeting"),
    Column("iso", dropped="ISO 3166 numeric: the gazetteer takes alpha-2 codes; the name stays"),
    Column("iso3", dropped="ISO 3166 alpha-3: the gazetteer takes alpha-2 codes; the name stays"),
    Column("region", dropped="ACLED's world region: no place of ours holds countries"),
    Column("country", "country place"),
    Column("admin1", "region place (ADM1) in the country"),
    Column("admin2", "region place (ADM2) in ADM1"),
    Column("admin3", "region place (ADM3) in ADM2"),
    Column("location", "city place in the lowest admin level; the event's place"),
    Column("latitude", "location place lat"),
    Column("longitude", "location place lon"),
    Column("geo_precision", "event attribute geo_precision; location place precision"),
    Column("source", "event attribute acled_source (the outlets ACLED coded it from)"),
    Column("source_scale", "event attribute acled_source_scale"),
    Column("notes", "event summary and attribute notes"),
    Column("fatalities", "event attribute fatalities"),
    Column("tags", "event attribute acled_tags"),
    Column("timestamp", dropped="when ACLED last changed the row, not the event"),
    Column("event_id_no_cnty", dropped="the number in event_id_cnty (older exports)"),
    Column("data_id", dropped="a row number ACLED changes at each release (older exports)"),
]
KNOWN = {c.name for c in COLUMNS}
REQUIRED = ("event_id_cnty", "event_date", "event_type")

# Older exports code actor types as numbers; newer ones write the codebook's labels.
INTER_LABELS = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
KINDS = {  # actor type label → our actor kind
    "state forces": "government_body",
    "rebel group": "organisation",
    "political militia": "organisation",
    "identity militia": "group",
    "rioters": "group",
    "protesters": "group",
    "civilians": "group",
    "external/other forces": "organisation",
}
TIME_PRECISION = {"1": "day", "2": "day", "3": "month"}  # a week has no precision of ours
# 1: the town itself; 2: a town near or part of the named area; 3: a larger region's centre.
GEO_PRECISION = {"1": "city", "2": "city", "3": "region"}
