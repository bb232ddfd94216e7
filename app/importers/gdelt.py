"""GDELT 2.0 events export (tab-separated, 61 columns, no header) → import documents.

An event is `gdelt-<GLOBALEVENTID>`, so importing the file again (or a later export that
repeats the event) replaces that event rather than adding one. Actors are known by their
code and name together ("USAGOV" + "OBAMA"); the codes become attributes, never
identifiers, since many actors share them.
"""

from collections.abc import Iterator
from datetime import date
from typing import IO

from app.importers.documents import (
    Dataset,
    Doc,
    Reader,
    Row,
    actor,
    place,
    row_documents,
    web_source,
    web_source_id,
)
from app.importers.fields import FieldReport
from app.importers.gdelt_columns import EVENT_COLUMNS, GEO_TYPES, NAMES, TYPE_KINDS
from app.importers.mappings import CAMEO_CODES, CAMEO_ROOTS, cameo_event_type
from app.importers.rows import Decoded, code_slug, coordinates, slug, to_float, to_int, value

LICENCE = "GDELT: free and open for any use, with citation of the GDELT Project"
EVENT_CLAIMS: list[tuple[str, str, Reader]] = [  # (column, attribute, reader)
    ("EventCode", "cameo_code", str),
    ("EventRootCode", "cameo_root", str),
    ("QuadClass", "quad_class", str),
    ("GoldsteinScale", "goldstein", to_float),
    ("NumMentions", "num_mentions", to_int),
    ("NumSources", "num_sources", to_int),
    ("NumArticles", "num_articles", to_int),
    ("AvgTone", "tone", to_float),
]
ACTOR_CLAIMS = [  # (column suffix, attribute)
    ("CountryCode", "country_code"),
    ("KnownGroupCode", "known_group_code"),
    ("EthnicCode", "ethnic_code"),
    ("Religion1Code", "religion_code"),
    ("Religion2Code", "religion_code"),
    ("Type1Code", "actor_type_code"),
    ("Type2Code", "actor_type_code"),
    ("Type3Code", "actor_type_code"),
]


def dataset(stem: str) -> Dataset:
    return Dataset(
        f"gdelt-events-{code_slug(stem)}", f"GDELT 2.0 Events export {stem}", "2.0", LICENCE
    )


