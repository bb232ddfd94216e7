"""Read throughput under load: our routes against a bare Starlette JSON endpoint, side by side.

    .venv/bin/python -m bench.read_bench [--events 100000] [--pairs 3] [--seconds 5]
        [--baseline /work/main] [--out bench/RESULTS.md]

Builds (or reuses) a SQLite database: migrated, seeded, then filled with generated events
by SQL (bench/sqlfill.py). Starts one uvicorn worker per server pinned to core 0 (the bare
endpoint, this tree's app and, with --baseline, another tree's app on the same database),
and loads each with wrk pinned to core 1, interleaved A B A B for --pairs rounds per route.
Reports the median and range of requests/s and p99 latency, and writes them with the
machine, versions and commands to --out.
"""

import argparse
import base64
import json
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.sqlfill import actor_id

ROOT = Path(__file__).resolve().parents[1]
WRK = "taskset -c 1 wrk -t1 -c{connections} -d{seconds}s --timeout 10s --latency {url}"
RECORD = "/events/ap-partners-nato-offices?include=participants.actor,evidence"
# The baseline (main before this work) has no include= on record routes: the same event with
# the same includes, as a one-item list.
RECORD_AS_LIST = "/events?id=ap-partners-nato-offices&include=participants.actor,evidence"
# bench/scale_bench.py writes its section below this line; rewriting the table above keeps it.
MARKER = "<!-- bench.scale_bench writes below this line -->"
# The rate limiter (600 requests a minute per address by default) would answer most of a
# benchmark's requests 429, and its counter is a database write per request: the benches
# measure the read path with it off (bench/RESULTS.md gives its cost separately).
NO_RATE_LIMIT = {"RATE_LIMIT_ENABLED": "false"}


@dataclass
class Server:
    name: str
    port: int
    argv: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    paths: dict[str, str] = field(default_factory=dict)
    health: str = "/health"
    cores: str = "0"  # taskset's list: "0,1" for a server with two workers
    only: tuple[str, ...] = ()  # the route labels it is measured on; empty: all


@dataclass
class Runs:
    rps: list[float] = field(default_factory=list)
    p99_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # server CPU time per request
    errors: int = 0


def routes(deep_cursor: str, baseline: bool = False) -> dict[str, str]:
    """What each route label loads; cursors differ between trees, so each gets its own."""
    return {
        "record + include": RECORD_AS_LIST if baseline else RECORD,
        "list limit=50": "/events?limit=50",
        "actor + date range": f"/events?actor={actor_id(3)}&when__gte=2000-01-01"
        "&when__lte=2009-12-31&limit=50",
        "sort=-when": "/events?sort=-when&limit=50",
        "deep cursor page": deep_cursor,
        "include=participants.actor": "/events?sort=-when&limit=50&include=participants.actor",
        "facets, actor + date range": f"/events/facets?actor={actor_id(3)}"
        "&when__gte=2000-01-01&when__lte=2009-12-31",
    }


def build(db: Path, events: int) -> None:
    if db.exists():
        return
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    subprocess.run([sys.executable, "-m", "app", "seed"], check=True, env=env, cwd=ROOT)
    fill = [sys.executable, "-m", "bench.sqlfill", "--url", f"sqlite:///{db}"]
    subprocess.run([*fill, "--events", str(events)], check=True, env=env, cwd=ROOT)


def servers(db: Path, baseline: Path | None, base: int = 8701) -> list[Server]:
    uvicorn = [sys.executable, "-m", "uvicorn", "--log-level", "warning", "--port"]
    app = ["app.main:create_app", "--factory"]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(NO_RATE_LIMIT)
    found = [
        Server("bare Starlette", base, [*uvicorn, str(base), "bench.bare:app"], env),
        Server("this branch", base + 1, [*uvicorn, str(base + 1), *app], env),
        # The record answer cache (app/records/cache.py) off: what the read itself costs.
        Server(
            "this branch, no answer cache",
            base + 3,
            [*uvicorn, str(base + 3), *app],
            {**env, "RECORD_CACHE_SIZE": "0"},
            only=("record + include",),
        ),
    ]
    if baseline is not None:
        other = {**env, "PYTHONPATH": str(baseline)}
        name = f"baseline ({baseline})"
        found.append(Server(name, base + 2, [*uvicorn, str(base + 2), *app], other))
    return found


