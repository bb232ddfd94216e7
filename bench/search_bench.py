"""Search latency, SQLite FTS5 against the portable LIKE-and-Python fallback, side by side.

    .venv/bin/python -m bench.search_bench [--sources 2000] [--events 5000] [--repeat 5]

Builds a scratch SQLite database (migrated, seeded, then padded with generated articles,
events and quotes made of the seed articles' words), runs each query through the search
service with both backends, and prints the median time per query in milliseconds.
"""

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from app.core.db import build_engine
from app.core.migrate import upgrade
from app.core.registry import install
from app.core.text import fold
from app.models import Event, Quote, Source
from app.records.registry import build_registry
from app.search.backend import SearchBackend
from app.search.fts5 import Fts5Backend
from app.search.portable import PortableBackend
from app.search.query import parse_query
from app.search.service import search
from app.seeding.loader import seed

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUERIES = [
    "nato",
    "Yun Seok-yeol",
    '"north atlantic council"',
    "stolten*",
    "korea -china",
    "Kim Geon",
    "zzzz",
]


def _vocabulary() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in (SEEDS / "articles").glob("*.txt"))
    return text.split()


def _padding(rng: random.Random, words: list[str], sources: int, events: int) -> list[object]:
    def prose(n: int) -> str:
        return " ".join(rng.choices(words, k=n))

    rows: list[object] = []
    for i in range(sources):
        body = prose(700)
        rows.append(
            Source(
                id=f"bench-source-{i}",
                title=prose(12),
                language="en",
                text=body,
                sha256=hashlib.sha256(f"{i}{body}".encode()).hexdigest(),
            )
        )
    for i in range(events):
        title, summary = prose(10), prose(40)
        rows.append(
            Event(
                id=f"bench-event-{i}",
                title=title,
                event_type="consult",
                modality="occurred",
                summary=summary,
                search_key=fold(f"{title} {summary}"),
            )
        )
        text = prose(25)
        rows.append(Quote(id=f"bench-quote-{i}", text=text, language="en", search_key=fold(text)))
    return rows


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _runner(session: Session, backend: SearchBackend, q: str) -> Callable[[], object]:
    """One first page of hits for `q`, parsed afresh each time as a request would."""
    return lambda: search(session, backend, parse_query(q), cursor=None, limit=50)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    install(build_registry())
    with tempfile.TemporaryDirectory() as scratch:
        engine = build_engine(f"sqlite:///{scratch}/bench.db")
        upgrade(engine)
        with Session(engine) as session:
            seed(session, SEEDS)
            session.add_all(_padding(random.Random(7), _vocabulary(), args.sources, args.events))
            session.commit()
        print(f"{args.sources} generated articles (~700 words), {args.events} events and quotes")
        print(f"{'query':<28}{'FTS5 ms':>10}{'fallback ms':>14}{'hits':>7}")
        backends: tuple[SearchBackend, SearchBackend] = (Fts5Backend(), PortableBackend())
        with Session(engine) as session:
            for q in QUERIES:
                timed = [_median_ms(_runner(session, b, q), args.repeat) for b in backends]
                hits = len(search(session, backends[0], parse_query(q), cursor=None, limit=500)[0])
                print(f"{q:<28}{timed[0]:>10.1f}{timed[1]:>14.1f}{hits:>7}")
        engine.dispose()


if __name__ == "__main__":
    main()
