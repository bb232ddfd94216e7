"""`python -m app import --from gdelt-events|gdelt-mentions|acled FILE`: a foreign file
through the importers, with the import's report and the field report."""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlmodel import Session

from app.core.db import get_engine
from app.core.errors import DomainError
from app.core.migrate import upgrade
from app.importers import acled, gdelt, mentions
from app.importers.run import Converter, import_foreign, stem
from app.imports.cli import BarProgress, render

FORMATS: dict[str, Callable[[str, Session], Converter]] = {
    "gdelt-events": lambda name, _: gdelt.GdeltEvents(gdelt.dataset(name)),
    "gdelt-mentions": lambda name, s: mentions.GdeltMentions(mentions.dataset(name), s),
    "acled": lambda name, _: acled.Acled(acled.dataset(name)),
}


def add_foreign_option(commands: Any) -> None:
    """Give `python -m app import` its `--from FORMAT` option (the plain import otherwise)."""
    cmd = commands.choices["import"]
    cmd.add_argument(
        "--from",
        dest="foreign",
        choices=sorted(FORMATS),
        default=None,
        help="convert a GDELT 2.0 events or mentions export, or an ACLED CSV export",
    )
    plain = cmd.get_default("run")
    cmd.set_defaults(run=lambda args: run_foreign(args) if args.foreign else plain(args))


def run_foreign(args: argparse.Namespace) -> int:
    """Migrate, convert and import the file in one transaction; exit 1 on a rejection."""
    engine = get_engine()
    upgrade(engine)
    progress = BarProgress(bar=args.progress or sys.stderr.isatty())
    try:
        with Session(engine) as session, Path(args.file).open("rb") as stream:
            converter = FORMATS[args.foreign](stem(args.file), session)
            report, fields = import_foreign(
                session,
                converter,
                stream,
                dry_run=args.dry_run,
                reason=args.reason,
                progress=progress,
                id_limit=None if args.json else 11,
            )
            session.commit()  # nothing is pending after a dry run or a rejection
    except DomainError as exc:
        print(f"import: {exc.detail}", file=sys.stderr)  # noqa: T201
        return 1
    finally:
        progress.close()
    if args.json:
        body = {"import": report.model_dump(mode="json"), "fields": fields.as_json()}
        print(json.dumps(body, indent=2, ensure_ascii=False))  # noqa: T201
    else:
        print(render(report) + "\n" + fields.render())  # noqa: T201
    return 1 if report.rejected else 0
