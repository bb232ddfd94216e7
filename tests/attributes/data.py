"""An ACLED/GDELT-shaped import document: a dataset source, a web source, coded actors and
events carrying attribute claims, with record and located evidence."""

from datetime import date, timedelta
from typing import Any

DATASET = "acled-test"
WEB = "web-page-one"
ACTORS = {  # id -> (kind, country_code)
    "test-kor-state": ("state", "KOR"),
    "test-kor-militia": ("group", "KOR"),
    "test-usa-state": ("state", "USA"),
}
TYPES = ("protest", "assault", "coerce")
EVENTS = 12
PLACES = {  # id -> (kind, part_of): ACLED-like city → admin2 → admin1 → country, GDELT-like
    "test-land": ("country", None),  # city → ADM1 → country, a city right in a country
    "test-north": ("region", "test-land"),
    "test-north-east": ("region", "test-north"),
    "test-port": ("city", "test-north-east"),
    "test-capital": ("city", "test-land"),
    "test-other": ("country", None),
    "test-south": ("region", "test-other"),
    "test-town": ("city", "test-south"),
}
# Written out by hand, not derived: each place's region (ADM1) and country.
ENCLOSING = {
    "test-land": (None, "test-land"),
    "test-north": ("test-north", "test-land"),
    "test-north-east": ("test-north", "test-land"),
    "test-port": ("test-north", "test-land"),
    "test-capital": (None, "test-land"),
    "test-other": (None, "test-other"),
    "test-south": ("test-south", "test-other"),
    "test-town": ("test-south", "test-other"),
    None: (None, None),
}
# Event i is at AT[i % len(AT)]: every level of both chains, and nowhere.
AT: tuple[str | None, ...] = (
    "test-port",
    "test-north-east",
    "test-north",
    "test-land",
    None,
    "test-capital",
    "test-town",
    "test-south",
)


def record_evidence(row: str, field: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": "record", "source": DATASET, "record": row}
    if field is not None:
        item["field"] = field
    return item


def event_facts(i: int) -> dict[str, Any]:
    """What event `i` holds: date, type, fatalities (None for some), codes and actors."""
    return {
        "id": f"acled-ev-{i:02d}",
        "day": date(2024, 1, 25) + timedelta(days=4 * i),
        "event_type": TYPES[i % 3],
        "fatalities": None if i % 5 == 4 else (i * 7) % 11,
        "goldstein": round(-5 + i * 0.75, 2),
        "sub_event": "Armed clash" if i % 2 else "Peaceful protest",
        "actors": ["test-kor-state", "test-usa-state"] if i % 3 == 0 else ["test-kor-militia"],
        "place": AT[i % len(AT)],
    }


def _source_records() -> list[dict[str, Any]]:
    return [
        {
            "record": "source",
            "id": DATASET,
            "kind": "dataset",
            "title": "ACLED test export",
            "version": "2024-03-01",
            "licence": "ACLED terms of use",
            "url": "https://example.org/acled.csv",
            "language": "en",
        },
        {
            "record": "source",
            "id": WEB,
            "kind": "web",
            "title": "A page we do not hold",
            "url": "https://example.org/news/1",
            "language": "en",
        },
    ]


def _actor(actor_id: str, kind: str, country: str) -> dict[str, Any]:
    name = actor_id.replace("-", " ").title()
    return {
        "record": "actor",
        "id": actor_id,
        "kind": kind,
        "name": name,
        "names": [{"name": name, "lang": "en", "kind": "canonical", "origin": "reference"}],
        "evidence": [record_evidence(f"actor-{actor_id}")],
        "claims": [
            {"property": "country_code", "value": country, "evidence": [record_evidence("A")]}
        ],
    }


def _event(i: int) -> dict[str, Any]:
    facts = event_facts(i)
    row = f"KOR{i:04d}"
    claims: list[dict[str, Any]] = [
        {"property": "goldstein", "value": facts["goldstein"], "evidence": [record_evidence(row)]},
        {
            "property": "acled_sub_event_type",
            "value": facts["sub_event"],
            "evidence": [record_evidence(row, "sub_event_type")],
        },
    ]
    if facts["fatalities"] is not None:
        evidence = [record_evidence(row, "fatalities")]
        claims.append(
            {"property": "fatalities", "value": facts["fatalities"], "evidence": evidence}
        )
    return {
        "record": "event",
        "id": facts["id"],
        "title": f"Test event {i}",
        "event_type": facts["event_type"],
        "modality": "occurred",
        "occurred": {"value": facts["day"].isoformat(), "precision": "day"},
        "sources": [DATASET, WEB],
        "evidence": [
            record_evidence(row),
            {"kind": "located", "source": WEB, "sentence": i},
            {"kind": "located", "source": WEB, "start": 10 * i, "end": 10 * i + 5},
        ],
        "participants": [
            {"actor": a, "role": "actor", "evidence": [record_evidence(row, "actor1")]}
            for a in facts["actors"]
        ],
        "claims": claims,
    } | ({"place": facts["place"]} if facts["place"] else {})


def _place(place_id: str, kind: str, part_of: str | None) -> dict[str, Any]:
    name = place_id.removeprefix("test-").title()
    doc = {"record": "place", "id": place_id, "name": name, "kind": kind}
    return (
        doc
        | {"evidence": [record_evidence(f"place-{place_id}")]}
        | ({"part_of": part_of} if part_of else {})
    )


def document() -> list[dict[str, Any]]:
    actors = [_actor(a, kind, country) for a, (kind, country) in ACTORS.items()]
    places = [_place(p, kind, part_of) for p, (kind, part_of) in PLACES.items()]
    return [*_source_records(), *places, *actors, *(_event(i) for i in range(EVENTS))]
