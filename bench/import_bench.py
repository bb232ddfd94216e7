"""Bulk import against a plain `sqlite3` executemany of the same rows, side by side.

`python -m bench.import_bench --events 10000 100000 [--pairs 3]` generates a data set at
each size (`bench.generate`, kept in --work), then runs A B A B …:

- A: `python -m app import FILE` into a fresh SQLite database built by `alembic upgrade
  head` (a copy of one migrated template), timed from process start to exit;
- B: a plain `sqlite3` `executemany` of exactly the rows A wrote (read from A's first
  database before the clock starts, a table at a time, parents first, less the rows the
  migrations put in the template) into another fresh copy of the template, timed around
  the executemany calls and the commit only.

Each run is a child process pinned to one core; its CPU time and peak RSS come from
`wait4` (B's CPU time from `process_time` around the same calls). Reported: rows/s of each
by wall clock and by CPU time, the ratio A/B and peak RSS, as the median and range over the
pairs. A's figures include starting Python and the app (about 1.5 s of CPU). The machine
may be shared: absolute figures are noisy; the ratio side by side, and by CPU time, is what
counts.
"""

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import SQLModel

ROOT = Path(__file__).resolve().parent.parent
_SKIPPED = {"alembic_version", "sqlite_sequence"}


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system
    peak_mb: float


def _child(command: list[str], env: dict[str, str]) -> tuple[str, Run]:
    """Run a child pinned to one core; its stdout, wall time and peak RSS."""
    pinned = ["taskset", "-c", "1", *command] if shutil.which("taskset") else command
    start = time.perf_counter()
    process = subprocess.Popen(
        pinned, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert process.stdout is not None
    out = process.stdout.read().decode()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command[:4]} exited {process.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return out, Run(seconds, cpu, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}


def template(work: Path) -> Path:
    """An empty database at the migrations' head."""
    path = work / "template.db"
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "alembic", "upgrade", "head"],
            cwd=ROOT,
            env=_env(path),
            check=True,
            capture_output=True,
        )
        settle(path)
    return path


def data_file(work: Path, events: int) -> Path:
    path = work / f"events-{events}.ndjson"
    if not path.exists():
        command = ["-m", "bench.generate", "--events", str(events), "--out", str(path)]
        subprocess.run([sys.executable, *command], cwd=ROOT, check=True)
    return path


def run_import(fresh: Path, data: Path) -> Run:
    command = [sys.executable, "-m", "app", "import", str(data)]
    _out, run = _child(command, _env(fresh))
    return run


def run_executemany(fresh: Path, rows_from: Path) -> Run:
    command = [sys.executable, "-m", "bench.import_bench", "--executemany", str(rows_from)]
    out, run = _child([*command, str(fresh)], dict(os.environ))
    seconds, cpu = out.split()  # the timed part only
    run.seconds, run.cpu = float(seconds), float(cpu)
    return run


def executemany(source: Path, target: Path) -> tuple[float, float]:
    """Copy every row of `source` that `target` lacks into `target` with executemany; the
    wall and CPU seconds it took."""
    import app.models  # noqa: F401  (every table, for the metadata's order: parents first)

    src = sqlite3.connect(source)
    src.execute("ATTACH DATABASE ? AS target", (str(target),))
    dst = sqlite3.connect(target)
    dst.execute("PRAGMA foreign_keys=ON")
    stored = {name for (name,) in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    elapsed = cpu = 0.0
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in stored or table.name in _SKIPPED:
            continue
        # The template's own rows (a migration's redirects) are there already; the others
        # in the order A wrote them, so a place comes after the place it is part of.
        # Generated columns are the database's to fill.
        name = table.name
        names = ", ".join(f'"{c.name}"' for c in table.columns if c.computed is None)
        query = (
            f'SELECT {names} FROM main."{name}" WHERE rowid NOT IN '  # noqa: S608
            f'(SELECT rowid FROM target."{name}") ORDER BY rowid'
        )
        rows = src.execute(query).fetchall()
        if not rows:
            continue
        marks = ", ".join("?" * len(rows[0]))
        insert = f'INSERT INTO "{name}" ({names}) VALUES ({marks})'  # noqa: S608
        start, started = time.perf_counter(), time.process_time()
        dst.executemany(insert, rows)
        elapsed += time.perf_counter() - start
        cpu += time.process_time() - started
        del rows
    start, started = time.perf_counter(), time.process_time()
    dst.commit()
    return elapsed + time.perf_counter() - start, cpu + time.process_time() - started


def row_count(db: Path) -> int:
    import app.models  # noqa: F401

    with sqlite3.connect(db) as conn:
        return sum(
            conn.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]  # noqa: S608
            for t in SQLModel.metadata.sorted_tables
        )


def settle(db: Path) -> None:
    """Fold the write-ahead log into the file, so a copy of the file alone holds it all."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def remove(db: Path) -> None:
    """The file and its write-ahead log: a log left behind would be replayed into the next
    database copied to the same name."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _spread(values: list[float], fmt: str) -> str:
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def bench(events: int, pairs: int, work: Path) -> str:
    data, empty = data_file(work, events), template(work)
    reference = work / f"a-{events}.db"
    a_runs: list[Run] = []
    b_runs: list[Run] = []
    for pair in range(pairs):
        fresh_a, fresh_b = work / "a.db", work / "b.db"
        for path in (fresh_a, fresh_b):
            remove(path)
        shutil.copy(empty, fresh_a)
        a_runs.append(run_import(fresh_a, data))
        if pair == 0:
            settle(fresh_a)
            remove(reference)
            shutil.copy(fresh_a, reference)
        shutil.copy(empty, fresh_b)
        b_runs.append(run_executemany(fresh_b, reference))
        print(f"{events} events, pair {pair + 1}: A {a_runs[-1]}, B {b_runs[-1]}", file=sys.stderr)
    rows = row_count(reference) - row_count(empty)
    cells = [f"{events:,}", f"{rows:,}"]
    for clock in ("seconds", "cpu"):
        a_rate = [rows / getattr(r, clock) for r in a_runs]
        b_rate = [rows / getattr(r, clock) for r in b_runs]
        ratio = [100 * a / b for a, b in zip(a_rate, b_rate, strict=True)]
        cells += [_spread(a_rate, ",.0f"), _spread(b_rate, ",.0f"), _spread(ratio, ".0f") + " %"]
    cells += [_spread([r.peak_mb for r in runs], ".0f") for runs in (a_runs, b_runs)]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_bench", description=__doc__)
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pairs", type=int, default=3, help="A B pairs per size (default 3)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/import-bench"))
    parser.add_argument("--executemany", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.executemany:  # the B child: copy the rows, print the seconds
        print(*executemany(*args.executemany))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"A B pairs: {args.pairs}; median (range)\n\n"
        "| events | rows | A rows/s (wall) | B rows/s (wall) | A/B (wall) | A rows/s (CPU) "
        "| B rows/s (CPU) | A/B (CPU) | A peak RSS MB | B peak RSS MB |\n"
        "|---|---|---|---|---|---|---|---|---|---|",
        flush=True,
    )
    for events in args.events:
        print(bench(events, args.pairs, args.work), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
