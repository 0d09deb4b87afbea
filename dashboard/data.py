"""Where the dashboard gets its events: the SQLite file, read-only, re-read when it changes.

``EventSource.index()`` returns the current ``EventIndex``; it checks the
database file's modification time (one ``stat``) and rebuilds the index only
when the loader has written to it since.

When the file is missing or cannot be read (deleted, corrupt), the source
keeps the last events it read and says why in ``problem`` (a sentence for
readers, without server paths; the server's log names the file). ``health()``
is what the health endpoint answers.
"""
from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

from dashboard.figures import EventIndex
from dashboard.geo import gazetteer
from dashboard.store import empty_events, read_counts, read_events

MISSING = "The event database is missing"
UNREADABLE = "The event database cannot be read"


def _stamp(path: Path) -> tuple[float, ...]:
    stamps = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            stat = candidate.stat()
            stamps += [stat.st_mtime_ns, stat.st_size, stat.st_ino]
        except FileNotFoundError:
            stamps += [0, 0, 0]
    return tuple(stamps)


def _describe(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return MISSING
    return f"{UNREADABLE} ({error})"


class EventSource:
    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.geojson = gazetteer().geojson
        self.oblast_names = {code: o.name for code, o in gazetteer().oblasts.items()}
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._index: EventIndex | None = None
        self.problem: str | None = None   # why the last read failed; None when it succeeded

    def index(self) -> EventIndex:
        stamp = _stamp(self.db_path)
        if stamp != self._stamp or self._index is None:
            with self._lock:
                if stamp != self._stamp or self._index is None:
                    self._reload(stamp)
        return self._index

    def _reload(self, stamp: tuple) -> None:
        try:
            frame = read_events(self.db_path)
        except (OSError, sqlite3.Error) as error:
            problem = _describe(error)
            if problem != self.problem:
                print(f"dashboard: cannot read {self.db_path}: {error}"
                      + ("; showing the events last read" if self._index is not None else ""),
                      file=sys.stderr, flush=True)
            self.problem = problem
            if self._index is None:
                self._index = EventIndex(empty_events(), self.oblast_names)
        else:
            self._index = EventIndex(frame, self.oblast_names)
            self.problem = None
        self._stamp = stamp

    def notice(self) -> str:
        """What the page says about the data shown: empty when all is well."""
        if not self.problem:
            return ""
        if self._index is not None and self._index.size:
            return f"{self.problem}: the map shows the claims last read, and nothing newer."
        return f"{self.problem}: there are no claims to show."

    def health(self) -> tuple[int, dict]:
        """(HTTP status, body) for the health endpoint: 200 when the database can be read now, else 503."""
        self.index()
        if self.problem is None:
            try:
                return 200, {"status": "ok", **read_counts(self.db_path)}
            except (OSError, sqlite3.Error) as error:
                return 503, {"status": "unavailable", "problem": _describe(error)}
        return 503, {"status": "unavailable", "problem": self.problem}

    @classmethod
    def from_frame(cls, frame, db_path: Path = Path("unused.db")) -> "EventSource":
        """A source over a ready DataFrame (benchmarks, tests of the figures)."""
        source = cls(db_path)
        source._index = EventIndex(frame, source.oblast_names)
        source._stamp = _stamp(source.db_path)
        return source
