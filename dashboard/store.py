"""The event store: articles and their events, in a SQLite file or a PostgreSQL database, read and written
through SQLAlchemy Core (one set of queries for both engines; see ``dashboard.database`` for the engines and
``dashboard.tables`` for the tables and migrations).

- ``Store(target)`` is the loader's side. Each article is written with all its
  events in one transaction: a crash or a kill mid-ingest leaves either the
  whole article or nothing. Re-ingesting the same text (same SHA-256 of the
  normalised text) adds nothing, and the database itself refuses it
  (``INSERT ... ON CONFLICT (content_hash) DO NOTHING`` on a UNIQUE index), so
  loaders running at the same time never store an article twice.
- ``Reader(target)`` is the dashboard's side: read-only, ``events(view)`` as a
  DataFrame (the effective events of a review view, see
  ``dashboard.review.view``), ``counts()``, and ``stamp()``, a cheap value
  that changes when the loader has stored something or an editor decided.
- ``events_for_view(conn, view)``: the one function that gives the events a
  view shows (the map, table, PNG and CSV/GeoJSON exports all use it).
- ``export_csv`` and ``export_geojson`` write a frame out; CSV text cells that
  a spreadsheet would run as a formula get a leading ``'`` (``spreadsheet_safe``).

``pause_point`` is a test-only fault-injection point between an article's
row and its events (tests/test_atomicity.py): inert unless the environment
names a FIFO in ``CONFLICT_MAP_TEST_PAUSE_FIFO``.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from dashboard.database import Target, reader_engine, writer_engine
from dashboard.review.identity import event_keys
from dashboard.review.records import latest_decisions, revision_stamp
from dashboard.review.view import ALL, effective_events, empty_decisions
from dashboard.schema import EVENT_FIELDS, Event, event_problems
from dashboard.tables import articles, field_type, migrate
from dashboard.tables import events as events_table

FRAME_COLUMNS = ["id", "article_id", "published", "outlet", "url", "source", *EVENT_FIELDS, "event_key"]
_INTEGER_FIELDS = [name for name in EVENT_FIELDS if field_type(name) is int]
_EVENTS_QUERY = (
    select(events_table.c.id, events_table.c.article_id, articles.c.published, articles.c.outlet, articles.c.url,
           articles.c.source, *(events_table.c[name] for name in EVENT_FIELDS), articles.c.content_hash)
    .join_from(events_table, articles, events_table.c.article_id == articles.c.id)
    .order_by(events_table.c.date_end, events_table.c.id))
_COUNTS_QUERY = select(select(func.count()).select_from(articles).scalar_subquery(),
                       select(func.count()).select_from(events_table).scalar_subquery())
_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
PAUSE_FIFO_ENV = "CONFLICT_MAP_TEST_PAUSE_FIFO"


_pauses = 0


class EventOutOfBounds(ValueError):
    """An event the store refuses to write: a number or date outside ``dashboard.schema``'s bounds."""


def _checked_rows(article_id: int, events: list[Event]) -> list[dict]:
    rows = []
    for position, event in enumerate(events):
        problems = event_problems(event)
        if problems:
            raise EventOutOfBounds(f"claim {position + 1} ({event.sentence[:80]!r}): {'; '.join(problems)}")
        rows.append({"article_id": article_id, **{name: getattr(event, name) for name in EVENT_FIELDS}})
    return rows


def pause_point() -> None:
    """Test-only: between an article's row and its events, inside their transaction.

    With ``CONFLICT_MAP_TEST_PAUSE_FIFO=PREFIX``, the writer's n-th pause opens the FIFO ``PREFIX.n`` (when
    the test made one) and reads it until the test closes its end: the test's open of the other end
    succeeds only once the writer is at this point, so it can let it go on, or kill it exactly there.
    Without the variable (always, outside tests), nothing. Tests also replace this function to raise here.
    """
    prefix = os.environ.get(PAUSE_FIFO_ENV)
    if prefix:
        global _pauses
        _pauses += 1
        fifo = f"{prefix}.{_pauses}"
        if os.path.exists(fifo):
            with open(fifo, "rb") as pause:
                pause.read()


