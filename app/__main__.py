"""Command line: `python -m app migrate | seed | serve | backup | restore`."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from app.auth.cli import add_keys_command
from app.backup.service import BackupError, backup, restore
from app.core.config import get_settings
from app.core.db import get_engine
from app.core.migrate import upgrade
from app.core.registry import install
from app.importers.cli import add_foreign_option
from app.imports.cli import add_import_commands
from app.imports.seed import SeedError, seed
from app.records.registry import build_registry


def _migrate(_args: argparse.Namespace) -> int:
    upgrade(get_engine())
    print("migrate: schema is at the latest revision")  # noqa: T201
    return 0


def _seed(args: argparse.Namespace) -> int:
    engine = get_engine()
    upgrade(engine)
    seeds_dir = args.seeds_dir or get_settings().seeds_dir
    try:
        with Session(engine) as session:
            report = seed(session, seeds_dir)
    except SeedError as exc:
        print(exc, file=sys.stderr)  # noqa: T201
        return 1
    print(report)  # noqa: T201
    return 0


def _serve(_args: argparse.Namespace) -> int:
    import uvicorn  # here: the other commands (an import) need not start by loading it

    settings = get_settings()
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
    )
    return 0


def _backup(args: argparse.Namespace) -> int:
    return _copy("backup", backup, args.file, f"wrote {args.file}")


def _restore(args: argparse.Namespace) -> int:
    return _copy("restore", restore, args.file, f"the database now holds {args.file}")


def _copy(name: str, run: Callable[[Engine, Path], None], file: Path, done: str) -> int:
    try:
        run(get_engine(), file)
    except BackupError as exc:
        print(f"{name}: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    print(f"{name}: {done}")  # noqa: T201
    return 0


def _add_backup_commands(commands: Any) -> None:
    backup_cmd = commands.add_parser("backup", help="copy the database to FILE, writes going on")
    backup_cmd.add_argument("file", type=Path)
    backup_cmd.set_defaults(run=_backup)
    restore_cmd = commands.add_parser("restore", help="replace the database with FILE")
    restore_cmd.add_argument("file", type=Path)
    restore_cmd.set_defaults(run=_restore)


def _examples(_args: argparse.Namespace) -> int:
    from app.meta.examples import write_examples

    print(f"examples: wrote {write_examples()}")  # noqa: T201
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)
    seed_cmd = commands.add_parser("seed", help="migrate, then load seeds/ (idempotent)")
    seed_cmd.add_argument("--seeds-dir", type=Path, default=None)
    seed_cmd.set_defaults(run=_seed)
    commands.add_parser("serve", help="serve the API on HOST:PORT").set_defaults(run=_serve)
    commands.add_parser(
        "examples", help="re-record the OpenAPI response examples from the seed data"
    ).set_defaults(run=_examples)
    add_keys_command(commands)
    _add_backup_commands(commands)
    add_import_commands(commands)
    add_foreign_option(commands)
    args = parser.parse_args(argv)
    install(build_registry())
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
