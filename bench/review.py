"""Benchmark: what review adds to reading the events, at 100,000 events, beside the read without it.

Data: 100,000 synthetic events (``bench.slider.synthetic_frame``: the seed claims on random gazetteer places and
days, a fixed random seed), each with its own article hash and sentence span; decisions on 10 % of them
(9 % confirmed, 1 % corrected to another place, 0.5 % rejected: 10,500 decisions).

Measured (median of 5 runs, one core, this process):
- ``event_keys``: the stable keys of every event (done on every read of the store);
- ``effective_events`` for the reader's and the desk's view;
- beside them, the baseline: building the map's ``EventIndex`` from the same frame (what every read of the
  store costs without review), so the review's share of a reload can be read off.

- the review queue's page (``dashboard.review.pages.queue_page``) at 100,000 claims, in each order, the first
  page and one 50 pages deep (keyset cursor), the counts at its top, and the whole page over HTTP (the
  dashboard serving a database of the same 100,000 claims, ``--http``).

Run: ``python -m bench.review [--http]``
"""

from __future__ import annotations

import json
import statistics
import time

import numpy as np
import pandas as pd

from bench.slider import seed_frame, synthetic_frame
from dashboard.geo import gazetteer
from dashboard.query.index import EventIndex
from dashboard.review.identity import event_keys
from dashboard.review.view import DESK, READER, effective_events

SIZE = 100_000
RUNS = 5


def timed(function) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(5)
    frame = synthetic_frame(seed_frame(), SIZE)
    frame["id"] = np.arange(1, SIZE + 1)
    frame["content_hash"] = [f"{i // 10:024x}" for i in range(SIZE)]  # ten claims per article
    frame["sentence_start"] = np.arange(SIZE) % 10 * 200
    frame["sentence_end"] = frame["sentence_start"] + 150
    keyed = frame.assign(event_key=event_keys(frame)).drop(columns="content_hash")
    chosen = rng.choice(SIZE, 10_500, replace=False)
    states = ["confirmed"] * 9_000 + ["corrected"] * 1_000 + ["rejected"] * 500
    izium = {"place_name": "Izium", "geonameid": 707292, "latitude": 49.20697, "longitude": 37.27679}
    decisions = pd.DataFrame(
        {
            "event_key": keyed["event_key"].to_numpy()[chosen],
            "state": states,
            "changes": [json.dumps(izium) if s == "corrected" else "{}" for s in states],
            "extracted": "{}",
            "note": "",
            "editor": "bench",
            "created_at": "2026-01-01T00:00:00+00:00",
        }
    )
    oblasts = {code: o.name for code, o in gazetteer().oblasts.items()}
    keys = timed(lambda: event_keys(frame))
    reader = timed(lambda: effective_events(keyed, decisions, READER))
    desk = timed(lambda: effective_events(keyed, decisions, DESK))
    index = timed(lambda: EventIndex(keyed, oblasts))
    print(f"{SIZE:,} events, {len(decisions):,} decisions; median of {RUNS} runs, one core")
    print(f"  baseline: EventIndex from the frame (a reload without review)  {index * 1000:8.0f} ms")
    print(f"  event_keys (every read of the store)                           {keys * 1000:8.0f} ms")
    print(f"  effective_events, reader view                                  {reader * 1000:8.0f} ms")
    print(f"  effective_events, desk view                                    {desk * 1000:8.0f} ms")
    queue_figures(effective_events(keyed, decisions, DESK))