class Store:
    """The loader's connection to the store: migrates on opening, adds articles."""

    def __init__(self, target: str | Path | Target):
        self.target = Target.parse(target)
        self.engine = writer_engine(self.target)
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def has_article(self, content_hash: str) -> bool:
        """Whether this text is stored already (lets the loader skip reading it; the write checks again)."""
        with self.engine.connect() as conn:
            query = select(articles.c.id).where(articles.c.content_hash == content_hash)
            return conn.execute(query).first() is not None

    def add_article(self, *, content_hash: str, source: str, published: str, report_day: str, outlet: str,
                    url: str, title: str, text: str, events: list[Event]) -> int | None:
        """Store an article and its events in one transaction; None if the same text is already stored.
        ``EventOutOfBounds`` (nothing written) when an event breaks the schema's bounds: the loader leaves such
        claims out before it gets here."""
        with self.engine.begin() as conn:
            insert = _INSERT[conn.dialect.name](articles).values(
                content_hash=content_hash, source=source, published=published, report_day=report_day,
                outlet=outlet, url=url, title=title, text=text, event_count=len(events),
                ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
            article_id = conn.execute(insert.on_conflict_do_nothing(index_elements=["content_hash"])
                                      .returning(articles.c.id)).scalar()
            if article_id is None:   # stored before, or by another loader that committed first
                return None
            pause_point()
            if events:
                conn.execute(events_table.insert(), _checked_rows(article_id, events))
            return article_id

    def replace_events(self, content_hash: str, events: list[Event]) -> int | None:
        """Replace a stored article's events with a new reading of it, in one transaction (``--reread``);
        the article's id, or None when no article has this text. Decisions are kept: they belong to the
        claims' stable keys (``dashboard.review.identity``), not to rows."""
        with self.engine.begin() as conn:
            article_id = conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash)).scalar()
            if article_id is None:
                return None
            conn.execute(events_table.delete().where(events_table.c.article_id == article_id))
            if events:
                conn.execute(events_table.insert(), _checked_rows(article_id, events))
            conn.execute(articles.update().where(articles.c.id == article_id).values(event_count=len(events)))
            return article_id

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return _counts(conn)

    def events_frame(self, view: str = ALL) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return events_for_view(conn, view)

    def rows(self, sql: str, **params) -> list[tuple]:
        """The rows of one SQL statement (tests and checks by hand; the code uses the queries above)."""
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]


