"""A throwaway PostgreSQL cluster for the test session (see RECIPES.md)."""

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.served import free_port


def find_bindir() -> Path | None:
    """The newest local PostgreSQL server's bin directory, if one is installed."""
    if path := os.environ.get("PG_BINDIR"):
        return Path(path)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _run(argv: list[str], as_postgres: bool) -> None:
    if as_postgres:
        # The server refuses to run as root; `su` runs it as the postgres user instead.
        argv = ["su", "postgres", "-c", " ".join(argv)]
    subprocess.run(argv, check=True, capture_output=True, timeout=120)


@contextmanager
def running_cluster(bindir: Path) -> Iterator[str]:
    """Start a private cluster on a free port; yield its server URL; stop and delete it."""
    workdir = Path(tempfile.mkdtemp(prefix="er-pg-"))
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(workdir, "postgres")
    data, port = workdir / "data", free_port()
    _run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        as_postgres,
    )
    options = f"'-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off'"
    _run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(workdir / "log"),
            "-w",
            "start",
        ],
        as_postgres,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        _run(
            [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres
        )
        shutil.rmtree(workdir, ignore_errors=True)