@contextmanager
def running(all_servers: list[Server]) -> Iterator[None]:
    try:
        for server in all_servers:
            cwd = server.env.get("PYTHONPATH", str(ROOT))
            argv = ["taskset", "-c", server.cores, *server.argv]
            server.process = subprocess.Popen(argv, env=server.env, cwd=cwd)
        for server in all_servers:
            _wait(server.port, server.health)
        yield
    finally:
        for server in all_servers:
            if server.process is not None:
                server.process.terminate()
                try:
                    server.process.wait(timeout=10)
                except subprocess.TimeoutExpired:  # still answering a slow request
                    server.process.kill()
                    server.process.wait()


def _wait(port: int, path: str = "/health") -> None:
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"no server on port {port}")


def deep_cursor_url(port: int, pages: int) -> str:
    url = f"http://127.0.0.1:{port}/events?limit=500&fields=id"
    for _ in range(pages):
        url = httpx.get(url, timeout=60).json()["links"]["next"]
    return "/" + url.split("/", 3)[3].replace("limit=500&fields=id&", "limit=50&")


def baseline_cursor(url: str) -> str:
    """The same position as a cursor of the baseline tree, whose `when` keys were
    (undated flag, first day, last day) where ours are (first day, last day): paging the
    baseline there by HTTP would take many minutes."""
    token = url.split("cursor=", 1)[1]
    raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw["v"] = [0, *raw["v"]]
    data = json.dumps(raw, separators=(",", ":")).encode()
    return (
        url.split("cursor=", 1)[0] + "cursor=" + base64.urlsafe_b64encode(data).decode().rstrip("=")
    )


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (proc(5): fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(
    port: int, path: str, seconds: int, connections: int, pid: int | None = None
) -> tuple[float, float, int, float]:
    """Requests/s, p99 ms, non-2xx count and, given the server's pid, its CPU ms per request
    (what a request costs whatever else the machine runs: the shared cores make
    requests/s noisy)."""
    url = f"'http://127.0.0.1:{port}{path}'"
    command = WRK.format(connections=connections, seconds=seconds, url=url)
    before = cpu_seconds(pid) if pid else 0.0
    out = subprocess.run(command, shell=True, capture_output=True, text=True, check=True).stdout  # noqa: S602  (our own format string)
    spent = cpu_seconds(pid) - before if pid else float("nan")
    done = re.search(r"(\d+) requests in", out)
    cpu_ms = spent * 1000 / int(done.group(1)) if done and int(done.group(1)) else float("nan")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    p99_ms = float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99_ms, int(errors.group(1)) if errors else 0, cpu_ms


def measure(
    all_servers: list[Server], labels: list[str], pairs: int, seconds: int, connections: int
) -> dict[tuple[str, str], Runs]:
    results: dict[tuple[str, str], Runs] = {}
    bare = all_servers[0]
    for label in labels:
        for _ in range(pairs):
            for server in all_servers:
                if server.only and label not in server.only:
                    continue
                target = "/" if server is bare else server.paths[label]
                runs = results.setdefault((label, server.name), Runs())
                pid = server.process.pid if server.process else None
                rps, p99, errors, cpu_ms = wrk(server.port, target, seconds, connections, pid)
                runs.rps.append(rps)
                runs.p99_ms.append(p99)
                runs.cpu_ms.append(cpu_ms)
                runs.errors += errors
    return results


_NONE = "none: no request finished within wrk's 10 s timeout"


def _short(path: str) -> str:
    return re.sub(r"cursor=[^&]+", "cursor=…", path)


def _spread(values: list[float], digits: int = 0) -> str:
    median = statistics.median(values)
    return f"{median:,.{digits}f} ({min(values):,.{digits}f} to {max(values):,.{digits}f})"


def report(all_servers: list[Server], results: dict[tuple[str, str], Runs]) -> str:
    bare = all_servers[0].name
    lines = [
        "| route | server | requests/s median (range) | p99 ms median (range) "
        "| server CPU ms/request median (range) | % of bare requests/s, per pair |",
        "|---|---|---|---|---|---|",
    ]
    for label in all_servers[1].paths:
        if (label, bare) not in results:
            continue
        base = results[(label, bare)]
        for server in all_servers:
            if (label, server.name) not in results:
                continue
            runs = results[(label, server.name)]
            ratios = [a / b * 100 for a, b in zip(runs.rps, base.rps, strict=True)]
            shown = "`/`" if server.name == bare else f"`{_short(server.paths[label])}`"
            errors = f" ({runs.errors} non-2xx)" if runs.errors else ""
            if not any(runs.rps):
                lines.append(f"| {label} {shown} | {server.name} | {_NONE} | - | - | 0 |")
                continue
            lines.append(
                f"| {label} {shown} | {server.name}{errors} | {_spread(runs.rps)} | "
                f"{_spread(runs.p99_ms, 1)} | {_spread(runs.cpu_ms, 2)} | {_spread(ratios, 1)} |"
            )
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    versions = subprocess.run(
        [
            sys.executable,
            "-c",
            "import fastapi, uvicorn, sqlalchemy, pydantic, starlette; "
            "print(f'fastapi {fastapi.__version__}, starlette {starlette.__version__}, uvicorn "
            "{uvicorn.__version__}, sqlalchemy {sqlalchemy.__version__}, pydantic "
            "{pydantic.__version__}')",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    wrk_version = wrk_version.split("\n")[0]
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return (
        f"- CPU: {cpu}, {os.cpu_count()} cores; load average at the start {load} (other agents "
        f"share the machine: absolute figures are noisy, side-by-side ratios less so)\n"
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {versions}\n"
        f"- {wrk_version}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--port", type=int, default=8701, help="the first of four ports")
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--note", default="", help="a line for RESULTS.md, e.g. the baseline")
    parser.add_argument(
        "--legacy-baseline",
        action="store_true",
        help="the baseline predates include= on records and the (first, last) cursor keys",
    )
    parser.add_argument(
        "--routes", nargs="*", default=None, help="route labels to measure (default: all)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/read_bench_{args.events}.db")
    start = machine()
    build(db, args.events)
    all_servers = servers(db, args.baseline, args.port)
    with running(all_servers):
        cursor = deep_cursor_url(all_servers[1].port, max(1, args.events // 1000))
        for server in all_servers[1:]:
            legacy = server.name.startswith("baseline") and args.legacy_baseline
            server.paths = routes(baseline_cursor(cursor) if legacy else cursor, baseline=legacy)
        labels = [label for label in all_servers[1].paths if label in (args.routes or [label])]
        results = measure(all_servers, labels, args.pairs, args.seconds, args.connections)
    table = report(all_servers, results)
    print(table)
    write(args, db, start, table)


def write(args: argparse.Namespace, db: Path, start: str, table: str) -> None:
    command = " ".join(sys.argv[1:])
    old = args.out.read_text() if args.out.exists() else ""
    kept = MARKER + old.split(MARKER, 1)[1] if MARKER in old else ""
    args.out.write_text(
        f"# Read benchmark\n\n{start}\n\n"
        f"Database: `{db}`, {args.events:,} generated events (bench/sqlfill.py) plus the seed "
        f"data. One uvicorn worker per server, `taskset -c 0`; load `{WRK}` with "
        f"-c{args.connections}, -d{args.seconds}s; {args.pairs} interleaved rounds (A B A B) "
        f"per route. The deep cursor page is {max(1, args.events // 1000) * 500:,} rows in.\n\n"
        f"Command: `python -m bench.read_bench {command}`\n\n{args.note}\n\n{table}\n"
        + (f"\n{kept}" if kept else "")
    )


if __name__ == "__main__":
    main()
