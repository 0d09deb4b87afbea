"""Where the dashboard gets its events: the store (SQLite file or PostgreSQL), read-only, re-read when it changes.

``EventSource.index()`` returns the current ``EventIndex``; it asks the
store's ``Reader.stamp()`` whether the loader has written since (SQLite: one
``stat`` of the file; PostgreSQL: one small query) and rebuilds the index
only then. Each gunicorn worker keeps its own source, so every worker sees
new events without a restart. It asks at most once every
``reload_seconds`` (``CONFLICT_MAP_RELOAD_SECONDS``, 1 s in the app): a loader
storing 15 articles a second would otherwise make every worker rebuild its
index 15 times a second (measured with bench.load: page loads went from
0.4 s to 5 s at p95). The health endpoint always asks.

Review (``dashboard.review.view``): a source serves the views its instance
has: ``all`` without review; ``reader`` (its default) and ``desk`` with it.
``index(view)`` builds each view's index from one read of the events and
the decisions, once per change of the store.

Writes do not slow readers down (issue 24): a decision alone re-reads
the decisions, not the events (``extraction_stamp`` tells them apart); a
worker rebuilds its views in a background thread, one rebuild at a time,
while its requests go on being answered from the views built before (they
never wait for a rebuild; the new views replace the old in one step, and
what is built from them, the page's layout, is prepared by the same thread:
``on_rebuilt``); while writes stream in, it rebuilds at most once every
``WRITE_PACE_SECONDS`` (15 s) and ``REBUILD_SHARE_INVERSE`` times its last
rebuild took (the first change after a quiet spell is read at once), so a
decision reaches readers within ``reload_seconds`` + ``WRITE_PACE_SECONDS``
+ one rebuild (17 s in the app, 20,000 events; tests/test_decision_reach.py);
and the review queue takes the desk's events fresh (``desk_frame``) without
building the map's index for them. With ``reload_seconds`` 0 (tests, the
publish) every change is read at once, in the request.

When the file is missing or cannot be read (deleted, corrupt), the source
keeps the last events it read and says why in ``problem`` (a sentence for
readers, without server paths; the server's log names the file). ``health()``
is what the health endpoint answers (with the news feeds failing for more than a day; with
review on, the counts of the reader's view: anonymous callers learn nothing of unreviewed claims).
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from dashboard.geo import gazetteer
from dashboard.query.index import EventIndex
from dashboard.query.state import ViewState
from dashboard.review.read import empty_events
from dashboard.review.view import ALL, DESK, READER, effective_events, resolve_view, within_bounds
from dashboard.store.engines import Target
from dashboard.store.feeds import failing_feeds
from dashboard.store.rows import Reader

MISSING = "The event database is missing"
UNREADABLE = "The event database cannot be read"
READ_ERRORS = (OSError, sqlite3.Error, SQLAlchemyError)
REBUILD_SHARE_INVERSE = 5  # a worker spends at most 1/5 of its time rebuilding views while writes stream in
WRITE_PACE_SECONDS = 15.0  # and readers' views change at most this often then (a decision reaches them within it)


def _describe(error: Exception) -> str:
    """A sentence for readers: the database's own first line, without statements, parameters or addresses."""
    if isinstance(error, FileNotFoundError):
        return MISSING
    cause = getattr(error, "orig", None) or error
    if not isinstance(cause, sqlite3.Error) and type(cause).__name__ == "OperationalError":
        return f"{UNREADABLE} (the database server cannot be reached)"
    return f"{UNREADABLE} ({str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__})"


