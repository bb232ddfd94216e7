"""Hold a bounded load on a running server and count errors (anything but the answers the
API documents): `python bench/hold_load.py [URL] [SECONDS] [CLIENTS]`.

Reads (lists, records, search) with a few conflicting-free writes when WRITE_KEY is set.
An error is a 5xx other than a documented 503 with Retry-After, or a transport failure.
"""

import os
import sys
import threading
import time

import httpx

READS = ["/events?limit=20", "/actors?limit=50", "/search?q=nato", "/sources?limit=10"]


def _client_loop(base: str, until: float, counts: dict[str, int], lock: threading.Lock) -> None:
    key = os.environ.get("WRITE_KEY")
    with httpx.Client(base_url=base, timeout=10) as client:
        i = 0
        while time.monotonic() < until:
            i += 1
            try:
                if key and i % 10 == 0:
                    body = {"kind": "organisation", "name": f"Load {threading.get_ident()} {i}"}
                    headers = {"Authorization": f"Bearer {key}"}
                    r = client.post("/actors?new=true", json=body, headers=headers)
                else:
                    r = client.get(READS[i % len(READS)])
                bad = r.status_code >= 500 and not (
                    r.status_code == 503 and "retry-after" in r.headers
                )
            except httpx.HTTPError:
                bad = True
            with lock:
                counts["requests"] += 1
                counts["errors"] += int(bad)


def main(base: str, seconds: float, clients: int) -> None:
    counts, lock = {"requests": 0, "errors": 0}, threading.Lock()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client_loop, args=(base, until, counts, lock))
        for _ in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done, errors = counts["requests"], counts["errors"]
    print(f"{done} requests in {seconds:.0f} s ({done / seconds:.0f}/s), {errors} errors")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        args[0] if args else "http://127.0.0.1:8000",
        float(args[1]) if len(args) > 1 else 10,
        int(args[2]) if len(args) > 2 else 4,
    )
