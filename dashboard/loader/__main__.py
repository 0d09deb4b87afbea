"""Command line of the loader: ``python -m dashboard.loader ingest seeds/ --db data/events.db``."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from dashboard.config import Settings


def _date(value: str) -> date:
    from dashboard.loader.read import ArticleProblem, parse_date
    parsed = parse_date(value, "--published", "date")
    if isinstance(parsed, ArticleProblem):
        raise argparse.ArgumentTypeError(parsed.problem)
    return parsed


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.loader",
                                     description="Turn news articles into a dated table of territorial claims.")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="read articles (.txt, .html, .jsonl; files or folders) into the database")
    ingest.add_argument("paths", nargs="+", type=Path, help="article files or folders (with manifest.csv)")
    ingest.add_argument("--db", default=settings.db,
                        help=f"SQLite file or postgresql://user@host/name URL (default {settings.db})")
    ingest.add_argument("--published", type=_date, help="publication date for articles without one (YYYY-MM-DD)")
    ingest.add_argument("--max-bytes", type=int, default=settings.max_article_bytes,
                        help=f"refuse files larger than this (default {settings.max_article_bytes:,})")
    ingest.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar (default: on for a terminal)")
    ingest.add_argument("--jobs", type=_positive, default=None,
                        help="processes reading claims (default: the number of cores)")
    ingest.add_argument("--reread", action="store_true",
                        help="read articles already stored again (new rules) and replace their events; "
                             "editors' decisions are kept")
    ingest.add_argument("--follow-symlinks", action="store_true",
                        help="read symbolic links inside the folders given (refused by default: a link may point "
                             "at any file of this machine)")
    ingest.add_argument("--verbose", action="store_true",
                        help="list every warning of every article (default: one line per distinct warning)")
    export = sub.add_parser("export", help="write the event table as CSV or GeoJSON")
    export.add_argument("--db", default=settings.db, help="SQLite file or postgresql:// URL")
    export.add_argument("--csv", type=Path, help="write events to this CSV file")
    export.add_argument("--geojson", type=Path, help="write events to this GeoJSON file")
    export.add_argument("--view", choices=("reader", "desk", "all"), default="reader" if settings.review else "all",
                        help="reader: confirmed and corrected claims, corrected values; desk: every claim with its "
                             "review state; all: every claim (default: reader when CONFLICT_MAP_REVIEW=on, else all)")
    return parser


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    args = build_parser(settings).parse_args(argv)
    from dashboard.store import Store, export_csv, export_geojson
    if args.command == "ingest":
        from dashboard.loader.ingest import default_jobs, ingest
        progress = sys.stderr.isatty() if args.progress is None else args.progress
        with Store(args.db) as store:
            summary = ingest(args.paths, store, args.published, args.max_bytes, progress=progress,
                             jobs=args.jobs or default_jobs(), reread=args.reread,
                             follow_symlinks=args.follow_symlinks)
            totals = store.counts()
        for line in summary.lines(verbose=args.verbose):
            print(line)
        print(f"database {store.target}: {totals['articles']} articles, {totals['events']} events in all")
        return 0 if summary.articles_read or not summary.refused else 1
    with Store(args.db) as store:
        frame = store.events_frame(args.view)
    if not (args.csv or args.geojson):
        print("export: give --csv FILE and/or --geojson FILE", file=sys.stderr)
        return 2
    if args.csv:
        export_csv(frame, args.csv)
        print(f"wrote {len(frame)} events to {args.csv}")
    if args.geojson:
        export_geojson(frame, args.geojson)
        print(f"wrote {len(frame)} events to {args.geojson}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
