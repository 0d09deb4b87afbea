"""Writes do not slow readers (issue 24 #21): a decision alone re-reads the decisions, never the events; a worker
rebuilds its views in the background while requests are answered from the views before, and prepares the page's
layout there; under a stream of writes it rebuilds at most once every five times a rebuild costs; the review queue
sees a decision at once. Real stores, both engines. (The load figures: ``python -m bench.load --editors 5``.)
"""

from __future__ import annotations

import time

from dashboard.loader.ingest import ingest
from dashboard.review import records
from dashboard.store.rows import Store
from dashboard.web.source import EventSource
from tests.conftest import ROOT


def decide(db, key, state="confirmed"):
    with Store(db) as store, store.engine.begin() as conn:
        records.add_revision(conn, event_key=key, state=state, changes={}, extracted={}, note="", editor="alice")


def test_a_decision_rereads_the_decisions_not_the_events(new_database, monkeypatch):
    db = new_database()
    with Store(db) as store:
        ingest([ROOT / "seeds"], store)
        keys = list(store.events_frame()["event_key"])
    source = EventSource(db, reload_seconds=0, review=True)
    assert source.index().size == 0
    reads = []
    original = source.reader.events_and_decisions
    monkeypatch.setattr(source.reader, "events_and_decisions", lambda: reads.append(1) or original())
    decide(db, keys[0])
    assert source.index().size == 1 and reads == []  # the events were not read again
    assert len(source.desk_frame()) == 19 and reads == []
    with Store(db) as store:  # the loader writes: the events are read again
        store.add_article(
            content_hash="f" * 64,
            source="x",
            published="2022-09-11",
            report_day="2022-09-11",
            outlet="",
            url="",
            title="",
            text="x",
            events=[],
        )
    source.index()
    assert reads == [1]


def test_writes_pace_rebuilds_and_the_queue_is_fresh(new_database, monkeypatch):
    from dashboard.web import source as data

    db = new_database()
    with Store(db) as store:
        ingest([ROOT / "seeds"], store)
        keys = list(store.events_frame()["event_key"])
    monkeypatch.setattr(data, "WRITE_PACE_SECONDS", 1.0)
    source = EventSource(db, reload_seconds=0.01, review=True)
    source.index()
    time.sleep(1.1)  # a quiet spell, longer than the pace
    decide(db, keys[0])
    time.sleep(0.05)
    assert source.index().size == 0  # the first change after it: its rebuild starts at once, in the background
    source.wait_rebuilt(10)
    assert source.index().size == 1
    source.note_layout_cost(0.4)  # a rebuild costs 0.4 s (with the page's layout)
    decide(db, keys[1])
    started = time.monotonic()
    assert source.index().size == 1  # paced: the views built a moment ago
    assert (source.desk_frame()["review_state"] == "confirmed").sum() == 2  # the queue sees it at once
    while source.index().size == 1:
        assert time.monotonic() - started < 10, "the decision never reached the readers' view"
        time.sleep(0.05)
    assert time.monotonic() - started >= 5 * 0.4 - 0.2  # not before five times the rebuild's cost


def test_requests_never_wait_for_a_rebuild(new_database, monkeypatch):
    """A rebuild that takes a second: the requests meanwhile are answered at once from the views built before,
    one rebuild runs however many requests ask, and what ``on_rebuilt`` prepares gets the new views."""
    db = new_database()
    with Store(db) as store:
        ingest([ROOT / "seeds"], store)
        keys = list(store.events_frame()["event_key"])
    from dashboard.web import source as data

    monkeypatch.setattr(data, "WRITE_PACE_SECONDS", 0.5)
    source = EventSource(db, reload_seconds=0.01, review=True)
    before = source.index()
    time.sleep(0.6)  # a quiet spell: the next change is read at once
    prepared, reads = [], []
    source.on_rebuilt.append(prepared.append)
    original = source.reader.decisions
    monkeypatch.setattr(source.reader, "decisions", lambda: reads.append(1) or time.sleep(1) or original())
    decide(db, keys[0])
    time.sleep(0.05)
    started = time.monotonic()
    for _ in range(20):
        assert source.index() is before
        time.sleep(0.02)
    assert time.monotonic() - started < 0.9  # no request waited for the rebuild
    source.wait_rebuilt(10)
    assert len(reads) == 1  # one rebuild for the twenty requests
    after = source.index()
    assert after.size == 1 and prepared == [after]
