"""ACLED CSV export → import documents; an event is `acled-<event_id_cnty>`, so importing
the file again, or a later export of the same events, replaces them rather than adding."""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO

from app.importers.acled_columns import (
    COLUMNS,
    GEO_PRECISION,
    INTER_LABELS,
    KINDS,
    KNOWN,
    REQUIRED,
    TIME_PRECISION,
)
from app.importers.documents import Dataset, Doc, Reader, Row, actor, place, row_documents
from app.importers.fields import Column, FieldReport
from app.importers.mappings import acled_event_type
from app.importers.rows import Decoded, code_slug, coordinates, slug, to_int, value

LICENCE = "ACLED Terms of Use: attribution to ACLED required; redistribution restricted"
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d/%m/%Y", "%d-%b-%y", "%d %b %Y")
EVENT_CLAIMS: list[tuple[str, str, Reader]] = [  # (column, attribute, reader)
    ("fatalities", "fatalities", to_int),
    ("event_type", "acled_event_type", str),
    ("sub_event_type", "acled_sub_event_type", str),
    ("disorder_type", "disorder_type", str),
    ("civilian_targeting", "civilian_targeting", str),
    ("geo_precision", "geo_precision", to_int),
    ("source", "acled_source", str),
    ("source_scale", "acled_source_scale", str),
    ("notes", "notes", str),
    ("tags", "acled_tags", str),
]


def dataset(stem: str) -> Dataset:
    return Dataset(f"acled-{code_slug(stem)}", f"ACLED export {stem}", "ACLED", LICENCE)


