"""Builders of the import documents the importers emit (the shapes of issue 9: `dataset`
and `web` sources, `record` and `located` evidence, attributes as claims, places with
coordinates and gazetteer ids)."""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from app.importers.fields import FieldReport

Doc = dict[str, Any]
Row = dict[str, str | None]  # an input row: column → its text, None where blank


def row_documents(
    number: int,
    row: Row,
    problem: str | None,
    report: FieldReport,
    convert: Callable[[Row, FieldReport], Iterable[Doc]],
) -> Iterator[tuple[int, Doc]]:
    """A read row's documents, each with its line; a row with a problem is skipped instead."""
    if problem:
        report.skip(number, problem)
        return
    for name, cell in row.items():
        report.saw(name, cell is not None)
    yield from ((number, doc) for doc in convert(row, report))


Reader = Callable[[str], object]  # a cell's text → its value, None if unreadable


@dataclass(frozen=True)
class Dataset:
    """The input file as a `dataset` source: every imported fact cites a row of it."""

    id: str
    title: str
    version: str
    licence: str
    url: str | None = None

    def document(self) -> Doc:
        doc: Doc = {"record": "source", "id": self.id, "kind": "dataset", "title": self.title}
        doc |= {"version": self.version, "licence": self.licence, "language": "en"}
        return doc | ({"url": self.url} if self.url else {})

    def cite(self, row: str, column: str) -> Doc:
        """`record` evidence: this row's `column`."""
        return {"kind": "record", "source": self.id, "record": row, "field": column}

    def claim(self, prop: str, value: Any, row: str, column: str, **extra: Any) -> Doc:
        """An attribute of a declared property, sourced to the cell it came from."""
        evidence = [self.cite(row, column)]
        return {"property": prop, "value": value, "evidence": evidence, **extra}

    def claims(
        self, table: list[tuple[str, str, Reader]], row: Row, rid: str, report: FieldReport
    ) -> list[Doc]:
        """A claim per (column, attribute, reader) of `table` the row has a value for;
        a value that cannot be read is counted in the report and left out."""
        found = []
        for column, prop, read in table:
            cell = row.get(column)
            parsed = None if cell is None else read(cell)
            if cell is not None and parsed is None:
                report.bad(column)
            elif parsed is not None:
                found.append(self.claim(prop, parsed, rid, column))
        return found


def web_source_id(url: str) -> str:
    """The same URL always gives the same source id."""
    return "web-" + hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def web_source(
    url: str, *, outlet: str | None = None, language: str = "und", published: Doc | None = None
) -> Doc:
    """A `web` source: a document we do not hold, known by its URL."""
    title = outlet or urlsplit(url).hostname or url
    doc: Doc = {"record": "source", "id": web_source_id(url), "kind": "web", "url": url}
    doc |= {"title": title[:1000], "language": language}
    return doc | ({"published": published} if published else {})


def actor(
    actor_id: str, name: str, kind: str, evidence: list[Doc], claims: list[Doc], lang: str
) -> Doc:
    """An actor known by one name, as the dataset spells it (its origin: the dataset row)."""
    names = [{"name": name, "lang": lang, "kind": "canonical", "evidence": evidence}]
    doc: Doc = {"record": "actor", "id": actor_id, "kind": kind, "name": name, "names": names}
    return doc | {"evidence": evidence, "claims": claims}


def place(
    place_id: str,
    name: str,
    kind: str,
    evidence: list[Doc],
    *,
    part_of: str | None = None,
    gazetteer: dict[str, str] | None = None,
    point: tuple[float, float] | None = None,
    precision: str = "city",
) -> Doc:
    """A place in the hierarchy; coordinates (with the precision they have) and gazetteer
    ids are marked as the dataset's geocoding (`geo_origin: dataset`)."""
    doc: Doc = {"record": "place", "id": place_id, "name": name, "kind": kind}
    doc |= {"part_of": part_of} if part_of else {}
    doc |= {"gazetteer": gazetteer} if gazetteer else {}
    if point is not None:
        doc |= {"lat": point[0], "lon": point[1], "precision": precision}
    if point is not None or gazetteer:
        doc["geo_origin"] = "dataset"
    return doc | {"evidence": evidence}