class GdeltEvents:
    """Converts the rows of one export; emits each actor, place and URL once."""

    name = "gdelt-events"
    columns = EVENT_COLUMNS

    def __init__(self, source: Dataset):
        self.source = source
        self.lines: dict[int, int] = {}  # GLOBALEVENTID → the line it was first read on

    def documents(self, stream: IO[bytes], report: FieldReport) -> Iterator[tuple[int, Doc]]:
        decoded = Decoded()
        yield 0, self.source.document()
        for number, text in decoded.lines(stream):
            if not text.strip():
                continue
            report.rows += 1
            cells = text.split("\t")
            if len(cells) != len(NAMES):
                report.skip(number, f"{len(cells)} tab-separated columns, not {len(NAMES)}")
                continue
            row = {name: value(cell) for name, cell in zip(NAMES, cells, strict=True)}
            yield from row_documents(number, row, self._problem(row, number), report, self._row)
        report.notes += decoded.notes()

    def _problem(self, row: Row, number: int) -> str | None:
        event_id = row["GLOBALEVENTID"]
        if event_id is None or not event_id.isdigit():
            return f"GLOBALEVENTID {event_id!r} is not a number"
        if _day(row["SQLDATE"]) is None:
            return f"SQLDATE {row['SQLDATE']!r} is not a date (YYYYMMDD)"
        if cameo_event_type(row["EventCode"] or "") is None:
            return f"EventCode {row['EventCode']!r} is no CAMEO event code"
        first = self.lines.setdefault(int(event_id), number)
        return None if first == number else f"GLOBALEVENTID {event_id} repeats line {first}"

    def _row(self, row: Row, report: FieldReport) -> Iterator[Doc]:
        rid = str(row["GLOBALEVENTID"])
        participants = []
        for n, role in ((1, "actor"), (2, "subject")):
            found = self._actor(row, n, rid)
            if found is not None:
                yield found
                ev = [self.source.cite(rid, f"Actor{n}Name")]
                participants.append({"actor": found["id"], "role": role, "evidence": ev})
        places = self._places(row, rid, report)
        yield from places
        sources = [self.source.id]
        url = row["SOURCEURL"]
        if url:
            yield web_source(url)
            sources.append(web_source_id(url))
        yield self._event(
            row, rid, participants, places[-1]["id"] if places else None, sources, report
        )

    def _event(
        self,
        row: Row,
        rid: str,
        participants: list[Doc],
        place_id: str | None,
        sources: list[str],
        report: FieldReport,
    ) -> Doc:
        code = str(row["EventCode"])
        claims = self.source.claims(EVENT_CLAIMS, row, rid, report)
        label = _cameo_label(code)
        names = [row["Actor1Name"], label, row["Actor2Name"]]
        doc: Doc = {
            "record": "event",
            "id": f"gdelt-{rid}",
            "title": " ".join(n for n in names if n),
        }
        doc |= {"event_type": str(cameo_event_type(code)), "modality": "occurred"}
        doc |= {"occurred": {"value": str(_day(row["SQLDATE"])), "precision": "day"}}
        doc |= {"sources": sources, "evidence": [self.source.cite(rid, "GLOBALEVENTID")]}
        doc |= {"participants": participants, "claims": claims}
        return doc | ({"place": place_id} if place_id else {})

    def _actor(self, row: Row, n: int, rid: str) -> Doc | None:
        a = f"Actor{n}"
        code, name = row[f"{a}Code"], row[f"{a}Name"]
        if name is None:
            return None
        actor_id = f"gdelt-actor-{code_slug(code or 'none')}-{slug(name, 40)}"
        claims = []
        seen: set[str] = set()
        for suffix, prop in ACTOR_CLAIMS:
            cell = row[f"{a}{suffix}"]
            if cell is None:
                continue
            rank = "normal" if prop in seen else "preferred"
            seen.add(prop)
            claims.append(self.source.claim(prop, cell, rid, f"{a}{suffix}", rank=rank))
        types = [row[f"{a}Type{i}Code"] for i in (1, 2, 3)]
        kind = next((TYPE_KINDS[t] for t in types if t in TYPE_KINDS), None)
        if kind is None:
            bare = code is not None and code == row[f"{a}CountryCode"] and not any(types)
            kind = "state" if bare else "organisation"
        ev = [self.source.cite(rid, f"{a}Name")]
        return actor(actor_id, name, kind, ev, claims, "en")

    def _places(self, row: Row, rid: str, report: FieldReport) -> list[Doc]:
        """ActionGeo as country → ADM1 → city; the last is the event's place and holds the
        coordinates (GDELT gives them for the finest level it names)."""
        geo = GEO_TYPES.get(row["ActionGeo_Type"] or "")
        full, country = row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]
        if geo is None or full is None or country is None:
            return []
        parts = [p.strip() for p in full.split(",") if p.strip()]
        ev = [self.source.cite(rid, "ActionGeo_FullName")]
        country_id = f"geo-fips-{code_slug(country)}"
        found = [place(country_id, parts[-1], "country", ev, gazetteer={"fips": country})]
        adm1 = row["ActionGeo_ADM1Code"]
        if geo[0] != "country" and adm1 and adm1 != country and len(parts) >= 2:
            name = parts[0] if geo[0] == "region" else (parts[-2] if len(parts) >= 3 else adm1)
            region = place(
                f"geo-adm1-{code_slug(adm1)}",
                name,
                "region",
                ev,
                gazetteer={"adm1": adm1},
                part_of=country_id,
            )
            found.append(region)
        if geo[0] == "city":
            feature = row["ActionGeo_FeatureID"] or slug(parts[0])
            adm2 = row["ActionGeo_ADM2Code"]
            gazetteer = {"gdelt_feature": feature} | ({"adm2": adm2} if adm2 else {})
            city_id = f"geo-gdelt-feature-{code_slug(feature)}"
            found.append(
                place(city_id, parts[0], "city", ev, gazetteer=gazetteer, part_of=found[-1]["id"])
            )
        point = coordinates(row["ActionGeo_Lat"], row["ActionGeo_Long"])
        if point is None and (row["ActionGeo_Lat"] or row["ActionGeo_Long"]):
            report.bad("ActionGeo_Lat")
        if point is not None:
            found[-1] |= {"lat": point[0], "lon": point[1], "precision": geo[1]}
            found[-1]["geo_origin"] = "dataset"
        return found


def _day(text: str | None) -> date | None:
    if text is None or len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _cameo_label(code: str) -> str:
    for length in (4, 3):
        if code[:length] in CAMEO_CODES:
            return CAMEO_CODES[code[:length]][0].lower()
    return CAMEO_ROOTS[code[:2]][0].lower()
