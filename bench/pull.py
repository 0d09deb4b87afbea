"""Benchmark: ``pull`` from a local HTTP server against ``ingest`` of the same articles from files; and memory
over a long ``--every`` run.

Data: ``bench.corpus.articles`` (synthetic articles, ~3.3 KB of text each),
written as HTML pages (the text in paragraphs, the date in
``article:published_time``, a menu and a footer around it). The same pages
are (a) files in a folder, read by ``ingest`` (trafilatura's main text, the
page's date: the saved-HTML path) and (b) served from a threaded
``http.server`` on 127.0.0.1 with 20 RSS feeds of 50 items each, read by
``pull`` (the feed documents, then every item's page, then the same
reading). Measured: wall-clock seconds from an empty SQLite file to every
article stored, for ``--jobs 1`` and ``--jobs 2``; items (articles) per
second; pull's time over ingest's at the same jobs (the aim: within 1.5x).
``host_delay`` is 0 here: all 20 feeds are on one host, and the per-host
delay of a real deployment (1 s by default) would measure the politeness,
not the loader.

Memory: one ``Puller`` runs ``--pulls`` pulls through ``run_every`` (the
``--every`` loop, the clock moved on an interval per pull, nothing slept),
against 5 feeds whose 20-item window moves on by one new full-content item
per pull (so every pull parses 5 documents and stores 5 articles). The
process's resident memory (``/proc/self/statm``) and the Python heap
(``tracemalloc``, with ``--tracemalloc``: slower) are sampled after the
first 10, 100, ... pulls; growth between the 100th and the last pull is the
figure.

Run: ``python -m bench.pull [--articles 1000] [--repeat 3] [--pulls 1000] [--tracemalloc]``. Each setting
runs ``--repeat`` times, taking turns; the table gives the best and the median.
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.corpus import articles
from dashboard.loader.feeds import load_config
from dashboard.loader.ingest import ingest
from dashboard.loader.pull import Puller, run_every
from dashboard.store.rows import Store
from tests.feedserver import FeedSite, Story, rss

FEEDS, ITEMS = 20, 50


def page(title: str, text: str, published: str) -> bytes:
    body = "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n\n"))
    return (
        f'<!doctype html><html><head><title>{html.escape(title)}</title><meta property="article:published_time" '
        f'content="{published}"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{body}</article><footer>Contact us</footer></body></html>"
    ).encode()


def feeds_toml(folder: Path, urls: list[str], interval: str = "15m") -> Path:
    path = folder / "feeds.toml"
    lines = [
        "[settings]",
        'user_agent = "conflict-map bench (Bench desk; bench@example.org)"',
        "host_delay = 0",
        'allow_hosts = ["127.0.0.1"]',
        "fetch_threads = 4",
    ]
    for n, url in enumerate(urls):
        lines += [
            "",
            "[[feeds]]",
            f'name = "feed-{n:02}"',
            'outlet = "Bench"',
            f'url = "{url}"',
            f'interval = "{interval}"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(action) -> tuple[float, dict]:
    start = time.perf_counter()
    counts = action()
    return time.perf_counter() - start, counts


def throughput(count: int, folder: Path, jobs_list: list[int], repeat: int) -> None:
    corpus = articles(count)
    pages = folder / "pages"
    pages.mkdir()
    with FeedSite() as site:
        stories = []
        for n, (text, published) in enumerate(corpus):
            body = page(f"Bench report {n}", text, published.isoformat())
            (pages / f"report-{n:05}.html").write_bytes(body)
            site.fixed(f"/news/report-{n:05}", body)
            stories.append(Story(f"report-{n:05}", "", published.isoformat(), published.isoformat()))
        urls = []
        per_feed = max(1, len(stories) // FEEDS)
        for f in range(FEEDS):
            chunk = stories[f * per_feed : (f + 1) * per_feed]
            site.fixed(f"/feed-{f:02}.xml", rss(site.base, chunk), "application/rss+xml")
            urls.append(f"{site.base}/feed-{f:02}.xml")
        config = load_config(feeds_toml(folder, urls))
        megabytes = sum(p.stat().st_size for p in pages.iterdir()) / 1e6
        print(
            f"{len(corpus):,} articles as HTML pages ({megabytes:.1f} MB); {FEEDS} RSS feeds of {per_feed} items "
            f"on {site.base}; {len(os.sched_getaffinity(0))} cores"
        )
        runs: dict[tuple[str, int], list[float]] = {}
        counts: dict[tuple[str, int], dict] = {}
        for _ in range(repeat):  # taking turns, so that a busy moment of a shared machine hits both
            for jobs in jobs_list:
                for what, action in (("ingest", from_files), ("pull", from_feeds)):
                    seconds, counts[what, jobs] = timed(lambda a=action, j=jobs: a(folder, config, pages, j))
                    runs.setdefault((what, jobs), []).append(seconds)
        print(
            f"{'what (best of ' + str(repeat) + ')':34} {'seconds':>8} {'items/s':>8} {'median s':>9} "
            f"{'vs ingest':>10}  database"
        )
        for jobs in jobs_list:
            base = min(runs["ingest", jobs])
            for what, label in (("ingest", "ingest of the files"), ("pull", "pull from the server")):
                best, c = min(runs[what, jobs]), counts[what, jobs]
                ratio = f"{best / base:9.2f}x" if what == "pull" else ""
                print(
                    f"{label + ', --jobs ' + str(jobs):34} {best:8.2f} {len(corpus) / best:8.1f} "
                    f"{statistics.median(runs[what, jobs]):9.2f} {ratio:>10}  {c['articles']:,} articles, "
                    f"{c['events']:,} events"
                )


def from_files(folder: Path, config, pages: Path, jobs: int) -> dict:
    db = folder / f"ingest{jobs}.db"
    for stale in folder.glob(f"ingest{jobs}.db*"):
        stale.unlink()
    with Store(db) as store:
        ingest([pages], store, jobs=jobs)
        return store.counts()


def from_feeds(folder: Path, config, pages: Path, jobs: int) -> dict:
    db = folder / f"pull{jobs}.db"
    for stale in folder.glob(f"pull{jobs}.db*"):
        stale.unlink()
    with Store(db) as store, Puller(config, store, jobs=jobs) as puller:
        summary = puller.pull_once()
        assert not summary.failed and not summary.articles.refused, (summary.failed, summary.articles)
        return store.counts()


def rss_kb() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def memory(pulls: int, folder: Path, trace: bool) -> None:
    feeds, window = 5, 20
    state = {"pull": 0}
    with FeedSite() as site:

        def handler(number):
            def answer(request):
                first = state["pull"]
                items = [Story(f"f{number}-{k}", "", "2022-09-13", "2022-09-13") for k in range(first, first + window)]
                return 200, {"Content-Type": "application/rss+xml"}, rss(site.base, items, full=True)

            return answer

        for number in range(feeds):
            site.route(f"/moving-{number}.xml", handler(number))
        config = load_config(feeds_toml(folder, [f"{site.base}/moving-{n}.xml" for n in range(feeds)], "15m"))
        clock = {"now": datetime(2026, 3, 2, tzinfo=UTC)}
        samples: list[tuple[int, int, int]] = []
        marks = {1, 10, 100, pulls} | set(range(250, pulls + 1, 250))
        if trace:
            tracemalloc.start()
        with Store(folder / "memory.db") as store, Puller(config, store, now=lambda: clock["now"]) as puller:

            def report(line: str) -> None:
                state["pull"] += 1
                clock["now"] += timedelta(minutes=15)
                if state["pull"] in marks:
                    heap = tracemalloc.get_traced_memory()[0] // 1024 if trace else 0
                    samples.append((state["pull"], rss_kb(), heap))

            start = time.perf_counter()
            run_every(puller, 0, pulls=pulls, report=report, sleep=lambda seconds: None)
            seconds = time.perf_counter() - start
            counts = store.counts()
        print(
            f"memory over {pulls:,} pulls of the --every loop ({feeds} feeds, 1 new item each per pull; "
            f"{counts['articles']:,} articles stored; {seconds:.0f} s)"
        )
        print(f"{'after pull':>10} {'RSS MB':>8}" + (f" {'Python heap MB':>15}" if trace else ""))
        for number, resident, heap in samples:
            print(f"{number:10,} {resident / 1024:8.1f}" + (f" {heap / 1024:15.2f}" if trace else ""))
        at_100 = next(s for s in samples if s[0] == 100)
        last = samples[-1]
        print(
            f"growth from pull 100 to pull {last[0]:,}: RSS {(last[1] - at_100[1]) / 1024:+.1f} MB"
            + (f", Python heap {(last[2] - at_100[2]) / 1024:+.2f} MB" if trace else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=FEEDS * ITEMS)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each setting, taking turns (best kept)")
    parser.add_argument("--pulls", type=int, default=1000, help="pulls of the memory run (0: none)")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap (slower)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.articles:
            throughput(args.articles, folder, args.jobs, args.repeat)
        if args.pulls >= 100:
            memory(args.pulls, folder, args.tracemalloc)


if __name__ == "__main__":
    main()
