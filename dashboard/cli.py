"""``conflict-map``: one command with a subcommand per ``python -m`` entry point, which it only dispatches to.

    conflict-map serve [--port 8050 ...]      python -m dashboard
    conflict-map ingest PATHS... [--db ...]   python -m dashboard.loader ingest
    conflict-map export --csv FILE ...        python -m dashboard.loader export
    conflict-map png --out map.png ...        python -m dashboard.export
    conflict-map publish ...                  python -m dashboard.publish
    conflict-map users ...                    python -m dashboard.users
    conflict-map pull ...                     python -m dashboard.loader pull
    conflict-map explain FILE                 python -m dashboard.loader explain

Each subcommand's own flags are the entry point's (``conflict-map png --help``); nothing is parsed twice.
"""

from __future__ import annotations

import importlib
import sys

# subcommand -> (module whose main(argv) runs it, the words put before the user's arguments, what it does)
COMMANDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "serve": ("dashboard.__main__", (), "start the page (python -m dashboard)"),
    "ingest": ("dashboard.loader.__main__", ("ingest",), "read articles into the database"),
    "export": ("dashboard.loader.__main__", ("export",), "write the event table as CSV or GeoJSON"),
    "png": ("dashboard.export", (), "write a PNG snapshot (or a timeline of them) of the map"),
    "publish": ("dashboard.publish", (), "write the static page for public readers"),
    "users": ("dashboard.users", (), "the review desk's accounts: add, list, disable, reset passwords, roles"),
    "pull": ("dashboard.loader.__main__", ("pull",), "fetch articles from the configured feeds"),
    "explain": ("dashboard.loader.__main__", ("explain",), "show every candidate claim of an article and why"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {what}" for name, (_, _, what) in COMMANDS.items()]
    return (
        "usage: conflict-map COMMAND [ARGS...]   (conflict-map COMMAND --help for its flags)\n\ncommands:\n"
        + "\n".join(lines)
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"conflict-map: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module, lead, _ = COMMANDS[command]
    return importlib.import_module(module).main([*lead, *rest]) or 0


if __name__ == "__main__":
    sys.exit(main())
