"""Command line of the loader: ``python -m dashboard.loader ingest seeds/ --db data/events.db``, ``... export``;
``python -m dashboard.loader explain article.txt`` prints every candidate claim and the reading step that kept or
dropped it; ``python -m dashboard.loader pull --feeds feeds.toml [--once | --every 15m]``
(``dashboard.loader.pull``)."""

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


def _duration(value: str) -> float:
    from dashboard.loader.feeds import ConfigProblem, parse_duration

    try:
        return parse_duration(value, "--every")
    except ConfigProblem as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _pull(args) -> int:
    from dashboard.loader.feeds import ConfigProblem, load_config
    from dashboard.loader.pull import Puller, run_every
    from dashboard.store.rows import Store

    try:
        config = load_config(args.feeds)
    except ConfigProblem as problem:
        print(f"pull: {problem}", file=sys.stderr)
        return 2
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    with Store(args.db) as store, Puller(config, store, jobs=args.jobs, progress=progress) as puller:
        if args.every:
            run_every(puller, args.every, report=lambda line: print(line, flush=True))
            return 0
        summary = puller.pull_once(force=args.all)
        print(summary.line())
        for line in summary.failed:
            print(f"  failed {line}")
        for line in summary.articles.refused:
            print(f"  refused {line}")
    return 1 if summary.feeds_due and len(summary.failed) == summary.feeds_due else 0


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.loader", description="Turn news articles into a dated table of territorial claims."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="read articles (.txt, .html, .jsonl; files or folders) into the database")
    ingest.add_argument("paths", nargs="+", type=Path, help="article files or folders (with manifest.csv)")
    ingest.add_argument(
        "--db", default=settings.db, help=f"SQLite file or postgresql://user@host/name URL (default {settings.db})"
    )
    ingest.add_argument("--published", type=_date, help="publication date for articles without one (YYYY-MM-DD)")
    ingest.add_argument(
        "--max-bytes",
        type=int,
        default=settings.max_article_bytes,
        help=f"refuse files larger than this (default {settings.max_article_bytes:,})",
    )
    ingest.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on for a terminal)",
    )
    ingest.add_argument(
        "--jobs", type=_positive, default=None, help="processes reading claims (default: the number of cores)"
    )
    ingest.add_argument(
        "--reread",
        action="store_true",
        help="read articles already stored again (new rules) and replace their events; editors' decisions are kept",
    )
    ingest.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read symbolic links inside the folders given (refused by default: a link may point "
        "at any file of this machine)",
    )
    ingest.add_argument(
        "--verbose",
        action="store_true",
        help="list every warning of every article (default: one line per distinct warning)",
    )
    pull = sub.add_parser("pull", help="pull new articles from the news feeds of a feeds file (RSS, Atom, JSON Feed)")
    pull.add_argument("--feeds", type=Path, required=True, help="the feeds file (TOML: [settings], [[feeds]])")
    pull.add_argument(
        "--db", default=settings.db, help=f"SQLite file or postgresql://user@host/name URL (default {settings.db})"
    )
    when = pull.add_mutually_exclusive_group()
    when.add_argument(
        "--once", action="store_true", help="pull the feeds that are due once, then stop (cron; the default)"
    )
    when.add_argument(
        "--every",
        type=_duration,
        metavar="DURATION",
        help="keep running: pull the feeds that are due every DURATION (90s, 15m, 1h)",
    )
    pull.add_argument("--all", action="store_true", help="pull every feed now, even those not due yet")
    pull.add_argument("--jobs", type=_positive, default=1, help="processes reading claims (default 1)")
    pull.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on for a terminal)",
    )
    export = sub.add_parser("export", help="write the event table as CSV or GeoJSON")
    export.add_argument("--db", default=settings.db, help="SQLite file or postgresql:// URL")
    export.add_argument("--csv", type=Path, help="write events to this CSV file")
    export.add_argument("--geojson", type=Path, help="write events to this GeoJSON file")
    export.add_argument(
        "--view",
        choices=("reader", "desk", "all"),
        default="reader" if settings.review else "all",
        help="reader: confirmed and corrected claims, corrected values; desk: every claim with its "
        "review state; all: every claim (default: reader when CONFLICT_MAP_REVIEW=on, else all)",
    )
    explain = sub.add_parser(
        "explain",
        help="print every candidate claim of an article file and the reading step "
        "that kept or dropped it (nothing is stored)",
    )
    explain.add_argument("path", type=Path, help="one article file (.txt, .html; a .jsonl feed: each line)")
    explain.add_argument(
        "--published", type=_date, help="publication date if neither a manifest nor the page gives one (YYYY-MM-DD)"
    )
    return parser


