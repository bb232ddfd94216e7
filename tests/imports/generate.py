"""Generated import files: one inline article, then actors and events drawn from it.

`python -m tests.imports.generate N > big.ndjson` writes N events (and N/10 actors), each
event with two participants, a claim and three pieces of evidence: nine rows a record.
"""

import json
import sys
from collections.abc import Iterator
from typing import Any

PREFIX = "gen"
SOURCE_ID = f"{PREFIX}-article"
SENTENCE = "The council approved the request of the delegation. "
TEXT = SENTENCE * 4


def _evidence(word: str) -> dict[str, Any]:
    start = TEXT.index(word)
    return {"source": SOURCE_ID, "excerpt": word, "start": start, "end": start + len(word)}


def _source() -> dict[str, Any]:
    return {
        "record": "source",
        "id": SOURCE_ID,
        "title": "A generated article",
        "language": "en",
        "published": {"value": "2022-10-27", "precision": "day", "as_reported": "today"},
        "text": TEXT,
    }


def _actor(index: int) -> dict[str, Any]:
    name = f"Delegate {index:06d}"
    return {
        "record": "actor",
        "id": f"{PREFIX}-actor-{index:06d}",
        "kind": "person",
        "name": name,
        "names": [{"name": name, "lang": "en", "kind": "canonical"}],
        "evidence": [_evidence("the delegation")],
    }


def _event(index: int, actors: int) -> dict[str, Any]:
    first, second = (f"{PREFIX}-actor-{(index + k) % actors:06d}" for k in (0, 1))
    return {
        "record": "event",
        "id": f"{PREFIX}-event-{index:06d}",
        "title": f"Generated approval {index:06d}",
        "event_type": "agree",
        "modality": "occurred",
        "occurred": {"value": "2022-10-26", "precision": "day", "as_reported": "on the 26th"},
        "sources": [SOURCE_ID],
        "evidence": [_evidence("approved")],
        "participants": [
            {"actor": first, "role": "decision_maker", "evidence": [_evidence("The council")]},
            {"actor": second, "role": "requester", "evidence": [_evidence("the request")]},
        ],
        "claims": [
            {"property": "votes", "value": index % 30, "evidence": [_evidence("approved")]},
        ],
    }


def records(events: int) -> Iterator[dict[str, Any]]:
    """The source, then max(events // 10, 2) actors, then `events` events."""
    actors = max(events // 10, 2)
    yield _source()
    yield from (_actor(i) for i in range(actors))
    yield from (_event(i, actors) for i in range(events))


def ndjson(events: int) -> str:
    return "".join(json.dumps(record) + "\n" for record in records(events))


if __name__ == "__main__":
    for record in records(int(sys.argv[1])):
        sys.stdout.write(json.dumps(record) + "\n")
