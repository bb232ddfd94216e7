"""A realistic synthetic data set in the import format, at any size, streamed.

`python -m bench.generate --events N --out FILE [--seed S]` writes NDJSON that
`python -m app import FILE` loads: media outlets, a few rosters (articles introducing the
actors), actors with aliases in Latin and Hangul or Cyrillic script, places, then block by
block the articles and the events they report (1-5 events an article, 2-6 participants an
event); relationships follow the roster of their actors. Every excerpt is cut from its
article at its offsets. Actors are drawn with a heavy tail (a few take part in very many
events); dates come at year, month, day and minute precision.

Each record is written as soon as it is made and forgotten, so memory stays flat at any N;
records only cite records written before them, so an import streams it without deferring.
"""

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import IO, Any

PREFIX = "g"
ROSTER_SIZE = 40  # actors introduced by one roster article
_LATIN = ["ka", "min", "jo", "seo", "lee", "park", "han", "yun", "sung", "ho", "ri", "chan"]
_HANGUL = ["가", "민", "조", "서", "이", "박", "한", "윤", "성", "호", "리", "찬"]
_CYRILLIC = ["ка", "мин", "джо", "со", "ли", "пак", "хан", "юн", "сон", "хо", "ри", "чан"]  # noqa: RUF001
_EVENT_TYPES = ["consult", "agree", "statement", "request", "cooperate", "support", "accuse"]
_ROLES = ["attendee", "host", "requester", "decision_maker", "speaker", "subject", "critic"]
_VERBS = {
    "consult": "met",
    "agree": "agreed with",
    "statement": "issued a statement with",
    "request": "asked",
    "cooperate": "signed an agreement with",
    "support": "backed",
    "accuse": "criticised",
}
_FILLER = (
    "Officials familiar with the talks said the discussions covered trade, security and "
    "the exchange of delegations, and that further meetings were planned for the coming "
    "months. Observers noted that the tone had been cordial throughout. "
)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