def queue_figures(desk_frame: pd.DataFrame) -> None:
    """The queue's page at this size: each order, first page and 50 pages deep, and the counts."""
    from dashboard.review.pages import ORDERS, _queue_counts, queue_filters, queue_page

    desk_frame = desk_frame.assign(published=desk_frame["date_end"], outlet="bench")
    print(
        f"  review queue, {len(desk_frame):,} claims, {desk_frame.review_state.eq('new').sum():,} new "
        f"(median of {RUNS}; the first call of an order builds its rank, kept until the store changes):"
    )
    for order in ORDERS:
        filters = queue_filters({"state": "new", "order": order})
        cold = time.perf_counter()
        queue_page(desk_frame, filters)
        cold = time.perf_counter() - cold
        first = timed(lambda filters=filters: queue_page(desk_frame, filters))
        cursor = ""
        for _ in range(50):
            cursor = queue_page(desk_frame, filters, cursor)[2]
        deep = timed(lambda filters=filters, cursor=cursor: queue_page(desk_frame, filters, cursor))
        print(
            f"    {order:16} first page {first * 1000:6.0f} ms (first call {cold * 1000:5.0f} ms), "
            f"page 51 {deep * 1000:6.0f} ms"
        )
    counts = timed(lambda: _queue_counts(desk_frame, 12))
    print(f"    counts per state and claimant {counts * 1000:6.0f} ms (once per reload of the store: kept per frame)")


def build_database(path, frame: pd.DataFrame, per_article: int = 10) -> None:
    """A SQLite store holding ``frame``'s claims, ``per_article`` to an article (each article's text: its
    claims' sentences), written in bulk through the store's own tables."""
    from dashboard.schema import EVENT_FIELDS
    from dashboard.store.rows import Store
    from dashboard.store.tables import articles, events

    with Store(path) as store, store.engine.begin() as conn:
        count = (len(frame) + per_article - 1) // per_article
        conn.execute(
            articles.insert(),
            [
                {
                    "id": a + 1,
                    "content_hash": f"{a:064x}",
                    "source": "bench",
                    "published": str(frame["date_end"].iloc[min(a * per_article, len(frame) - 1)]),
                    "report_day": "2022-09-01",
                    "outlet": f"outlet {a % 40}",
                    "url": f"https://example.org/{a}",
                    "title": "",
                    "text": "x" * 2000,
                    "event_count": per_article,
                    "ingested_at": "2026-01-01T00:00:00+00:00",
                }
                for a in range(count)
            ],
        )
        rows = frame[EVENT_FIELDS].astype(object).where(frame[EVENT_FIELDS].notna(), None).to_dict(orient="records")
        for i, row in enumerate(rows):
            row.update(
                article_id=i // per_article + 1,
                sentence_start=i % per_article * 200,
                sentence_end=i % per_article * 200 + 150,
                hedged=bool(row["hedged"]),
            )
        conn.execute(events.insert(), rows)


def http_figures(size: int = SIZE) -> None:
    """The whole queue page over HTTP (the dashboard's dev server, review on, one editor) at ``size`` claims."""
    import re
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    import requests

    from tests.servers import dashboard_server

    frame = synthetic_frame(seed_frame(), size)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "events.db"
        build_database(db, frame)
        subprocess.run(
            [sys.executable, "-m", "dashboard.users", "add", "bench", "--db", str(db)],
            input="a long bench password\n",
            text=True,
            check=True,
            capture_output=True,
        )
        env = {"CONFLICT_MAP_REVIEW": "on", "CONFLICT_MAP_SECRET_FILE": str(Path(folder) / "key")}
        with dashboard_server(db, extra_env=env, reload_seconds=None) as base:
            session = requests.Session()
            page = session.get(base + "review/login").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
            session.post(
                base + "review/login", data={"csrf_token": token, "name": "bench", "password": "a long bench password"}
            )
            print(f"  the queue page over HTTP, {size:,} claims (median of {RUNS}, after one warm-up):")
            for order in ("newest", "contradictions", "new-places", "low-confidence"):
                url = base + f"review?order={order}"
                session.get(url)
                first = timed(lambda url=url: session.get(url).raise_for_status())
                after = re.search(r'href="[^"]*(after=[^"&]+)', session.get(url).text)
                deep = (
                    timed(
                        lambda url=url, after=after: session.get(
                            url + "&" + after[1].replace("&amp;", "&")
                        ).raise_for_status()
                    )
                    if after
                    else float("nan")
                )
                print(f"    {order:16} first page {first * 1000:6.0f} ms, next page {deep * 1000:6.0f} ms")


if __name__ == "__main__":
    import sys as _sys

    main()
    if "--http" in _sys.argv:
        http_figures()
