"""``python -m dashboard.users add NAME``: editors' accounts for the review page (argon2 password hashes).

    python -m dashboard.users add NAME [--role editor|admin] [--db DB]   # asks for the password twice
    python -m dashboard.users remove NAME [--db DB]
    python -m dashboard.users list [--db DB]                 # name, role, active or disabled since, created
    python -m dashboard.users disable NAME | enable NAME     # a disabled account cannot sign in; its sessions end
    python -m dashboard.users reset-password NAME            # a new password (its sessions end)
    python -m dashboard.users role NAME editor|admin         # admins also manage accounts on the review page
                                                             # and read every editor's audit trail

``add`` on an existing name sets a new password. Passwords are stored only as
argon2id hashes (argon2-cffi's defaults); every change is in the audit trail
(by "command line").
"""

from __future__ import annotations

import argparse
import getpass
import sys

from dashboard.config import Settings
from dashboard.store.tables import ROLES

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
    parser.add_argument("command", choices=("add", "remove", "list", "disable", "enable", "reset-password", "role"))
    parser.add_argument("name", nargs="?", help="the editor's name (every command but list)")
    parser.add_argument("new_role", nargs="?", choices=ROLES, help="role: the account's new role")
    parser.add_argument("--role", choices=ROLES, default="editor", help="add: the new account's role")
    parser.add_argument("--db", default=settings.db, help=f"SQLite file or postgresql:// URL (default {settings.db})")
    args = parser.parse_args(argv)
    from dashboard.review import records
    from dashboard.review.auth import hash_password
    from dashboard.store.rows import Store

    if args.command != "list" and not (args.name or "").strip():
        parser.error(f"{args.command} needs a NAME")
    name = (args.name or "").strip()
    with Store(args.db) as store:
        if args.command == "list":
            with store.engine.connect() as conn:
                for account in records.accounts(conn):
                    state = f"disabled since {account['disabled_at']}" if account["disabled_at"] else "active"
                    print(f"{account['name']}\t{account['role']}\t{state}\tcreated {account['created_at']}")
            return 0
        if args.command in ("disable", "enable"):
            with store.engine.begin() as conn:
                changed = records.set_disabled(conn, name, args.command == "disable", by="command line")
            print(f"{args.command}d editor {name}" if changed else f"users: no editor named {name!r}")
            return 0 if changed else 1
        if args.command == "role":
            if args.new_role is None:
                parser.error(f"role needs NAME and one of {', '.join(ROLES)}")
            with store.engine.begin() as conn:
                changed = records.set_role(conn, name, args.new_role, by="command line")
            print(f"{name} is now {args.new_role}" if changed else f"users: no editor named {name!r}")
            return 0 if changed else 1
        if args.command == "reset-password":
            with store.engine.connect() as conn:
                if name not in records.editor_names(conn):
                    print(f"users: no editor named {name!r}", file=sys.stderr)
                    return 1
        if args.command == "remove":
            with store.engine.begin() as conn:
                removed = records.remove_editor(conn, name, by="command line")
            print(f"removed editor {name}" if removed else f"users: no editor named {name!r}")
            return 0 if removed else 1
        password = _password(name)
        if len(password) < MIN_PASSWORD:
            print(f"users: the password must have at least {MIN_PASSWORD} characters; nothing changed", file=sys.stderr)
            return 2
        with store.engine.begin() as conn:
            new = records.set_editor(conn, name, hash_password(password), by="command line")
            if new and args.role != "editor":
                records.set_role(conn, name, args.role, by="command line")
        print(f"{'added editor' if new else 'new password for'} {name} in {store.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
