"""Command line: `python -m app migrate | seed | serve`."""

import argparse
import sys
from pathlib import Path

import uvicorn
from sqlmodel import Session

from app.auth.cli import add_keys_command
from app.core.config import get_settings
from app.core.db import get_engine
from app.core.migrate import upgrade
from app.core.registry import install
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
    settings = get_settings()
    uvicorn.run("app.main:create_app", factory=True, host=settings.host, port=settings.port)
    return 0


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
    add_import_commands(commands)
    args = parser.parse_args(argv)
    install(build_registry())
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
