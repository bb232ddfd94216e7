"""Two checkouts of the app on one database, side by side: did a change make a route faster?

    .venv/bin/python -m bench.tree_ab --db /tmp/big.db --baseline /tmp/main [--pairs 3]

Serves the database with the --baseline tree and with this one (one uvicorn worker each,
core 0) and loads each with wrk on core 1, A B A B, on the busy-actor list and the deep
cursor page of bench/scale_bench.py. Prints a Markdown table of requests/s and p99.
"""

import argparse
import sqlite3
from pathlib import Path

from bench.read_bench import ROOT, Runs, _spread, running, wrk
from bench.scale_bench import FILTERED, _load, deep_cursor, our_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    servers = [
        our_server(f"baseline ({args.baseline})", 8741, url, args.baseline),
        our_server("this tree", 8742, url, ROOT),
    ]
    with running(servers):
        cursor = deep_cursor(8742, args.db, offset=_events(args.db) // 2)
        print(f"load average before: {_load()}")
        print("| route | server | requests/s median (range) | p99 ms median (range) |")
        print("|---|---|---|---|")
        for label, path in (("actor + date range", FILTERED), ("deep cursor page", cursor)):
            results = {s.name: Runs() for s in servers}
            for _ in range(args.pairs):
                for server in servers:
                    rps, p99, errors, _ = wrk(server.port, path, args.seconds, 8)
                    results[server.name].rps.append(rps)
                    results[server.name].p99_ms.append(p99)
                    results[server.name].errors += errors
            for name, runs in results.items():
                print(f"| {label} | {name} | {_spread(runs.rps, 1)} | {_spread(runs.p99_ms, 1)} |")
        print(f"load average after: {_load()}")


def _events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM event").fetchone()[0])


if __name__ == "__main__":
    main()