class Acled:
    """Converts the rows of one export, the older numeric form or the newer text form."""

    name = "acled"

    def __init__(self, source: Dataset):
        self.source = source
        self.columns: list[Column] = list(COLUMNS)
        self.lines: dict[str, int] = {}

    def documents(self, stream: IO[bytes], report: FieldReport) -> Iterator[tuple[int, Doc]]:
        decoded = Decoded()
        numbered = decoded.lines(stream)
        first = next(numbered, None)
        if first is None:
            report.skip(1, "the file is empty: no header")
            return
        header = [h.strip().lower() for h in next(csv.reader([first[1]], _dialect(first[1])))]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            report.skip(1, f"the header lacks {', '.join(missing)}")
            return
        self._extra_columns(header, report)
        yield 0, self.source.document()
        texts = (text + "\n" for _, text in numbered)
        reader = csv.reader(texts, _dialect(first[1]))
        ended = 1  # the line the previous row ended on (a quoted note may span lines)
        for cells in reader:
            number, ended = ended + 1, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            report.rows += 1
            if len(cells) != len(header):
                report.skip(number, f"{len(cells)} columns, the header has {len(header)}")
                continue
            row = {name: value(cell) for name, cell in zip(header, cells, strict=True)}
            yield from row_documents(number, row, self._problem(row, number), report, self._row)
        report.notes += decoded.notes()

    def _extra_columns(self, header: list[str], report: FieldReport) -> None:
        for name in header:
            if name not in KNOWN:
                self.columns.append(Column(name, dropped="not in the ACLED codebook"))
        present = set(header)
        self.columns = [c for c in self.columns if c.name in present]
        report.columns = self.columns

    def _problem(self, row: Row, number: int) -> str | None:
        event_id = row["event_id_cnty"]
        if event_id is None:
            return "event_id_cnty is blank"
        if _day(row["event_date"]) is None:
            return f"event_date {row['event_date']!r} is not a date"
        if acled_event_type(row["event_type"] or "", row.get("sub_event_type")) is None:
            return f"event_type {row['event_type']!r} is not an ACLED event type"
        first = self.lines.setdefault(event_id, number)
        return None if first == number else f"event_id_cnty {event_id} repeats line {first}"

    def _row(self, row: Row, report: FieldReport) -> Iterator[Doc]:
        rid = str(row["event_id_cnty"])
        participants: list[Doc] = []
        for n in (1, 2):
            yield from self._actors(row, n, rid, participants)
        places = list(self._places(row, rid, report))
        yield from places
        yield self._event(row, rid, participants, places[-1]["id"] if places else None, report)

    def _event(
        self, row: Row, rid: str, participants: list[Doc], place_id: str | None, report: FieldReport
    ) -> Doc:
        claims = self.source.claims(EVENT_CLAIMS, row, rid, report)
        interaction = _interaction(row.get("interaction"))
        if interaction:
            claims.append(self.source.claim("interaction", interaction, rid, "interaction"))
        kind = acled_event_type(str(row["event_type"]), row.get("sub_event_type"))
        title = " ".join(
            p
            for p in (
                row.get("sub_event_type") or row["event_type"],
                "—",
                row.get("location") or row.get("country"),
            )
            if p
        )
        doc: Doc = {"record": "event", "id": f"acled-{code_slug(rid)}", "title": title}
        doc |= {"event_type": str(kind), "modality": "occurred", "occurred": _occurred(row)}
        doc |= {"summary": row.get("notes") or "", "sources": [self.source.id]}
        doc |= {"evidence": [self.source.cite(rid, "event_id_cnty")]}
        doc |= {"participants": participants, "claims": claims}
        return doc | ({"place": place_id} if place_id else {})

    def _actors(self, row: Row, n: int, rid: str, participants: list[Doc]) -> Iterator[Doc]:
        name, inter = row.get(f"actor{n}"), _inter(row.get(f"inter{n}"))
        if name is None:
            return
        kind = KINDS.get((inter or "").casefold(), "organisation")
        found = self._actor(name, kind, rid, f"actor{n}", inter, f"inter{n}")
        yield found
        self._join(participants, found["id"], rid, f"actor{n}", inter, f"inter{n}", None)
        for assoc in (row.get(f"assoc_actor_{n}") or "").split(";"):
            if assoc.strip():
                other = self._actor(assoc.strip(), "group", rid, f"assoc_actor_{n}", None, "")
                yield other
                self._join(
                    participants, other["id"], rid, f"assoc_actor_{n}", None, "", f"actor{n}"
                )

    def _actor(
        self, name: str, kind: str, rid: str, column: str, inter: str | None, inter_col: str
    ) -> Doc:
        claims = [self.source.claim("acled_inter_code", inter, rid, inter_col)] if inter else []
        ev = [self.source.cite(rid, column)]
        return actor(f"acled-actor-{slug(name, 60)}", name, kind, ev, claims, "en")

    def _join(
        self,
        participants: list[Doc],
        actor_id: str,
        rid: str,
        column: str,
        inter: str | None,
        inter_col: str,
        association: str | None,
    ) -> None:
        if any(p["actor"] == actor_id for p in participants):
            return  # one actor named twice in a row takes part once
        claims = [self.source.claim("acled_inter_code", inter, rid, inter_col)] if inter else []
        if association:
            claims.append(self.source.claim("association", association, rid, column))
        ev = [self.source.cite(rid, column)]
        participants.append({"actor": actor_id, "role": "actor", "evidence": ev, "claims": claims})

    def _places(self, row: Row, rid: str, report: FieldReport) -> Iterator[Doc]:
        """country → admin1 → admin2 → admin3 → location, each inside the one before; ids
        from the names along the path, since ACLED gives names, not codes."""
        country = row.get("country")
        if country is None:
            return
        path, parent = [country], f"geo-acled-{slug(country, 40)}"
        yield place(parent, country, "country", [self.source.cite(rid, "country")])
        for column in ("admin1", "admin2", "admin3"):
            name = row.get(column)
            if name:
                path.append(name)
                here = f"geo-acled-{slug('/'.join(path), 40)}"
                ev = [self.source.cite(rid, column)]
                yield place(here, name, "region", ev, part_of=parent)
                parent = here
        location = row.get("location")
        if location:
            point = coordinates(row.get("latitude"), row.get("longitude"))
            if point is None and (row.get("latitude") or row.get("longitude")):
                report.bad("latitude")
            precision = GEO_PRECISION.get(row.get("geo_precision") or "", "city")
            place_id = f"geo-acled-{slug('/'.join([*path, location]), 40)}"
            ev = [self.source.cite(rid, "location")]
            yield place(
                place_id, location, "city", ev, part_of=parent, point=point, precision=precision
            )


def _dialect(header: str) -> type[csv.Dialect]:
    """ACLED writes commas; a spreadsheet resaved in some locales writes semicolons."""
    return _Semicolon if header.count(";") > header.count(",") else csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


def _day(text: str | None) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text or "", fmt).date()
        except ValueError:
            continue
    return None


def _occurred(row: Row) -> dict[str, str]:
    spec = {"value": str(_day(row["event_date"])), "precision": "day"}
    code = row.get("time_precision")
    if code in ("2", "3"):
        spec["as_reported"] = f"ACLED time_precision {code}: " + (
            "within the week" if code == "2" else "within the month"
        )
    return (
        spec
        | ({"precision": TIME_PRECISION[code]} if code == "3" else {})
        | ({"value": str(_day(row["event_date"]))[:7]} if code == "3" else {})
    )


def _inter(text: str | None) -> str | None:
    """The codebook's label for an actor type: numbers (older exports) to labels."""
    if text is None:
        return None
    if text in ("0", "0.0"):  # older exports: no second actor
        return None
    return INTER_LABELS.get(text.split(".")[0], text) if text[0].isdigit() else text


def _interaction(text: str | None) -> str | None:
    """ "13" (older) and "State forces-Political militia" (newer) alike, as labels."""
    if text is None or not text.isdigit():
        return text
    first, second = INTER_LABELS.get(text[0]), INTER_LABELS.get(text[1:2])
    if first is None:
        return text
    return f"{first}-{second}" if second else f"{first} only"
