"""``python -m dashboard``: start the dashboard on http://127.0.0.1:8050 with the seed articles loaded."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.config import Settings, normalise_prefix


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.strip("`"))
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port",
        type=int,
        default=8050,
        help="port (default 8050; 0: a free port the system picks, printed as 'Running on ...')",
    )
    parser.add_argument(
        "--db", default=settings.db, help=f"SQLite file or postgresql://user@host/name URL (default {settings.db})"
    )
    parser.add_argument(
        "--prefix",
        default=settings.prefix,
        help="URL prefix when served behind a proxy, e.g. /tools/conflict-map/ (default /)",
    )
    parser.add_argument(
        "--frame-ancestors",
        default=settings.frame_ancestors,
        help="origins allowed to embed the page in an iframe, CSP syntax (default 'self')",
    )
    parser.add_argument(
        "--seeds",
        type=Path,
        default=settings.seeds_dir,
        help="articles loaded when the database is empty (default seeds/)",
    )
    args = parser.parse_args(argv)
    settings.db, settings.prefix = args.db, normalise_prefix(args.prefix)
    settings.frame_ancestors, settings.seeds_dir = args.frame_ancestors, args.seeds
    from dashboard.web.app import create_app, ensure_seeded

    ensure_seeded(settings)
    app = create_app(settings)
    if args.port == 0:  # Dash's run() takes 0 for "unset" (8050); Flask's binds a free port and prints it
        print(f"conflict map on a free port of {args.host}, under {settings.prefix}", flush=True)
        app.server.run(host=args.host, port=0, debug=False)
    else:
        print(f"conflict map on http://{args.host}:{args.port}{settings.prefix}")
        app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
