"""Reads at scale (issue 8, targets 2-5): SQLite against PostgreSQL, against Datasette, and
one uvicorn worker against two, side by side on the same 1,000,000-event set.

    .venv/bin/python -m bench.scale_bench --sqlite /tmp/big.db
        [--postgres postgresql+psycopg://…] [--datasette /tmp/dsv/bin/datasette]
        [--tree DIR] [--pairs 3] [--seconds 5] [--out bench/RESULTS.md]

Both databases are filled beforehand with the same rows (`python -m app seed`, then
`python -m bench.sqlfill --url … --events 1000000`), so one cursor and one set of URLs serve
both. Every server is one process pinned to core 0 (the two-worker server gets cores 0 and
1, so it shares core 1 with wrk); wrk runs on core 1. Each comparison is measured A B A B
for --pairs rounds per route; after the runs, the peak RSS (VmHWM) of each one-worker server
process. `--tree` serves another checkout of the app (e.g. main, exported with git archive)
for a before/after run. The section is written into --out after read_bench's table, which is kept.
"""

import argparse
import base64
import json
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

from app.core.signing import CURSOR_KEY_NAME, CursorSigner
from bench.read_bench import (
    MARKER,
    NO_RATE_LIMIT,
    ROOT,
    WRK,
    Runs,
    Server,
    _short,
    _spread,
    machine,
    running,
    wrk,
)
from bench.sqlfill import actor_id

ACTOR = actor_id(3)
FILTERED = f"/events?actor={ACTOR}&when__gte=2000-01-01&when__lte=2009-12-31&limit=50"
# The same question as a Datasette table URL: the actor through participation, the span
# overlapping the range (our when__gte/when__lte), sorted by the first possible day.
_BY_ACTOR = f"id in (select event_id from participation where actor_id = '{ACTOR}')"  # noqa: S608  (a constant, for Datasette's _where)
DATASETTE = (
    "/{db}/event.json?_where="
    + quote(_BY_ACTOR)
    + "&occurred_end__gte=2000-01-01&occurred_start__lte=2009-12-31"
    "&_sort=occurred_first&_size=50"
)
SEARCH_NAME = "/search?q=Stoltenberg"
SEARCH_WORD = "/search?q=generated"


@dataclass
class Comparison:
    title: str
    servers: list[Server]
    labels: list[str]


def deep_cursor(port: int, db: Path, offset: int) -> str:
    """A cursor `offset` rows into the default sort, made from the row itself: paging there
    by HTTP would take minutes. The fingerprint comes from a real first page."""
    first = httpx.get(f"http://127.0.0.1:{port}/events?limit=1", timeout=60).json()
    token = first["links"]["next"].split("cursor=", 1)[1].rpartition(".")[0]
    raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT occurred_first, occurred_last, id FROM event "
            "ORDER BY occurred_first, occurred_last, id LIMIT 1 OFFSET ?",
            (offset,),
        ).fetchone()
        (key,) = conn.execute(
            "SELECT value FROM server_secret WHERE name = ?", (CURSOR_KEY_NAME,)
        ).fetchone()
    raw["v"] = list(row)
    data = json.dumps(raw, separators=(",", ":")).encode()
    # Sealed as the list route seals its cursors, with the key the servers share.
    signer = CursorSigner(key.encode(), "/events|/events\n")
    return "/events?limit=50&cursor=" + signer.seal(
        base64.urlsafe_b64encode(data).decode().rstrip("=")
    )


def our_paths(cursor: str) -> dict[str, str]:
    return {
        "actor + date range": FILTERED,
        "deep cursor page": cursor,
        "include=participants.actor": "/events?include=participants.actor&limit=50",
        "search a name": SEARCH_NAME,
        "search a common word": SEARCH_WORD,
        "facets": "/events/facets",
    }


def our_server(name: str, port: int, url: str, tree: Path, workers: int = 1) -> Server:
    argv = [sys.executable, "-m", "uvicorn", "--log-level", "warning", "--port", str(port)]
    argv += ["--workers", str(workers)] if workers > 1 else []
    env = {**os.environ, "DATABASE_URL": url, "PYTHONDONTWRITEBYTECODE": "1", **NO_RATE_LIMIT}
    env["PYTHONPATH"] = str(tree)
    cores = "0,1" if workers > 1 else "0"
    return Server(name, port, [*argv, "app.main:create_app", "--factory"], env, cores=cores)


def datasette_server(binary: Path, db: Path, port: int) -> Server:
    argv = [str(binary), "serve", str(db), "-p", str(port), "--setting", "sql_time_limit_ms"]
    server = Server("Datasette", port, [*argv, "5000"], dict(os.environ))
    server.health = "/-/versions.json"
    server.paths = {"actor + date range": DATASETTE.format(db=db.stem)}
    return server