class Reader:
    """The dashboard's read-only view of the store; one per process, it keeps its engine (and pool)."""

    def __init__(self, target: str | Path | Target):
        self.target = Target.parse(target)
        self.engine = reader_engine(self.target)

    def events(self, view: str = ALL) -> pd.DataFrame:
        """The events of a review view (every event by default); FileNotFoundError for a missing SQLite file,
        SQLAlchemyError when it cannot be read."""
        with self.engine.connect() as conn:
            return events_for_view(conn, view)

    def extraction_stamp(self) -> tuple:
        """(articles, highest article id, events, highest event id): changes when the loader stored or re-read
        something, not when an editor decided (a decision needs no new read of the events)."""
        with self.engine.connect() as conn:
            return extraction_stamp(conn)

    def decisions(self) -> tuple[tuple, pd.DataFrame]:
        """(revision stamp, the latest decisions), read in one transaction."""
        with self.engine.connect() as conn:
            return revision_stamp(conn), latest_decisions(conn)

    def events_and_decisions(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The extraction and the latest decisions, read in one transaction (a source builds every view from
        them)."""
        with self.engine.connect() as conn:
            return events_frame(conn), latest_decisions(conn)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return _counts(conn)

    def stamp(self) -> tuple:
        """A value that changes whenever the loader has stored an article.

        SQLite: the file's and its write-ahead log's modification time, size and inode (one ``stat`` each,
        no query). PostgreSQL: the number of articles and the highest id (the number too, because two
        loaders' transactions may commit out of id order), and the same of the review's decisions.
        """
        if not self.target.is_postgres:
            return _file_stamp(self.target.path)
        with self.engine.connect() as conn:
            return (*conn.execute(select(func.count(), func.coalesce(func.max(articles.c.id), 0))).one(),
                    *revision_stamp(conn))

    def close(self) -> None:
        self.engine.dispose()


_EXTRACTION_QUERY = select(
    select(func.count()).select_from(articles).scalar_subquery(),
    select(func.coalesce(func.max(articles.c.id), 0)).scalar_subquery(),
    select(func.count()).select_from(events_table).scalar_subquery(),
    select(func.coalesce(func.max(events_table.c.id), 0)).scalar_subquery())


def extraction_stamp(conn: Connection) -> tuple:
    return tuple(conn.execute(_EXTRACTION_QUERY).one())


def _file_stamp(path: Path) -> tuple[int, ...]:
    stamps = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            stat = candidate.stat()
            stamps += [stat.st_mtime_ns, stat.st_size, stat.st_ino]
        except FileNotFoundError:
            stamps += [0, 0, 0]
    return tuple(stamps)


def _counts(conn: Connection) -> dict[str, int]:
    articles_count, events_count = conn.execute(_COUNTS_QUERY).one()
    return {"articles": articles_count, "events": events_count}


def events_frame(conn: Connection) -> pd.DataFrame:
    """Every event as extracted, with its article's publication date, outlet, URL and source and its stable
    ``event_key``, oldest first."""
    frame = pd.read_sql_query(_EVENTS_QUERY, conn)
    frame["event_key"] = event_keys(frame)
    return _typed(frame.drop(columns="content_hash"))


def article_events(conn: Connection, article_id: int) -> pd.DataFrame:
    """The events of one article as extracted, with their ``event_key`` (the same keys ``events_frame`` gives)."""
    frame = pd.read_sql_query(_EVENTS_QUERY.where(events_table.c.article_id == int(article_id)), conn)
    frame["event_key"] = event_keys(frame)
    return _typed(frame.drop(columns="content_hash"))


def article_of_event(conn: Connection, event_id: int) -> int | None:
    return conn.execute(select(events_table.c.article_id).where(events_table.c.id == int(event_id))).scalar()


def article_texts(conn: Connection, article_ids: list[int]) -> dict[int, str]:
    """The stored text of some articles, by id (the review page shows each claim in its paragraph)."""
    if not article_ids:
        return {}
    query = select(articles.c.id, articles.c.text).where(articles.c.id.in_([int(i) for i in article_ids]))
    return {row.id: row.text for row in conn.execute(query)}


def events_for_view(conn: Connection, view: str = ALL) -> pd.DataFrame:
    """The events a review view shows (``dashboard.review.view``): reader, desk, or all."""
    return effective_events(events_frame(conn), latest_decisions(conn), view)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["hedged"] = frame["hedged"].astype(bool)
    # an INTEGER column with gaps (no place, no count) would come back as float: 701822.0 in the exports
    for name in _INTEGER_FIELDS:
        frame[name] = frame[name].astype("Int64")
    return frame


def read_events(target: str | Path | Target, view: str = ALL) -> pd.DataFrame:
    """The events of a view of a database, read-only (one-off reads; the dashboard keeps a ``Reader``)."""
    reader = Reader(target)
    try:
        return reader.events(view)
    finally:
        reader.close()


def read_counts(target: str | Path | Target) -> dict[str, int]:
    """Articles and events in a database, read-only; the same errors as ``read_events``."""
    reader = Reader(target)
    try:
        return reader.counts()
    finally:
        reader.close()


def empty_events() -> pd.DataFrame:
    """An event table with no rows (what the dashboard shows before any database could be read)."""
    dtypes = {"id": "int64", "article_id": "int64", "published": object, "outlet": object, "url": object,
              "source": object, "event_key": object}
    dtypes.update({name: {str: object, int: "float64", float: "float64", bool: "int64"}[field_type(name)]
                   for name in EVENT_FIELDS})
    frame = _typed(pd.DataFrame({name: pd.Series(dtype=dtypes[name]) for name in FRAME_COLUMNS}))
    return effective_events(frame, empty_decisions(), ALL)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell a spreadsheet would run as a formula (starting with = + - @, a tab or a
    carriage return: OWASP's CSV-injection list) prefixed with a single quote, so Excel, LibreOffice and Google
    Sheets show it as text. Numbers are left alone (a negative count is a number, not text)."""
    frame = frame.copy()
    for name in frame.columns:
        if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            frame[name] = frame[name].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS)
                                          else v)
    return frame


def export_csv(frame: pd.DataFrame, path: Path | str) -> None:
    """The events as CSV, text cells neutralised for spreadsheets (``spreadsheet_safe``); lines end in CRLF
    (RFC 4180), so a cell holding a carriage return is quoted and stays one cell."""
    spreadsheet_safe(frame).to_csv(path, index=False, lineterminator="\r\n")


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
