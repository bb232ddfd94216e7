"""Search latency: each database's own index against the portable fallback, side by side.

    .venv/bin/python -m bench.search_bench [--backend sqlite|postgresql|both]
        [--sources 2000] [--events 5000] [--pairs 3] [--repeat 5]

Builds a scratch database (SQLite in a temporary file; PostgreSQL in a private cluster
started as tests/postgres.py does), migrated, seeded, then padded with generated articles,
events and quotes made of the seed articles' words. Each query's first page goes through
the search service with the native backend (FTS5 or tsvector) and the fallback in turn,
A B A B for `--pairs` pairs; each timing is the median of `--repeat` runs. Printed: the
median over the pairs and their range, in milliseconds, and the ratio of the medians.
"""

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session

from app.core.db import build_engine
from app.core.migrate import upgrade
from app.core.registry import install
from app.core.text import fold
from app.imports.seed import seed
from app.models import Event, Quote, Source
from app.records.registry import build_registry
from app.search.backend import SearchBackend
from app.search.dependencies import get_search_backend
from app.search.portable import PortableBackend
from app.search.query import parse_query
from app.search.service import search

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUERIES = [
    "nato",
    "launch",
    "Yun Seok-yeol",
    '"north atlantic council"',
    "stolten*",
    "korea -china",
    "Kim Geon",
    "Stoltenburg",
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


@contextmanager
def _database(backend: str) -> Iterator[Engine]:
    """An empty database of the backend, dropped afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as scratch:
            engine = build_engine(f"sqlite:///{scratch}/bench.db")
            yield engine
            engine.dispose()
        return
    from tests.postgres import find_bindir, running_cluster  # dev-only helper

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL server installed (set PG_BINDIR)")
    with running_cluster(bindir) as server:
        admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        engine = build_engine(f"{server}/bench")
        yield engine
        engine.dispose()


def _fill(engine: Engine, sources: int, events: int) -> None:
    upgrade(engine)
    with Session(engine) as session:
        seed(session, SEEDS)
        session.add_all(_padding(random.Random(7), _vocabulary(), sources, events))
        session.commit()
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


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


def _side_by_side(
    session: Session,
    backends: tuple[SearchBackend, SearchBackend],
    q: str,
    args: argparse.Namespace,
) -> tuple[list[float], list[float]]:
    """Timings of A and B for `q`, alternated A B A B."""
    timed: tuple[list[float], list[float]] = ([], [])
    for _ in range(args.pairs):
        for side, backend in zip(timed, backends, strict=True):
            side.append(_median_ms(_runner(session, backend, q), args.repeat))
    return timed


def _summary(times: list[float]) -> str:
    return f"{statistics.median(times):8.1f} ({min(times):.1f}-{max(times):.1f})"


def run(backend_name: str, args: argparse.Namespace) -> None:
    with _database(backend_name) as engine:
        _fill(engine, args.sources, args.events)
        print(
            f"\n{backend_name}: {args.sources} generated articles (~700 words), "
            f"{args.events} events and quotes; ms per first page, median (range) of "
            f"{args.pairs} A/B pairs, each the median of {args.repeat} runs"
        )
        print(f"{'query':<26}{'native':>22}{'fallback':>22}{'ratio':>8}{'hits':>6}")
        with Session(engine) as session:
            native = get_search_backend(session)
            backends: tuple[SearchBackend, SearchBackend] = (native, PortableBackend())
            for q in QUERIES:
                a, b = _side_by_side(session, backends, q, args)
                ratio = statistics.median(b) / max(statistics.median(a), 1e-9)
                hits = len(search(session, native, parse_query(q), cursor=None, limit=500)[0])
                print(f"{q:<26}{_summary(a):>22}{_summary(b):>22}{ratio:>7.1f}x{hits:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    install(build_registry())
    for name in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
        run(name, args)


if __name__ == "__main__":
    main()
