"""Benchmark: end-to-end ingest into SQLite, one process against worker processes.

Data: ``bench.corpus.articles`` (synthetic articles, ~3.3 KB each: seed
sentences recombined with other gazetteer places), written once to a JSON-lines
feed in a temporary folder before timing starts. Measured: wall-clock seconds
of ``dashboard.loader.ingest.ingest`` from the feed into a new SQLite file
(reading the feed, extracting claims, one transaction per article), with
``jobs=1`` (everything in this process: the baseline) and with each larger
``--jobs`` value (extraction in worker processes, this process the one
writer). Each setting runs ``--repeat`` times, taking turns; the table gives
the best and median run and articles per second. The databases must end the
same (same article and event counts), or the bench says so.

Run: ``python -m bench.ingest [--articles 5000] [--jobs 2]``. The issue's aim
on 2 cores: jobs=2 at least 1.6 times jobs=1.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import articles
from dashboard.loader.ingest import default_jobs, ingest
from dashboard.store.rows import Store


def run(feed: Path, folder: Path, jobs: int, label: str) -> tuple[float, dict]:
    db = folder / f"{label}.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    with Store(db) as store:
        ingest([feed], store, jobs=jobs, max_bytes=feed.stat().st_size + 1)  # one file holds the whole feed
        counts = store.counts()
    return time.perf_counter() - start, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[default_jobs()])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "feed.jsonl"
        corpus = articles(args.articles)
        with feed.open("w", encoding="utf-8") as out:
            for i, (text, published) in enumerate(corpus):
                out.write(
                    json.dumps(
                        {
                            "text": text,
                            "published": published.isoformat(),
                            "outlet": "Bench",
                            "url": f"https://example.org/{i}",
                        }
                    )
                    + "\n"
                )
        megabytes = feed.stat().st_size / 1e6
        print(
            f"feed: {len(corpus):,} synthetic articles, {megabytes:.1f} MB of JSON lines; "
            f"{default_jobs()} cores available"
        )
        settings = [1] + [j for j in args.jobs if j != 1]
        times: dict[int, list[float]] = {j: [] for j in settings}
        counts: dict[int, dict] = {}
        for _ in range(args.repeat):
            for jobs in settings:
                seconds, counts[jobs] = run(feed, folder, jobs, f"jobs{jobs}")
                times[jobs].append(seconds)
        print(f"{'setting':28} {'best s':>7} {'articles/s':>11} {'median s':>9} {'vs jobs=1':>10}  database")
        base = min(times[1])
        for jobs in settings:
            best = min(times[jobs])
            label = "baseline: --jobs 1" if jobs == 1 else f"ours: --jobs {jobs}"
            print(
                f"{label:28} {best:7.2f} {len(corpus) / best:11,.0f} {statistics.median(times[jobs]):9.2f} "
                f"{base / best:9.2f}x  {counts[jobs]['articles']:,} articles, {counts[jobs]['events']:,} events"
            )
        if len({(c["articles"], c["events"]) for c in counts.values()}) != 1:
            print("DIFFERENT DATABASES: the settings stored different numbers of articles or events")


if __name__ == "__main__":
    main()
