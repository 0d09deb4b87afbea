"""``python -m dashboard.users add NAME``: editors' accounts for the review page (argon2 password hashes).

    python -m dashboard.users add NAME [--db DB]     # asks for the password twice (or reads one line on stdin)
    python -m dashboard.users remove NAME [--db DB]
    python -m dashboard.users list [--db DB]

``add`` on an existing name sets a new password. Passwords are stored only as
argon2id hashes (argon2-cffi's defaults); every change is in the audit trail.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from dashboard.config import Settings

MIN_PASSWORD = 10


def _password(name: str) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"password for {name}: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("users: the two passwords differ; nothing changed")
    return first


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="python -m dashboard.users", description="Editors of the review page.")
    parser.add_argument("command", choices=("add", "remove", "list"))
    parser.add_argument("name", nargs="?", help="the editor's name (add, remove)")
    parser.add_argument("--db", default=settings.db, help=f"SQLite file or postgresql:// URL (default {settings.db})")
    args = parser.parse_args(argv)
    from dashboard.review import records
    from dashboard.review.auth import hash_password
    from dashboard.store import Store
    if args.command != "list" and not (args.name or "").strip():
        parser.error(f"{args.command} needs a NAME")
    name = (args.name or "").strip()
    with Store(args.db) as store:
        if args.command == "list":
            with store.engine.connect() as conn:
                for editor in records.editor_names(conn):
                    print(editor)
            return 0
        if args.command == "remove":
            with store.engine.begin() as conn:
                removed = records.remove_editor(conn, name, by="command line")
            print(f"removed editor {name}" if removed else f"users: no editor named {name!r}")
            return 0 if removed else 1
        password = _password(name)
        if len(password) < MIN_PASSWORD:
            print(f"users: the password must have at least {MIN_PASSWORD} characters; nothing changed",
                  file=sys.stderr)
            return 2
        with store.engine.begin() as conn:
            new = records.set_editor(conn, name, hash_password(password), by="command line")
        print(f"{'added editor' if new else 'new password for'} {name} in {store.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
