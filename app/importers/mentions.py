"""GDELT 2.0 mentions (tab-separated, 16 columns, no header) → `located` evidence on the
events an events export brought in, each citing a `web` source: the mention's URL.

A mention adds to its stored event; an event not stored yet is reported, not invented.
Importing the file again finds each item already there: nothing changes.

Columns: "GDELT 2.0 Event Database Codebook", the Mentions table,
http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf
"""

from collections import defaultdict
from collections.abc import Iterator
from typing import IO, NamedTuple

from sqlmodel import Session

from app.importers.documents import Dataset, Doc, web_source
from app.importers.fields import Column, FieldReport
from app.importers.gdelt import LICENCE
from app.importers.rows import Decoded, code_slug, to_int, value
from app.importers.stored import evidence_key, stored_events

_OFFSET = "a single character position: located evidence takes a sentence or a span"
_NO_HOME = "no declared attribute for a mention"
COLUMNS = [
    Column("GLOBALEVENTID", "the event gdelt-<id> the evidence is added to"),
    Column("EventTimeDate", dropped="the event's time, which the events export gives"),
    Column("MentionTimeDate", "web source published (minute, UTC)"),
    Column("MentionType", "1 (web) gives a URL; other types are skipped: no URL to cite"),
    Column("MentionSourceName", "web source title (the outlet)"),
    Column("MentionIdentifier", "web source url (the source id derives from it)"),
    Column("SentenceID", "located evidence sentence (a row without one is skipped)"),
    Column("Actor1CharOffset", dropped=_OFFSET),
    Column("Actor2CharOffset", dropped=_OFFSET),
    Column("ActionCharOffset", dropped=_OFFSET),
    Column("InRawText", dropped=_NO_HOME),
    Column("Confidence", dropped=_NO_HOME),
    Column("MentionDocLen", dropped=_NO_HOME),
    Column("MentionDocTone", dropped=_NO_HOME),
    Column("MentionDocTranslationInfo", "web source language (srclc), else und"),
    Column("Extras", dropped="reserved by GDELT; empty"),
]
NAMES = [c.name for c in COLUMNS]
EVENTS_PER_READ = 500


class Mention(NamedTuple):
    """What a mention row keeps while the whole file is read: a few short strings."""

    line: int
    url: str
    outlet: str | None
    published: str | None
    language: str
    sentence: int


def dataset(stem: str) -> Dataset:
    return Dataset(
        f"gdelt-mentions-{code_slug(stem)}", f"GDELT 2.0 Mentions {stem}", "2.0", LICENCE
    )


class GdeltMentions:
    """Reads the whole file (mentions of one event are scattered), then adds each event's."""

    name = "gdelt-mentions"
    columns = COLUMNS

    def __init__(self, source: Dataset, session: Session):
        self.source, self.session = source, session

    def documents(self, stream: IO[bytes], report: FieldReport) -> Iterator[tuple[int, Doc]]:
        by_event: dict[str, list[Mention]] = defaultdict(list)
        for number, text in Decoded().lines(stream):
            if not text.strip():
                continue
            report.rows += 1
            found = self._row(number, text, report)
            if found is not None:
                by_event[f"gdelt-{found[0]}"].append(found[1])
        yield 0, self.source.document()
        ids = list(by_event)
        for at in range(0, len(ids), EVENTS_PER_READ):
            part = ids[at : at + EVENTS_PER_READ]
            stored = stored_events(self.session, part)
            for event_id in part:
                yield from self._event(event_id, stored.get(event_id), by_event[event_id], report)

    def _row(self, number: int, text: str, report: FieldReport) -> tuple[str, Mention] | None:
        cells = text.split("\t")
        if len(cells) not in (len(NAMES), len(NAMES) - 1):  # older files lack Extras
            report.skip(number, f"{len(cells)} tab-separated columns, not {len(NAMES)}")
            return None
        row = {name: value(cell) for name, cell in zip(NAMES, cells, strict=False)}
        event_id, url = row["GLOBALEVENTID"], row["MentionIdentifier"] or ""
        if event_id is None or not event_id.isdigit():
            report.skip(number, f"GLOBALEVENTID {event_id!r} is not a number")
            return None
        if row["MentionType"] != "1" or not url.startswith(("http://", "https://")):
            report.skip(number, f"mention type {row['MentionType']} gives no URL to cite")
            return None
        sentence = to_int(row["SentenceID"])
        if sentence is None:  # located evidence points at a sentence; a mention gives no span
            report.skip(number, f"SentenceID {row['SentenceID']!r}: no sentence to locate")
            return None
        for name, cell in row.items():
            report.saw(name, cell is not None)
        published, outlet = row["MentionTimeDate"], row["MentionSourceName"]
        return event_id, Mention(number, url, outlet, published, _language(row), sentence)

    def _event(
        self,
        event_id: str,
        stored: Doc | None,
        rows: list[Mention],
        report: FieldReport,
    ) -> Iterator[tuple[int, Doc]]:
        if stored is None:
            for mention in rows:
                report.skip(
                    mention.line, f"event {event_id} is not stored: import its events export first"
                )
            return
        doc = {"record": "event", **stored}
        have = {evidence_key(item) for item in doc["evidence"]}
        if self.source.id not in doc["sources"]:
            doc["sources"].append(self.source.id)
        for mention in rows:
            published = _published(mention.published)
            web = web_source(
                mention.url, outlet=mention.outlet, language=mention.language, published=published
            )
            yield mention.line, web
            item: Doc = {"kind": "located", "source": web["id"]}
            item |= {"sentence": mention.sentence}
            if evidence_key(item) not in have:
                doc["evidence"].append(item)
                have.add(evidence_key(item))
            if item["source"] not in doc["sources"]:
                doc["sources"].append(item["source"])
        yield rows[0].line, doc


def _language(row: dict[str, str | None]) -> str:
    """srclc:fra;eng:… names the original language of a translated article."""
    info = row.get("MentionDocTranslationInfo") or ""
    for part in info.split(";"):
        if part.startswith("srclc:") and part[6:].isalpha():
            return part[6:]
    return "en"


def _published(text: str | None) -> dict[str, str] | None:
    """YYYYMMDDHHMMSS (UTC) as a time at minute precision."""
    if text is None or len(text) != 14 or not text.isdigit():
        return None
    value = f"{text[:4]}-{text[4:6]}-{text[6:8]}T{text[8:10]}:{text[10:12]}"
    return {"value": value, "precision": "minute", "timezone": "UTC"}
