"""``python -m dashboard.loader pull`` as a real process against a local HTTP server (tests/feedserver.py): it fills
the review queue, prints one line per run, and a pull killed (SIGKILL) in the middle of storing an article, or
while it waits for a page, loses nothing stored, and the next pull stores exactly the items missing, on SQLite
and PostgreSQL.

The kill lands at a known point: ``dashboard.store.rows.pause_point`` (between an article's row and its events,
inside their transaction) holds the loader on a FIFO the test opens (see tests/test_atomicity.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.review.read import read_events
from dashboard.review.view import DESK
from dashboard.store.rows import PAUSE_FIFO_ENV, Store
from tests.feedserver import FeedSite, stories
from tests.test_atomicity import open_when_paused
from tests.test_pull import feeds_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site():
    with FeedSite() as running:
        yield running


def run_pull(path: Path, db: str, *more: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "pull", "--feeds", str(path), "--db", db, *more],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env or os.environ,
        timeout=300,
    )


def test_pull_once_fills_the_review_queue_and_prints_one_line(site, tmp_path):
    url_a = site.feed("/a.xml", stories("a", 3))
    url_b = site.feed("/b.xml", stories("b", 2, start=3), kind="atom")
    db = str(tmp_path / "events.db")
    done = run_pull(feeds_file(tmp_path, [("a", url_a), ("b", url_b)]), db, "--once")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pull ")
    assert (
        lines[0]
        .split(": ", 1)[1]
        .startswith(
            "2 feeds due (2 read, 0 unchanged; 0 not due), 5 new items: "
            "5 stored (5 events), 0 already stored, 0 refused, 0 to try again;"
        )
    )
    assert done.stderr == ""  # no progress bar outside a terminal
    desk = read_events(db, DESK)
    assert sorted(desk.place_name) == ["Balakliia", "Izium", "Kupiansk", "Lyman", "Svatove"]
    assert set(desk.review_state) == {"new"}
    assert set(desk.outlet) == {"Outlet a", "Outlet b"}
    # the feeds are not due again before their interval: a second run reads nothing
    again = run_pull(feeds_file(tmp_path, [("a", url_a), ("b", url_b)]), db, "--once")
    assert again.returncode == 0 and "0 feeds due (0 read, 0 unchanged; 2 not due)" in again.stdout


def test_a_bad_feeds_file_is_named_with_exit_code_2(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text("[[feeds]]\nname = 'a'\n", encoding="utf-8")
    done = run_pull(path, str(tmp_path / "e.db"))
    assert done.returncode == 2
    assert done.stderr == f"pull: {path}: feed 1: outlet is missing (each feed needs name, outlet and url)\n"


def test_every_feed_failing_is_exit_code_1(site, tmp_path):
    done = run_pull(feeds_file(tmp_path, [("gone", f"{site.base}/gone.xml")]), str(tmp_path / "e.db"))
    assert done.returncode == 1
    assert f"  failed gone: {site.base}/gone.xml: HTTP 404 Not Found" in done.stdout.splitlines()


def test_a_pull_killed_while_storing_loses_nothing_and_the_next_stores_exactly_the_rest(site, tmp_path, new_database):
    items = stories("kill", 8)
    url = site.feed("/rss.xml", items)
    db, path = new_database(), feeds_file(tmp_path, [("wire", url)])
    prefix = tmp_path / "pause"
    for n in range(1, 5):
        os.mkfifo(f"{prefix}.{n}")
    loader = subprocess.Popen(
        [sys.executable, "-m", "dashboard.loader", "pull", "--feeds", str(path), "--db", db, "--once"],
        cwd=ROOT,
        env={**os.environ, PAUSE_FIFO_ENV: str(prefix)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for n in (1, 2, 3):
            os.close(open_when_paused(Path(f"{prefix}.{n}"), loader))  # three articles stored
        held = open_when_paused(Path(f"{prefix}.4"), loader)  # the fourth: its row, not yet its events
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=30)
        os.close(held)
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
    assert loader.returncode == -signal.SIGKILL
    first = [f"{site.base}/news/kill-{n}" for n in range(3)]
    with Store(db) as store:
        assert sorted(r[0] for r in store.rows("SELECT url FROM articles")) == first
        assert sorted(store.rows("SELECT item_key, status FROM feed_items")) == [(u, "stored") for u in first]
        assert store.rows("SELECT etag, last_success_at FROM feeds") == [(None, None)]
    again = run_pull(path, db, "--once")
    assert again.returncode == 0, again.stderr
    assert (
        ": 1 feeds due (1 read, 0 unchanged; 0 not due), 5 new items: 5 stored (5 events), 0 already stored"
        in again.stdout
    )
    with Store(db) as store:
        urls = [r[0] for r in store.rows("SELECT url FROM articles")]
        assert sorted(urls) == [f"{site.base}/news/kill-{n}" for n in range(8)]  # each once
        assert store.rows("SELECT count(*) FROM events") == [(8,)]
        assert store.rows("SELECT items_seen, items_stored FROM feeds") == [(8, 8)]
    assert [site.hits(f"/news/kill-{n}") for n in range(3)] == [1, 1, 1]  # the stored ones not fetched again


def test_a_pull_killed_while_fetching_a_page_loses_nothing_and_the_next_stores_exactly_the_rest(
    site, tmp_path, new_database
):
    import threading
    import time

    from tests.feedserver import page_html

    items = stories("fetch", 6)
    url = site.feed("/rss.xml", items)
    release = threading.Event()
    stuck = items[3]

    def held(request):  # answers only once the test lets it (after the kill)
        release.wait(60)
        return 200, {"Content-Type": "text/html"}, page_html(stuck)

    site.route(f"/news/{stuck.slug}", held)
    db, path = new_database(), feeds_file(tmp_path, [("wire", url)])
    loader = subprocess.Popen(
        [sys.executable, "-m", "dashboard.loader", "pull", "--feeds", str(path), "--db", db, "--once"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # polling for a condition: the three before the stuck page stored
            with Store(db) as store:
                if store.counts()["articles"] == 3:
                    break
            assert loader.poll() is None, loader.stderr.read()
            time.sleep(0.1)
        assert site.hits(f"/news/{stuck.slug}") == 1  # the loader waits on that page now
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=30)
    finally:
        release.set()
        if loader.poll() is None:
            loader.kill()
            loader.wait()
    with Store(db) as store:
        assert sorted(r[0] for r in store.rows("SELECT url FROM articles")) == [
            f"{site.base}/news/fetch-{n}" for n in range(3)
        ]
    again = run_pull(path, db, "--once")
    assert again.returncode == 0, again.stderr
    assert "3 new items: 3 stored (3 events), 0 already stored" in again.stdout
    with Store(db) as store:
        assert sorted(r[0] for r in store.rows("SELECT url FROM articles")) == [
            f"{site.base}/news/fetch-{n}" for n in range(6)
        ]
    assert [site.hits(f"/news/fetch-{n}") for n in range(3)] == [1, 1, 1]
