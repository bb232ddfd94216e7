"""`python -m app keys create | list | revoke`: API keys from the command line.

Its own module so that app/__main__.py only registers the command.
"""

import argparse
import sys
from datetime import datetime

from sqlmodel import Session

from app.auth import service
from app.core.db import get_engine
from app.core.migrate import upgrade

_COLUMNS = ("id", "name", "scopes", "created", "expires", "revoked", "last used")


def _session() -> Session:
    engine = get_engine()
    upgrade(engine)  # as `seed` does: the command works on a new database too
    return Session(engine)


def _create(args: argparse.Namespace) -> int:
    with _session() as session:
        key, plaintext = service.create_key(
            session, name=args.name, scopes=args.scopes, expires_in_days=args.expires_in_days
        )
        session.commit()
        expires = _when(key.expires_at, "never")
        scopes = ",".join(service.granted_scopes(key))
        # The notice goes to stderr so that stdout holds the key alone: KEY=$(python -m app …).
        print(  # noqa: T201
            f"Created API key {key.id} ({key.name}; scopes: {scopes}; expires: {expires}).\n"
            "It is shown this once and cannot be recovered; store it now.",
            file=sys.stderr,
        )
    print(plaintext)  # noqa: T201
    return 0


def _list(_args: argparse.Namespace) -> int:
    with _session() as session:
        rows = [_COLUMNS] + [
            (
                key.id,
                key.name,
                ",".join(service.granted_scopes(key)),
                _when(key.created_at, "-"),
                _when(key.expires_at, "never"),
                _when(key.revoked_at, "-"),
                _when(key.last_used_at, "never"),
            )
            for key in service.list_keys(session)
        ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print(line.rstrip())  # noqa: T201
    return 0


def _revoke(args: argparse.Namespace) -> int:
    with _session() as session:
        key = service.revoke_key(session, args.key_id)
        if key is None:
            print(f"keys: no API key with id '{args.key_id}'", file=sys.stderr)  # noqa: T201
            return 1
        session.commit()
        print(f"keys: revoked {key.id} ({key.name})")  # noqa: T201
    return 0


def _when(moment: datetime | None, none: str) -> str:
    return none if moment is None else moment.isoformat(timespec="seconds")


def _positive(text: str) -> int:
    days = int(text)
    if days < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return days


def add_keys_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register `keys` and its subcommands on the main parser's subcommands."""
    keys = commands.add_parser("keys", help="create, list and revoke API keys")
    actions = keys.add_subparsers(dest="keys_command", required=True)
    create = actions.add_parser("create", help="create a key and print it, once")
    create.add_argument(
        "--scope",
        dest="scopes",
        action="append",
        required=True,
        choices=service.SCOPES,
        help="a scope to grant (repeatable); admin implies write, write implies read",
    )
    create.add_argument("--name", default="unnamed", help="who or what uses the key")
    create.add_argument("--expires-in-days", type=_positive, default=None, metavar="N")
    create.set_defaults(run=_create)
    actions.add_parser("list", help="list keys (never their secrets)").set_defaults(run=_list)
    revoke = actions.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id", metavar="ID")
    revoke.set_defaults(run=_revoke)