@dataclass
class Article:
    """An article being written: its text so far, and excerpts cut from it."""

    id: str
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def write(self, text: str) -> dict[str, Any]:
        """Append `text`; the evidence citing exactly it."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return {"source": self.id, "excerpt": text, "start": start, "end": self.length}

    def cite(self, before: str, text: str, after: str) -> dict[str, Any]:
        self.write(before)
        evidence = self.write(text)
        self.write(after)
        return evidence

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    """The records of one data set of `events` events, drawn from one seeded RNG."""

    def __init__(self, events: int, seed: int):
        self.events = events
        self.rng = random.Random(seed)
        self.actors = max(events // 5, 20)
        self.places = max(events // 200, 10)
        self.outlets = 8
        # Zipf-like weights: actor k is drawn in proportion to 1/(k+1).
        self._cum = list(accumulate(1.0 / (k + 1) for k in range(self.actors)))

    def records(self) -> Iterator[dict[str, Any]]:
        yield from (self._outlet(i) for i in range(self.outlets))
        yield from self._places()
        for first in range(0, self.actors, ROSTER_SIZE):
            yield from self._roster(first, min(first + ROSTER_SIZE, self.actors))
        article, made = 0, 0
        while made < self.events:
            count = min(self.rng.randint(1, 5), self.events - made)
            yield from self._article(article, made, count)
            article, made = article + 1, made + count

    # Names -----------------------------------------------------------------------------

    def _syllables(self, index: int, count: int) -> list[int]:
        rng = random.Random(index * 7919 + 17)  # the same actor always has the same name
        return [rng.randrange(len(_LATIN)) for _ in range(count)]

    def actor_name(self, index: int) -> str:
        given, family = self._syllables(index, 3), self._syllables(index + 1_000_003, 1)
        return f"{_LATIN[family[0]].title()} {''.join(_LATIN[s] for s in given).title()} {index}"

    def _aliases(self, index: int) -> list[tuple[str, str, str]]:
        given, family = self._syllables(index, 3), self._syllables(index + 1_000_003, 1)
        hangul = _HANGUL[family[0]] + "".join(_HANGUL[s] for s in given) + str(index)
        cyrillic = _CYRILLIC[family[0]].title() + " " + "".join(_CYRILLIC[s] for s in given)
        latin = self.actor_name(index).replace(" ", "-", 1)
        return [
            (hangul, "ko", "native"),
            (f"{cyrillic} {index}", "ru", "variant"),
            (latin, "ko-Latn", "variant"),
        ]

    def actor_id(self, index: int) -> str:
        return f"{PREFIX}-actor-{index}"

    def draw_actor(self) -> int:
        return self.rng.choices(range(self.actors), cum_weights=self._cum)[0]

    # Records ---------------------------------------------------------------------------

    def _outlet(self, index: int) -> dict[str, Any]:
        name = f"Daily Courier {index}"
        return {
            "record": "actor",
            "id": f"{PREFIX}-outlet-{index}",
            "kind": "media_outlet",
            "name": name,
            "names": [{"name": name, "lang": "en", "kind": "canonical"}],
            "evidence": [],
        }

    def _source(self, article: Article, title: str, when: dict[str, Any]) -> dict[str, Any]:
        return {
            "record": "source",
            "id": article.id,
            "outlet": f"{PREFIX}-outlet-{self.rng.randrange(self.outlets)}",
            "title": title,
            "byline": f"Reporter {self.rng.randrange(500)}",
            "language": "en",
            "url": f"https://news.example/{article.id}",
            "published": when,
            "text": article.text,
        }

    def _places(self) -> Iterator[dict[str, Any]]:
        gazetteer = Article(f"{PREFIX}-gazetteer")
        cited = []
        for index in range(self.places):
            cited.append(gazetteer.cite("The town of ", self.place_name(index), " lies inland. "))
        yield self._source(gazetteer, "Gazetteer", self.when(2020))
        for index, evidence in enumerate(cited):
            country = index < 3
            yield {
                "record": "place",
                "id": f"{PREFIX}-place-{index}",
                "name": self.place_name(index),
                "kind": "country" if country else "city",
                "part_of": None if country else f"{PREFIX}-place-{index % 3}",
                "evidence": [evidence],
            }

    def place_name(self, index: int) -> str:
        return f"{_LATIN[index % len(_LATIN)].title()}ville {index}"

    def _roster(self, first: int, last: int) -> Iterator[dict[str, Any]]:
        roster = Article(f"{PREFIX}-roster-{first}")
        cited: dict[int, list[dict[str, Any]]] = {}
        for index in range(first, last):
            main = roster.cite("Among those present was ", self.actor_name(index), ", ")
            aliases = [
                roster.cite("also written ", alias, "; ")
                for alias, _lang, _kind in self._aliases(index)
            ]
            roster.write(_FILLER if index % 4 == 0 else "a familiar figure. ")
            cited[index] = [main, *aliases]
        yield self._source(roster, f"Who is who, part {first // ROSTER_SIZE}", self.when(2021))
        for index, (main, *aliases) in cited.items():
            yield self._actor(index, main, aliases)
        for index, (main, *_aliases) in cited.items():
            if index % 5 and index % 3 == 0:
                yield self._relationship(index, main)

    def _actor(
        self, index: int, main: dict[str, Any], aliases: list[dict[str, Any]]
    ) -> dict[str, Any]:
        name = self.actor_name(index)
        names = [{"name": name, "lang": "en", "kind": "canonical", "evidence": [main]}]
        for (alias, lang, kind), evidence in zip(self._aliases(index), aliases, strict=True):
            names.append({"name": alias, "lang": lang, "kind": kind, "evidence": [evidence]})
        record: dict[str, Any] = {
            "record": "actor",
            "id": self.actor_id(index),
            "kind": "person" if index % 5 else "organisation",
            "name": name,
            "description": f"Generated actor number {index}.",
            "names": names,
            "evidence": [main],
        }
        if index % 10 == 0:
            record["identifiers"] = {"wikidata": f"Q{900000000 + index}"}
        return record

    def when(self, year: int | None = None) -> dict[str, Any]:
        """A reported time at a random precision."""
        year = year or self.rng.randint(2015, 2024)
        month, day = self.rng.randint(1, 8), self.rng.randint(1, 28)
        precision = self.rng.choices(["year", "month", "day", "minute"], [1, 2, 6, 1])[0]
        value = {
            "year": f"{year}",
            "month": f"{year}-{month:02d}",
            "day": f"{year}-{month:02d}-{day:02d}",
            "minute": f"{year}-{month:02d}-{day:02d}T{self.rng.randint(0, 23):02d}:30",
        }[precision]
        said = f"in {_MONTHS[month - 1]} {year}" if precision != "year" else f"in {year}"
        return {"value": value, "precision": precision, "as_reported": said}

    def _article(self, number: int, first: int, count: int) -> Iterator[dict[str, Any]]:
        article = Article(f"{PREFIX}-article-{number}")
        article.write(f"SEOUL, report {number}. ")
        events = [self._event(article, first + k) for k in range(count)]
        published = self.when()
        yield self._source(article, f"Report {number} on {count} developments", published)
        yield from events

    def _event(self, article: Article, index: int) -> dict[str, Any]:
        rng = self.rng
        event_type = rng.choice(_EVENT_TYPES)
        actors = list(dict.fromkeys(self.draw_actor() for _ in range(rng.randint(2, 6))))
        while len(actors) < 2:
            actors.append(self.draw_actor())
        names = [article.cite("", self.actor_name(a), " and ") for a in actors[:-1]]
        names.append(article.cite("", self.actor_name(actors[-1]), " "))
        place = rng.randrange(self.places)
        sentence = article.cite("", f"{_VERBS[event_type]} in {self.place_name(place)}", ". ")
        participants = [
            {"actor": self.actor_id(a), "role": rng.choice(_ROLES), "evidence": [evidence]}
            for a, evidence in zip(actors, names, strict=True)
        ]
        participants = list({(p["actor"], p["role"]): p for p in participants}.values())
        record: dict[str, Any] = {
            "record": "event",
            "id": f"{PREFIX}-event-{index}",
            "title": f"{self.actor_name(actors[0])} {_VERBS[event_type]} others ({index})",
            "event_type": event_type,
            "modality": "occurred",
            "summary": f"Generated event {index}.",
            "occurred": self.when(),
            "place": f"{PREFIX}-place-{place}",
            "sources": [article.id],
            "evidence": [sentence],
            "participants": participants,
        }
        self._extras(article, record, index, actors[0])
        article.write(_FILLER * rng.randint(1, 4))
        return record

    def _extras(self, article: Article, record: dict[str, Any], index: int, speaker: int) -> None:
        """A quote, a claim and a link to an earlier event, now and then."""
        rng = self.rng
        if rng.random() < 0.2:
            words = article.cite('He said: "', f"We will meet again soon ({index})", '." ')
            record["quotes"] = [
                {
                    "id": f"{PREFIX}-quote-{index}",
                    "speaker": self.actor_id(speaker),
                    "text": words["excerpt"],
                    "language": "en",
                    "evidence": [words],
                }
            ]
        if rng.random() < 0.2:
            figure = rng.randint(2, 90)
            cited = article.cite("About ", f"{figure} delegates", " attended. ")
            record["claims"] = [{"property": "attendance", "value": figure, "evidence": [cited]}]
        if index > 0 and rng.random() < 0.1:
            cited = article.cite("", "This followed an earlier meeting", ". ")
            earlier = f"{PREFIX}-event-{rng.randrange(index)}"
            record["links"] = [{"link_type": "follows", "event": earlier, "evidence": [cited]}]

    def _relationship(self, index: int, evidence: dict[str, Any]) -> dict[str, Any]:
        """A person's membership of the organisation heading its group of five, cited from
        the roster that introduced both."""
        return {
            "record": "relationship",
            "subject": self.actor_id(index),
            "relationship_type": "member_of",
            "object": self.actor_id(index - index % 5),
            "evidence": [evidence],
        }


def write(events: int, out: IO[str], seed: int = 1) -> int:
    """Write the data set; the number of records written."""
    count = 0
    for record in Generator(events, seed).records():
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--events", type=int, required=True, help="how many events")
    parser.add_argument("--out", required=True, help="the NDJSON file to write (- for stdout)")
    parser.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    args = parser.parse_args(argv)
    if args.out == "-":
        count = write(args.events, sys.stdout, args.seed)
    else:
        with Path(args.out).open("w", encoding="utf-8") as out:
            count = write(args.events, out, args.seed)
    print(f"generate: {count} records, {args.events} events", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
