"""Where the dashboard gets its events: the SQLite file, re-read when it changes.

``EventSource.index()`` returns the current ``EventIndex``; it checks the
database file's modification time (one ``stat``) and rebuilds the index only
when the loader has written to it since.
"""
from __future__ import annotations

import threading
from pathlib import Path

from dashboard.figures import EventIndex
from dashboard.geo import gazetteer
from dashboard.store import read_events


def _stamp(path: Path) -> tuple[float, ...]:
    stamps = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            stat = candidate.stat()
            stamps += [stat.st_mtime_ns, stat.st_size]
        except FileNotFoundError:
            stamps += [0, 0]
    return tuple(stamps)


class EventSource:
    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.geojson = gazetteer().geojson
        self.oblast_names = {code: o.name for code, o in gazetteer().oblasts.items()}
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._index: EventIndex | None = None

    def index(self) -> EventIndex:
        stamp = _stamp(self.db_path)
        if stamp != self._stamp or self._index is None:
            with self._lock:
                if stamp != self._stamp or self._index is None:
                    self._index = EventIndex(read_events(self.db_path), self.oblast_names)
                    self._stamp = stamp
        return self._index

    @classmethod
    def from_frame(cls, frame, db_path: Path = Path("unused.db")) -> "EventSource":
        """A source over a ready DataFrame (benchmarks, tests of the figures)."""
        source = cls(db_path)
        source._index = EventIndex(frame, source.oblast_names)
        source._stamp = _stamp(source.db_path)
        return source
