"""Fill a migrated database with generated events straight through SQL (Core executemany).

    .venv/bin/python -m bench.sqlfill --url sqlite:////tmp/big.db --events 100000

Much faster than any import, so read benchmarks and query-plan tests can run at 100,000 or
1,000,000 events. The set is seeded and repeatable: dates of day, month and year precision
(some with a zone, a few undated), actors with a heavy-tailed number of events (a few take
part in very many), 2-6 participants per event, one source per event.
"""

import argparse
import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, create_engine, insert

from app.core.migrate import upgrade
from app.core.vocab import ActorKind, EventType, Modality, Role
from app.models import Actor, Event, EventSource, Participation, Source
from bench.bulkload import deferred

BATCH = 5_000
ZONES = ("Europe/Brussels", "Asia/Seoul", "America/New_York", None, None)
_EPOCH = date(1990, 1, 1)


def actor_id(i: int) -> str:
    return f"fill-actor-{i:06d}"


def event_id(i: int) -> str:
    return f"fill-event-{i:07d}"


def _time(rng: random.Random) -> tuple[dict[str, Any] | None, date | None, date | None]:
    if rng.random() < 0.02:
        return None, None, None
    day = _EPOCH + timedelta(days=rng.randrange(13_000))
    roll = rng.random()
    if roll < 0.7:
        spec: dict[str, Any] = {"value": day.isoformat(), "precision": "day"}
        start = end = day
    elif roll < 0.9:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        spec = {"value": start.isoformat()[:7], "precision": "month"}
    else:
        start, end = date(day.year, 1, 1), date(day.year, 12, 31)
        spec = {"value": str(day.year), "precision": "year"}
    if zone := rng.choice(ZONES):
        spec["timezone"] = zone
    return spec, start, end


def _actors(count: int, now: datetime) -> Iterator[dict[str, Any]]:
    kinds = [k.value for k in ActorKind]
    for i in range(count):
        yield {
            "id": actor_id(i),
            "kind": kinds[i % len(kinds)],
            "name": f"Generated actor {i}",
            "description": "",
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }


def _events(
    rng: random.Random, count: int, actors: int, now: datetime
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    types, modalities = [t.value for t in EventType], [m.value for m in Modality]
    roles = [r.value for r in Role]
    for i in range(count):
        spec, start, end = _time(rng)
        title = f"Generated event {i}"
        row = {
            "id": event_id(i),
            "title": title,
            "event_type": rng.choice(types),
            "modality": rng.choice(modalities),
            "summary": "",
            "occurred": spec,
            "occurred_start": start,
            "occurred_end": end,
            "announced": None,
            "announced_start": None,
            "announced_end": None,
            "place_id": None,
            "search_key": title.lower(),
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        # Heavy-tailed actor ranks (Pareto): the first few actors take part in a large share
        # of the events (actor 0 in about one in five), most in a handful.
        draws = rng.randint(2, 6)
        chosen = {min(int((rng.paretovariate(1.0) - 1) * 20), actors - 1) for _ in range(draws)}
        people = [
            {
                "id": f"{row['id']}--{actor_id(a)}",
                "event_id": row["id"],
                "actor_id": actor_id(a),
                "role": rng.choice(roles),
                "description": None,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for a in sorted(chosen)
        ]
        yield row, people


def _source(now: datetime) -> dict[str, Any]:
    return {
        "id": "fill-source",
        "outlet_id": None,
        "title": "Generated source",
        "byline": None,
        "language": "en",
        "url": None,
        "published": {"value": "2020", "precision": "year"},
        "published_start": date(2020, 1, 1),
        "published_end": date(2020, 12, 31),
        "text": "Generated events were reported here.",
        "sha256": "0" * 64,
        "search_key": "generated source",
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def fill(conn: Connection, events: int, *, seed: int = 1, actors: int | None = None) -> None:
    """Insert `events` generated events (with actors and participations) on `conn`."""
    rng = random.Random(seed)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    actors = actors or max(10, events // 50)
    _insert(conn, Actor, _actors(actors, now))
    conn.execute(insert(Source.__table__), [_source(now)])  # type: ignore[attr-defined]
    batch: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    for row, participants in _events(rng, events, actors, now):
        batch.append(row)
        people.extend(participants)
        if len(batch) == BATCH:
            _flush(conn, batch, people)
    _flush(conn, batch, people)


def _flush(conn: Connection, batch: list[dict[str, Any]], people: list[dict[str, Any]]) -> None:
    if batch:
        conn.execute(insert(Event.__table__), batch)  # type: ignore[attr-defined]
        conn.execute(insert(Participation.__table__), people)  # type: ignore[attr-defined]
        reports = [{"event_id": r["id"], "source_id": "fill-source"} for r in batch]
        conn.execute(insert(EventSource.__table__), reports)  # type: ignore[attr-defined]
    batch.clear()
    people.clear()


def _insert(conn: Connection, model: Any, rows: Iterator[dict[str, Any]]) -> None:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == BATCH:
            conn.execute(insert(model.__table__), chunk)
            chunk = []
    if chunk:
        conn.execute(insert(model.__table__), chunk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    engine = create_engine(args.url)
    upgrade(engine)
    started = time.perf_counter()
    with engine.begin() as conn, deferred(conn):
        fill(conn, args.events)
    print(f"sqlfill: {args.events} events in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