class EventSource:
    def __init__(self, db: str | Path | Target, reload_seconds: float = 0.0, review: bool = False):
        self.target = Target.parse(db)
        self.views = (READER, DESK) if review else (ALL,)
        self.default_view = self.views[0]
        self._read: tuple | None = None  # (events as extracted, latest decisions) of the last read
        self._view_indexes: dict[str, EventIndex] = {}
        self.reload_seconds = reload_seconds
        self._checked = float("-inf")  # time.monotonic() of the last stamp check
        self.reader = Reader(self.target)
        self.geojson = gazetteer().geojson
        self.oblast_names = {code: o.name for code, o in gazetteer().oblasts.items()}
        self.place_names = gazetteer().english_names()  # the English name readers know, where it differs
        self._lock = threading.Lock()
        self._desk_lock = threading.Lock()
        self._start_lock = threading.Lock()
        self._stamp: tuple | None = None
        self._index: EventIndex | None = None
        self.problem: str | None = None  # why the last read failed; None when it succeeded
        self._frozen = False  # from_frame: the frame given, never a read of the store
        self._extraction_stamp: tuple | None = None  # what the events last read were (see _reload)
        self._revision_stamp: tuple | None = None  # and the decisions
        self._rebuilt_seconds = 0.0  # how long the last rebuild of the views took
        self._rebuilt_at = float("-inf")  # time.monotonic() when the last rebuild a write caused ended
        self._layout_seconds = 0.0  # and the page's layout built from it (note_layout_cost)
        self._desk: tuple | None = None  # (extraction stamp, revision stamp, the desk's frame)
        self._rebuilding: threading.Thread | None = None  # the background rebuild running, if any
        # called with the new index by the background rebuild, once it is in place (the page's layout is built
        # there, not by the next reader's request)
        self.on_rebuilt: list[Callable[[EventIndex], object]] = []

    def _current_stamp(self) -> tuple | None:
        try:
            return self.reader.stamp()
        except READ_ERRORS:
            return None  # unreachable: read again, and say why

    def index(self, view: str | None = None, check: bool = False) -> EventIndex:
        """The current index of ``view`` (default: the instance's); asks the store for changes when
        ``reload_seconds`` have passed, or ``check``."""
        default = self._default_index(check)
        if view is None or view == self.default_view or view not in self.views or self._read is None:
            return default
        with self._lock:
            if view not in self._view_indexes:
                self._view_indexes[view] = EventIndex(
                    effective_events(*self._read, view, bounded=True), self.oblast_names, self.place_names
                )
            return self._view_indexes[view]

    def view_of(self, search: str | None) -> str:
        """The review view a page's query string gets on this instance (``?view=desk``; never in embed mode)."""
        state = ViewState.from_query(search if isinstance(search, str) else None)
        return resolve_view(state.view, len(self.views) > 1, state.embed)

    def _default_index(self, check: bool) -> EventIndex:
        if self._frozen:
            return self._index
        now = time.monotonic()
        if not check and self._index is not None and now - self._checked < self.reload_seconds:
            return self._index
        self._checked = now
        stamp = self._current_stamp()
        if stamp != self._stamp or self._index is None:
            # under a stream of writes (editors deciding, a loader storing) the views are rebuilt at most once
            # every WRITE_PACE_SECONDS, and never more often than REBUILD_SHARE_INVERSE times a rebuild costs
            # (with the page's layout): each new version also sends every reader's page the new columns on its
            # next callback, so a version per decision would take the workers from readers (bench.load
            # --editors). The first change after a quiet spell is rebuilt at once; the desk's queue always is
            # (desk_frame). reload_seconds 0 (tests): every change at once, nothing paced.
            pace = self.reload_seconds and max(
                WRITE_PACE_SECONDS, REBUILD_SHARE_INVERSE * (self._rebuilt_seconds + self._layout_seconds)
            )
            if not check and self._index is not None and now - self._rebuilt_at < pace:
                return self._index
            if not check and self._index is not None and self.reload_seconds:
                self._rebuild_in_background(stamp)
                return self._index  # the views built before, until the new ones are in place
            with self._lock:
                if stamp != self._stamp or self._index is None:
                    self._reload(stamp)
        return self._index

    def _rebuild_in_background(self, stamp: tuple) -> None:
        """Start one thread that reads the store, builds the views and runs ``on_rebuilt``; none when one runs."""
        with self._start_lock:  # two requests at once (threaded servers) start one thread
            if self._rebuilding is not None and self._rebuilding.is_alive():
                return
            self._rebuilding = threading.Thread(target=self._rebuild, args=(stamp,), name="views", daemon=True)
            self._rebuilding.start()

    def _rebuild(self, stamp: tuple) -> None:
        with self._lock:
            if stamp == self._stamp:
                return
            before = self._index
            self._reload(stamp)
            index = self._index
        if index is before:
            return
        for prepare in self.on_rebuilt:
            try:
                prepare(index)
            except Exception as error:  # a request builds it then, and answers the error as it would have
                print(f"dashboard: preparing the page for new events: {error!r}", file=sys.stderr, flush=True)

    def wait_rebuilt(self, timeout: float | None = None) -> None:
        """Wait for a background rebuild running now (tests, the benchmark)."""
        thread = self._rebuilding
        if thread is not None:
            thread.join(timeout)

    def _reload(self, stamp: tuple) -> None:
        started = time.monotonic()
        try:
            extraction = self.reader.extraction_stamp()
            if self._read is not None and extraction == self._extraction_stamp:
                revisions, decisions = self.reader.decisions()
                if revisions == self._revision_stamp and self.problem is None:
                    self._stamp = stamp  # a write nobody sees (a login, the audit trail): nothing to rebuild
                    return
                extracted = self._read[0]  # only decisions changed: the events need no new read
            else:
                revisions = self.reader.decisions()[0]  # before the read: a decision meanwhile is read next time
                extracted, decisions = self.reader.events_and_decisions()
                extracted = within_bounds(extracted)  # once per read of the events, not per decision and view
        except READ_ERRORS as error:
            problem = _describe(error)
            if problem != self.problem:
                print(
                    f"dashboard: cannot read {self.target}: {str(error).splitlines()[0]}"
                    + ("; showing the events last read" if self._index is not None else ""),
                    file=sys.stderr,
                    flush=True,
                )
            self.problem = problem
            if self._index is None:
                self._index = EventIndex(empty_events(), self.oblast_names, self.place_names)
        else:
            index = EventIndex(
                effective_events(extracted, decisions, self.default_view, bounded=True),
                self.oblast_names,
                self.place_names,
            )
            self._read = (extracted, decisions)
            # after the read they name (desk_frame compares them without the lock: at worst it reads again)
            self._extraction_stamp, self._revision_stamp = extraction, revisions
            self._view_indexes = {}
            if self._index is not None:  # a write changed the views (not the first read): it counts for the pace
                self._rebuilt_at = time.monotonic()
            self._index = index
            self.problem = None
        self._stamp = stamp
        self._rebuilt_seconds = time.monotonic() - started

    def note_layout_cost(self, seconds: float) -> None:
        """How long the page's layout took to build for the current index (``serving.CachingDash``): part of a
        rebuild's cost, so writes pace rebuilds by the whole of it."""
        self._layout_seconds = seconds

    def desk_frame(self) -> pd.DataFrame:
        """The desk's events as they are now (the review queue: an editor sees their decision at once), without
        building the map's index: the decisions are read again, the events only when the loader wrote."""
        self._default_index(check=False)
        with self._desk_lock:
            extraction = self.reader.extraction_stamp()
            revisions, decisions = self.reader.decisions()
            if self._desk is not None and self._desk[:2] == (extraction, revisions):
                return self._desk[2]
            if self._read is None or extraction != self._extraction_stamp:
                extracted = within_bounds(self.reader.events_and_decisions()[0])
            else:
                extracted = self._read[0]
            frame = effective_events(extracted, decisions, DESK, bounded=True)
            self._desk = (extraction, revisions, frame)
            return frame

    def notice(self) -> str:
        """What the page says about the data shown: empty when all is well."""
        if not self.problem:
            return ""
        if self._index is not None and self._index.size:
            return f"{self.problem}: the map shows the claims last read, and nothing newer."
        return f"{self.problem}: there are no claims to show."

    def health(self) -> tuple[int, dict]:
        """(HTTP status, body) for the health endpoint: 200 when the database can be read now, else 503."""
        index = self.index(check=True)
        if self.problem is None:
            try:
                counts = self.reader.counts()  # reads the store now: 503 when it cannot
                if self.default_view != ALL:  # review on: what readers may see, never the unreviewed claims
                    frame = index.frame
                    counts = {"articles": int(frame["article_id"].nunique()) if len(frame) else 0, "events": len(frame)}
                with self.reader.engine.connect() as conn:
                    failing = failing_feeds(conn, datetime.now(UTC))
                return 200, {"status": "ok", **counts, "feeds_failing": failing}
            except READ_ERRORS as error:
                return 503, {"status": "unavailable", "problem": _describe(error)}
        return 503, {"status": "unavailable", "problem": self.problem}

    @classmethod
    def from_frame(cls, frame, db: str | Path = Path("unused.db")) -> EventSource:
        """A source over a ready DataFrame (the static publish, benchmarks, tests of the figures): it serves that
        frame and never opens ``db`` (nothing is read, nothing is created)."""
        source = cls(db)
        source._index = EventIndex(frame, source.oblast_names, source.place_names)
        source._frozen = True
        return source