def explain(path: Path, published: date | None, out=None) -> int:
    """Print each article's candidates, sentence by sentence, with the step that kept or dropped each; then
    the events. Returns 1 when the file could not be read."""
    from dashboard.loader.extract import EventExtractor
    from dashboard.loader.read import ArticleProblem, ReadWarning, read_path

    out = out or sys.stdout
    if not path.is_file():
        print(f"explain: {path} is not a file", file=sys.stderr)
        return 1
    extractor = EventExtractor()
    read_any = False
    for item in read_path(path, published):
        if isinstance(item, ArticleProblem):
            print(f"explain: {item}", file=sys.stderr)
            continue
        if isinstance(item, ReadWarning):
            continue
        read_any = True
        trace: list = []
        extraction = extractor.extract(item.text, item.published, trace)
        print(f"{item.source} (published {item.published}, report day {extraction.report_day})", file=out)
        sentence = None
        for entry in sorted(trace, key=lambda e: (e.sentence.start, e.pos)):
            if entry.sentence is not sentence:
                sentence = entry.sentence
                shown = " ".join(sentence.text.split())
                print(f"\n  [{sentence.start}] {shown[:200]}{'...' if len(shown) > 200 else ''}", file=out)
            what = "place" if entry.kind == "place" else entry.action
            verdict = "kept" if entry.kept else f"dropped by {entry.step}"
            words = f"{entry.words!r}" if entry.words else "(its claim)"
            print(f"    {what:<9} {words:<28} {verdict}{': ' + entry.detail if entry.detail else ''}", file=out)
        print(f"\n  events: {len(extraction.events)}", file=out)
        for event in extraction.events:
            where = event.place_name or (
                f"{event.area_km2:g} km2"
                if event.area_km2
                else f"{event.settlements} settlements"
                if event.settlements
                else "-"
            )
            print(
                f"    {event.actor} {event.action} {where} ({event.oblast_iso or 'no oblast'}) {event.event_date}"
                f"{'  said by ' + event.attribution if event.attribution else ''}"
                f"{f' = {event.claimant}' if event.claimant else ''}"
                f"{f'  score {event.score:.3f}' if event.score is not None else ''}",
                file=out,
            )
        for warning in extraction.warnings:
            print(f"  warning: {warning}", file=out)
    return 0 if read_any else 1


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    args = build_parser(settings).parse_args(argv)
    if args.command == "explain":
        return explain(args.path, args.published)
    if args.command == "pull":
        return _pull(args)
    from dashboard.review.read import store_events
    from dashboard.store.rows import Store, export_csv, export_geojson

    if args.command == "ingest":
        from dashboard.loader.ingest import default_jobs, ingest

        progress = sys.stderr.isatty() if args.progress is None else args.progress
        with Store(args.db) as store:
            summary = ingest(
                args.paths,
                store,
                args.published,
                args.max_bytes,
                progress=progress,
                jobs=args.jobs or default_jobs(),
                reread=args.reread,
                follow_symlinks=args.follow_symlinks,
            )
            totals = store.counts()
        for line in summary.lines(verbose=args.verbose):
            print(line)
        print(f"database {store.target}: {totals['articles']} articles, {totals['events']} events in all")
        return 0 if summary.articles_read or not summary.refused else 1
    with Store(args.db) as store:
        frame = store_events(store, args.view)
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
