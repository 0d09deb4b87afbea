"""The event store: one SQLite file with articles and their events.

- Schema created and migrated by ``migrate`` (``PRAGMA user_version`` counts
  the migrations applied); the events table's columns come from
  ``dashboard.schema.EVENT_FIELDS``.
- Each article is written with all its events in one transaction: a crash or
  a kill mid-ingest leaves either the whole article or nothing.
- Re-ingesting the same text (same SHA-256 of the normalised text) adds nothing.
- ``events_frame`` returns the event table as a pandas DataFrame;
  ``export_csv`` and ``export_geojson`` write it out.
"""
from __future__ import annotations

import json
import os
import sqlite3
import typing
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from dashboard.schema import EVENT_FIELDS, Event

_SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER"}


def _column_type(annotation: str) -> str:
    hint = typing.get_type_hints(Event)[annotation]
    base = next((t for t in typing.get_args(hint) if t is not type(None)), hint)
    return _SQL_TYPES[base]


def _events_table() -> str:
    columns = ",\n  ".join(f"{name} {_column_type(name)}" for name in EVENT_FIELDS)
    return f"""
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  {columns}
);
CREATE INDEX events_by_date ON events(date_end);
CREATE INDEX events_by_article ON events(article_id);
"""


_INTEGER_FIELDS = [name for name in EVENT_FIELDS
                   if typing.get_args(typing.get_type_hints(Event)[name])[:1] == (int,)
                   or typing.get_type_hints(Event)[name] is int]

MIGRATIONS = [
    """
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  published TEXT NOT NULL,
  report_day TEXT NOT NULL,
  outlet TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  event_count INTEGER NOT NULL,
  ingested_at TEXT NOT NULL
);
""" + _events_table(),
]


def connect(path: Path | str) -> sqlite3.Connection:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this file has not seen yet; return the schema version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


class Store:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.conn = connect(self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def has_article(self, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def add_article(self, *, content_hash: str, source: str, published: str, report_day: str, outlet: str,
                    url: str, title: str, text: str, events: list[Event]) -> int | None:
        """Store an article and its events in one transaction; None if the same text is already stored."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if self.has_article(content_hash):
                conn.execute("ROLLBACK")
                return None
            cursor = conn.execute(
                "INSERT INTO articles (content_hash, source, published, report_day, outlet, url, title, text, "
                "event_count, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (content_hash, source, published, report_day, outlet, url, title, text, len(events),
                 datetime.now(timezone.utc).isoformat(timespec="seconds")))
            article_id = cursor.lastrowid
            placeholders = ", ".join("?" for _ in EVENT_FIELDS)
            conn.executemany(
                f"INSERT INTO events (article_id, {', '.join(EVENT_FIELDS)}) VALUES (?, {placeholders})",
                [(article_id, *(getattr(e, f) for f in EVENT_FIELDS)) for e in events])
            conn.execute("COMMIT")
            return article_id
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def counts(self) -> dict[str, int]:
        articles, = self.conn.execute("SELECT count(*) FROM articles").fetchone()
        events, = self.conn.execute("SELECT count(*) FROM events").fetchone()
        return {"articles": articles, "events": events}

    def events_frame(self) -> pd.DataFrame:
        return events_frame(self.conn)


def events_frame(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every event with its article's publication date, outlet, URL and source, oldest first."""
    columns = ", ".join(f"e.{name}" for name in EVENT_FIELDS)
    frame = pd.read_sql_query(
        f"SELECT e.id, e.article_id, a.published, a.outlet, a.url, a.source, {columns} "
        "FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.date_end, e.id", conn)
    frame["hedged"] = frame["hedged"].astype(bool)
    # an INTEGER column with gaps (no place, no count) would come back as float: 701822.0 in the exports
    for name in _INTEGER_FIELDS:
        frame[name] = frame[name].astype("Int64")
    return frame


def open_read_only(path: Path | str) -> sqlite3.Connection:
    """A connection that can only read ``path``; FileNotFoundError when there is no such file.

    SQLite opens a WAL database read-only only where it finds, or can create, the ``-shm`` index beside
    it. In a folder this process cannot write, with no ``-wal`` file (so no writer at work), the file
    cannot change under us, and it is opened as immutable instead.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"database {path} does not exist")
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA schema_version").fetchone()   # connecting is lazy: this opens the file
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if path.with_name(path.name + "-wal").exists() or os.access(path.parent, os.W_OK):
            raise
    conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def read_events(path: Path | str) -> pd.DataFrame:
    """The event table of a database file, read-only (the dashboard's entry point).

    FileNotFoundError when the file is missing; sqlite3.DatabaseError when it is not a readable database.
    """
    conn = open_read_only(path)
    try:
        return events_frame(conn)
    finally:
        conn.close()


def read_counts(path: Path | str) -> dict[str, int]:
    """Articles and events in a database file, read-only; the same errors as ``read_events``."""
    conn = open_read_only(path)
    try:
        return {"articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                "events": conn.execute("SELECT count(*) FROM events").fetchone()[0]}
    finally:
        conn.close()


def empty_events() -> pd.DataFrame:
    """An event table with no rows (what the dashboard shows before any database could be read)."""
    conn = sqlite3.connect(":memory:")
    try:
        migrate(conn)
        return events_frame(conn)
    finally:
        conn.close()


def export_csv(frame: pd.DataFrame, path: Path | str) -> None:
    frame.to_csv(path, index=False)


def to_geojson(frame: pd.DataFrame) -> dict:
    """Events with coordinates as GeoJSON points; the others with a null geometry (still listed)."""
    features = []
    for row in frame.to_dict(orient="records"):
        row = {k: (None if pd.api.types.is_scalar(v) and pd.isna(v) else v) for k, v in row.items()}
        has_point = row.get("latitude") is not None and row.get("longitude") is not None
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]} if has_point else None,
            "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")},
        })
    return {"type": "FeatureCollection", "features": features}


def export_geojson(frame: pd.DataFrame, path: Path | str) -> None:
    Path(path).write_text(json.dumps(to_geojson(frame), ensure_ascii=False, default=str), encoding="utf-8")