def comparisons(args: argparse.Namespace) -> list[Comparison]:
    sqlite = our_server("ours, SQLite", 8711, f"sqlite:///{args.sqlite}", args.tree)
    found = []
    labels = list(our_paths("").keys())
    if args.postgres:
        pg = our_server("ours, PostgreSQL", 8712, args.postgres, args.tree)
        found.append(Comparison("SQLite and PostgreSQL, one worker each", [sqlite, pg], labels))
    elif args.baseline:
        main = our_server(
            f"baseline ({args.baseline})", 8715, sqlite.env["DATABASE_URL"], args.baseline
        )
        found.append(Comparison("SQLite: the baseline tree and this one", [main, sqlite], labels))
    else:
        found.append(Comparison("SQLite, one worker", [sqlite], labels))
    if args.datasette:
        ds = datasette_server(args.datasette, args.sqlite, 8713)
        title = "ours and Datasette on the same SQLite file"
        found.append(Comparison(title, [sqlite, ds], labels[:1]))
    if args.postgres:
        two = our_server("ours, PostgreSQL, 2 workers", 8714, args.postgres, args.tree, 2)
        pair = [found[0].servers[1], two]
        found.append(Comparison("PostgreSQL: one uvicorn worker and two", pair, labels[:3]))
    return found


def measure(comparison: Comparison, pairs: int, seconds: int, connections: int) -> str:
    results: dict[tuple[str, str], Runs] = {}
    load = _load()
    for label in comparison.labels:
        for _ in range(pairs):
            for server in comparison.servers:
                runs = results.setdefault((label, server.name), Runs())
                rps, p99, errors, _ = wrk(server.port, server.paths[label], seconds, connections)
                runs.rps.append(rps)
                runs.p99_ms.append(p99)
                runs.errors += errors
    first = comparison.servers[0].name
    lines = [
        f"### {comparison.title}\n",
        f"Load average before: {load}; after: {_load()}.\n",
        f"| route | server | requests/s median (range) | p99 ms median (range) "
        f"| % of {first} requests/s, per pair |",
        "|---|---|---|---|---|",
    ]
    for label in comparison.labels:
        base = results[(label, first)]
        for server in comparison.servers:
            runs = results[(label, server.name)]
            if not any(runs.rps):
                lines.append(_unfinished(label, server, runs))
                continue
            ratios = [a / b * 100 if b else 0.0 for a, b in zip(runs.rps, base.rps, strict=True)]
            failed = f" ({runs.errors} non-2xx)" if runs.errors else ""
            lines.append(
                f"| {label} `{_short(server.paths[label])}` | {server.name}{failed} | "
                f"{_spread(runs.rps)} | {_spread(runs.p99_ms, 1)} | {_spread(ratios, 1)} |"
            )
    table = "\n".join(lines)
    print(table, flush=True)
    return table


def _unfinished(label: str, server: Server, runs: Runs) -> str:
    """No request finished within the wrk runs: what one request takes on its own instead."""
    path = server.paths[label]
    alone = []
    for _ in range(3):
        started = time.perf_counter()
        status = httpx.get(f"http://127.0.0.1:{server.port}{path}", timeout=120).status_code
        alone.append(f"{time.perf_counter() - started:.1f} s ({status})")
    failed = f", {runs.errors} non-2xx under load" if runs.errors else ""
    return (
        f"| {label} `{_short(path)}` | {server.name} | none finished within the {len(runs.rps)} "
        f"runs{failed}; one request alone, 3 in turn: {', '.join(alone)} | - | - |"
    )


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def peak_rss(server: Server) -> str:
    assert server.process is not None
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    return f"- {server.name} (pid {server.process.pid}): peak RSS (VmHWM) {kb / 1024:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=Path, required=True)
    parser.add_argument("--postgres", default=None)
    parser.add_argument("--datasette", type=Path, default=None)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the app tree to serve")
    parser.add_argument("--baseline", type=Path, default=None, help="another tree, beside it")
    parser.add_argument("--note", default="")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    start = machine()
    found = comparisons(args)
    servers = list({id(s): s for c in found for s in c.servers}.values())
    with running(servers):
        events = sqlite3.connect(args.sqlite).execute("SELECT count(*) FROM event").fetchone()[0]
        cursor = deep_cursor(servers[0].port, args.sqlite, events // 2)
        for server in servers:
            server.paths = server.paths or our_paths(cursor)
        tables = [measure(c, args.pairs, args.seconds, args.connections) for c in found]
        rss = [peak_rss(s) for s in servers if s.cores == "0" and s.name.startswith("ours")]
    write(args, start, events, tables, rss)


def write(
    args: argparse.Namespace, start: str, events: int, tables: list[str], rss: list[str]
) -> None:
    kept = args.out.read_text().split(MARKER, 1)[0].rstrip() if args.out.exists() else ""
    command = " ".join(sys.argv[1:])
    section = (
        f"{MARKER}\n\n# Reads at {events:,} events (bench/scale_bench.py)\n\n{start}\n\n"
        f"Command: `python -m bench.scale_bench {command}`\n\n"
        f"Servers pinned to core 0 (the two-worker server to cores 0 and 1); load `{WRK}` with "
        f"-c{args.connections}, -d{args.seconds}s; {args.pairs} interleaved rounds (A B A B) "
        f"per route. The deep cursor page is {events // 2:,} rows in.\n\n{args.note}\n\n"
        + "\n\n".join(tables)
        + "\n\nPeak RSS after all the runs above:\n\n"
        + "\n".join(rss)
        + "\n"
    )
    args.out.write_text(f"{kept}\n\n{section}" if kept else section)


if __name__ == "__main__":
    main()
