"""An article and its events are stored together or not at all: faults injected at the one point between them.

``dashboard.store.rows.pause_point`` sits between an article's row and its events,
inside their transaction. Two faults are injected there, on SQLite and on
PostgreSQL: an exception (the function replaced by one that raises), and a
real ``SIGKILL`` of a loader process held at that point by a FIFO (the
loader's n-th pause opens ``PREFIX.n``; this test's open of the other end
succeeds only once the loader is there). No timing, no luck: the kill lands
between the article and its events every time. The expected events are
written by hand from the articles' text.
"""

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dashboard.store.rows
from dashboard.schema import Event
from dashboard.store.rows import PAUSE_FIFO_ENV, Store
from tests.events import made_event

ROOT = Path(__file__).resolve().parent.parent

# three articles, each with the claims a reader finds in it (written by hand)
ARTICLES = {
    "a.txt": (
        "Ukrainian forces captured Lyman on Sunday, the defence ministry said.",
        {("UA", "captured", "Lyman", "2022-09-11")},
    ),
    "b.txt": (
        "Russian troops left Svatove on Monday. Ukrainian forces captured Kupiansk on Saturday.",
        {("RU", "withdrew", "Svatove", "2022-09-12"), ("UA", "captured", "Kupiansk", "2022-09-10")},
    ),
    "c.txt": ("Russian forces captured Popasna on Friday.", {("RU", "captured", "Popasna", "2022-09-09")}),
}


class InjectedFault(RuntimeError):
    pass


def event(place: str, actor: str = "UA") -> Event:
    return made_event(place, actor=actor, event_date="2022-09-10", date_start="2022-09-10", date_end="2022-09-10")


ARTICLE = dict(
    source="x.txt",
    published="2022-09-13",
    report_day="2022-09-13",
    outlet="",
    url="",
    title="",
    text="Ukrainian forces captured Kupiansk, Izium and Balakliia on Saturday.",
)


def test_an_error_between_an_article_and_its_events_stores_neither(store, monkeypatch):
    def fault():
        raise InjectedFault("between the article and its events")

    monkeypatch.setattr(dashboard.store.rows, "pause_point", fault)
    events = [event("Kupiansk"), event("Izium"), event("Balakliia")]
    with pytest.raises(InjectedFault):
        store.add_article(content_hash="h1", events=events, **ARTICLE)
    assert store.counts() == {"articles": 0, "events": 0}
    monkeypatch.undo()
    assert store.add_article(content_hash="h1", events=events, **ARTICLE) is not None  # not "stored before"
    assert store.counts() == {"articles": 1, "events": 3}
    assert sorted(row[0] for row in store.rows("SELECT place_name FROM events")) == ["Balakliia", "Izium", "Kupiansk"]


def write_articles(folder: Path) -> Path:
    folder.mkdir()
    for name, (text, _) in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,published,outlet,url\n" + "".join(f"{name},2022-09-13,Test,\n" for name in ARTICLES), encoding="utf-8"
    )
    return folder


def open_when_paused(fifo: Path, process: subprocess.Popen, seconds: float = 120) -> int:
    """The FIFO's writing end, opened once the loader has opened its reading end (it is at the pause point)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:  # ENXIO: nobody reads it yet
                raise
        assert process.poll() is None, f"the loader ended ({process.returncode}) before pausing at {fifo.name}"
        time.sleep(0.02)  # polling for a condition, not waiting for time to pass
    raise AssertionError(f"the loader did not reach {fifo.name} in {seconds} s")


def stored_claims(db: str) -> dict[str, set]:
    with Store(db) as store:
        rows = store.rows(
            "SELECT a.source, e.actor, e.action, e.place_name, e.event_date FROM articles a "
            "LEFT JOIN events e ON e.article_id = a.id"
        )
    claims: dict[str, set] = {}
    for source, *claim in rows:
        claims.setdefault(Path(source).name, set())
        if claim[0] is not None:
            claims[Path(source).name].add(tuple(claim))
    return claims


def test_a_loader_killed_between_an_article_and_its_events_stores_neither(tmp_path, new_database):
    batch = write_articles(tmp_path / "batch")
    db = new_database()
    prefix = tmp_path / "pause"
    for n in (1, 2):
        os.mkfifo(f"{prefix}.{n}")
    loader = subprocess.Popen(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(batch), "--db", db, "--jobs", "1"],
        cwd=ROOT,
        env={**os.environ, PAUSE_FIFO_ENV: str(prefix)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        os.close(open_when_paused(Path(f"{prefix}.1"), loader))  # a.txt: paused, then let go on
        held = open_when_paused(Path(f"{prefix}.2"), loader)  # b.txt: its row written, its events not yet
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=30)
        os.close(held)
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
    assert loader.returncode == -signal.SIGKILL
    if not db.startswith("postgresql"):
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert stored_claims(db) == {"a.txt": ARTICLES["a.txt"][1]}  # a.txt whole, b.txt not at all
    again = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(batch), "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert "stored: 2 articles, 3 events" in again.stdout and "skipped as duplicates: 1" in again.stdout
    assert stored_claims(db) == {name: claims for name, (_, claims) in ARTICLES.items()}
