"""List latency: first page against a deep keyset page, with and without includes.

    .venv/bin/python -m bench.list_bench [--events 20000] [--repeat 15]

Builds a scratch SQLite database (migrated, seeded, then padded with generated events, each
with two participants), and times, side by side in one run, GET /events for the first page,
a page 90% of the way through (reached by cursor, as a client would), and both with
`include=participants.actor`. Keyset pagination should make the deep page cost about what
the first one does; an OFFSET-based API would read every row before it.
"""

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.db import build_engine, get_session
from app.core.migrate import upgrade
from app.core.registry import install
from app.core.text import fold
from app.imports.seed import seed
from app.main import create_app
from app.models import Event, Participation
from app.records.registry import build_registry

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def build(path: Path, events: int) -> None:
    install(build_registry())
    engine = build_engine(f"sqlite:///{path}")
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
        for i in range(events):
            day = date(2000, 1, 1) + timedelta(days=i % 9000)
            title = f"Generated event {i:06d}"
            session.add(
                Event(
                    id=f"gen-{i:06d}",
                    title=title,
                    event_type="consult",
                    modality="occurred",
                    occurred_start=day,
                    occurred_end=day,
                    occurred={"value": day.isoformat(), "precision": "day"},
                    search_key=fold(title),
                )
            )
            for actor in ("nato", "south-korea"):
                session.add(
                    Participation(
                        id=f"gen-{i:06d}--{actor}--attendee",
                        event_id=f"gen-{i:06d}",
                        actor_id=actor,
                        role="attendee",
                    )
                )
            if i % 5000 == 4999:
                session.flush()
        session.commit()
    engine.dispose()


def median_ms(client: TestClient, url: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text
    return statistics.median(times)


def deep_cursor(client: TestClient, query: str, pages: int) -> str:
    url = f"/events?{query}&limit=500&fields=id"
    for _ in range(pages):
        url = client.get(url).json()["links"]["next"]
    return str(client.get(url).json()["next_cursor"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench.db"
        build(path, args.events)
        engine = build_engine(f"sqlite:///{path}")
        app = create_app()

        def session_override():  # type: ignore[no-untyped-def]
            with Session(engine) as session:
                yield session

        app.dependency_overrides[get_session] = session_override
        with TestClient(app) as client:
            sort = "sort=-when,title"
            cursor = deep_cursor(client, sort, int(args.events * 0.9) // 500 - 1)
            cases = {
                "first page (50)": f"/events?{sort}",
                "deep page (50, by cursor)": f"/events?{sort}&cursor={cursor}",
                "first page + include": f"/events?{sort}&include=participants.actor",
                "deep page + include": f"/events?{sort}&cursor={cursor}&include=participants.actor",
            }
            results = {name: median_ms(client, url, args.repeat) for name, url in cases.items()}
        engine.dispose()
    for name, ms in results.items():
        print(f"{name:32} {ms:8.1f} ms")
    print(f"deep / first: {results['deep page (50, by cursor)'] / results['first page (50)']:.2f}")


if __name__ == "__main__":
    main()
