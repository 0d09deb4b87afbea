"""The event store: articles and their events, in a SQLite file or a PostgreSQL database, read and written
through SQLAlchemy Core (one set of queries for both engines; see ``dashboard.store.engines`` for the engines and
``dashboard.store.tables`` for the tables and migrations).

- ``Store(target)`` is the loader's side. Each article is written with all its
  events in one transaction: a crash or a kill mid-ingest leaves either the
  whole article or nothing. Re-ingesting the same text (same SHA-256 of the
  normalised text) adds nothing, and the database itself refuses it
  (``INSERT ... ON CONFLICT (content_hash) DO NOTHING`` on a UNIQUE index), so
  loaders running at the same time never store an article twice.
- ``Reader(target)`` is the dashboard's side: read-only, ``events_and_decisions()``
  (the extraction and the newsroom's latest decisions, as DataFrames),
  ``counts()``, and ``stamp()``, a cheap value that changes when the loader has
  stored something or an editor decided.
- The store knows nothing of review views: ``dashboard.review`` applies the
  decisions above it (``dashboard.review.read.events_for_view``).
- Every row has a stable ``event_key`` (``event_keys``): the same article,
  sentence span and claim give the same key on every read, so decisions
  survive a re-read.
- ``export_csv`` and ``export_geojson`` write a frame out; CSV text cells that
  a spreadsheet would run as a formula get a leading ``'`` (``spreadsheet_safe``).

``pause_point`` is a test-only fault-injection point between an article's
row and its events (tests/test_atomicity.py): inert unless the environment
names a FIFO in ``CONFLICT_MAP_TEST_PAUSE_FIFO``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import func, literal, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from dashboard.schema import EVENT_FIELDS, Event, event_problems
from dashboard.store.engines import Target, reader_engine, writer_engine
from dashboard.store.tables import EDITOR_CLAIMS_SCHEMA, articles, field_type, migrate, revisions, schema_version
from dashboard.store.tables import events as events_table

FRAME_COLUMNS = ["id", "article_id", "published", "outlet", "url", "source", *EVENT_FIELDS, "event_key", "added_by"]
_INTEGER_FIELDS = [name for name in EVENT_FIELDS if field_type(name) is int]
_EVENTS_QUERY = (
    select(
        events_table.c.id,
        events_table.c.article_id,
        articles.c.published,
        articles.c.outlet,
        articles.c.url,
        articles.c.source,
        *(events_table.c[name] for name in EVENT_FIELDS),
        articles.c.content_hash,
        events_table.c.added_by,
    )
    .join_from(events_table, articles, events_table.c.article_id == articles.c.id)
    .order_by(events_table.c.date_end, events_table.c.id)
)
_COUNTS_QUERY = select(
    select(func.count()).select_from(articles).scalar_subquery(),
    select(func.count()).select_from(events_table).scalar_subquery(),
)
# the review's decisions (revisions table): the store reads them; dashboard.review applies them
DECISION_COLUMNS = ["event_key", "state", "changes", "extracted", "note", "editor", "created_at"]
REVIEW_SCHEMA = 2  # the schema version that added the review's tables
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

    def add_article(
        self,
        *,
        content_hash: str,
        source: str,
        published: str,
        report_day: str,
        outlet: str,
        url: str,
        title: str,
        text: str,
        events: list[Event],
        also: Callable[[Connection, int | None], None] | None = None,
    ) -> int | None:
        """Store an article and its events in one transaction; None if the same text is already stored.
        ``EventOutOfBounds`` (nothing written) when an event breaks the schema's bounds: the loader leaves such
        claims out before it gets here. ``also(conn, article_id)`` writes more in the same transaction (the feed
        item it came from, or, with None, the item whose text was stored before)."""
        with self.engine.begin() as conn:
            insert = _INSERT[conn.dialect.name](articles).values(
                content_hash=content_hash,
                source=source,
                published=published,
                report_day=report_day,
                outlet=outlet,
                url=url,
                title=title,
                text=text,
                event_count=len(events),
                ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            article_id = conn.execute(
                insert.on_conflict_do_nothing(index_elements=["content_hash"]).returning(articles.c.id)
            ).scalar()
            if article_id is None:  # stored before, or by another loader that committed first
                if also is not None:
                    also(conn, None)
                return None
            pause_point()
            if events:
                conn.execute(events_table.insert(), _checked_rows(article_id, events))
            if also is not None:
                also(conn, article_id)
            return article_id

    def replace_events(self, content_hash: str, events: list[Event]) -> int | None:
        """Replace a stored article's events with a new reading of it, in one transaction (``--reread``);
        the article's id, or None when no article has this text. Decisions are kept: they belong to the
        claims' stable keys (``dashboard.review.identity``), not to rows."""
        with self.engine.begin() as conn:
            article_id = conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash)).scalar()
            if article_id is None:
                return None
            # the loader's claims only: claims an editor added stay (dashboard.review.claims)
            conn.execute(
                events_table.delete().where(events_table.c.article_id == article_id, events_table.c.added_by == "")
            )
            if events:
                conn.execute(events_table.insert(), _checked_rows(article_id, events))
            conn.execute(articles.update().where(articles.c.id == article_id).values(event_count=len(events)))
            return article_id

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return _counts(conn)

    def events_frame(self) -> pd.DataFrame:
        """Every event as extracted (``events_frame``); dashboard.review.read gives a review view of them."""
        with self.engine.connect() as conn:
            return events_frame(conn)

    def rows(self, sql: str, **params) -> list[tuple]:
        """The rows of one SQL statement (tests and checks by hand; the code uses the queries above)."""
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]


class Reader:
    """The dashboard's read-only view of the store; one per process, it keeps its engine (and pool)."""

    def __init__(self, target: str | Path | Target):
        self.target = Target.parse(target)
        self.engine = reader_engine(self.target)

    def events(self) -> pd.DataFrame:
        """Every event as extracted; FileNotFoundError for a missing SQLite file, SQLAlchemyError when it
        cannot be read."""
        with self.engine.connect() as conn:
            return events_frame(conn)

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
            return (
                *conn.execute(select(func.count(), func.coalesce(func.max(articles.c.id), 0))).one(),
                *revision_stamp(conn),
            )

    def close(self) -> None:
        self.engine.dispose()


_EXTRACTION_QUERY = select(
    select(func.count()).select_from(articles).scalar_subquery(),
    select(func.coalesce(func.max(articles.c.id), 0)).scalar_subquery(),
    select(func.count()).select_from(events_table).scalar_subquery(),
    select(func.coalesce(func.max(events_table.c.id), 0)).scalar_subquery(),
)


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


def _events_query(conn: Connection):
    """The events query; a database not yet at the editor-claims version (read-only, before ``added_by``)
    gets an empty ``added_by``."""
    if schema_version(conn) >= EDITOR_CLAIMS_SCHEMA:
        return _EVENTS_QUERY
    return _EVENTS_QUERY.with_only_columns(
        *[c for c in _EVENTS_QUERY.selected_columns if c.name != "added_by"], literal("").label("added_by")
    )


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["added_by"] = frame["added_by"].fillna("").astype(object)
    frame["event_key"] = event_keys(frame)
    return _typed(frame.drop(columns="content_hash")[FRAME_COLUMNS])


def events_frame(conn: Connection) -> pd.DataFrame:
    """Every event as extracted, with its article's publication date, outlet, URL and source, its stable
    ``event_key`` and ``added_by`` (the editor who added it; empty for the loader's), oldest first."""
    return _keyed(pd.read_sql_query(_events_query(conn), conn))


def article_events(conn: Connection, article_id: int) -> pd.DataFrame:
    """The events of one article as extracted, with their ``event_key`` (the same keys ``events_frame`` gives)."""
    return _keyed(pd.read_sql_query(_events_query(conn).where(events_table.c.article_id == int(article_id)), conn))


def article_row(conn: Connection, article_id: int) -> dict | None:
    """One stored article (id, content_hash, source, published, report_day, outlet, url, title, text)."""
    row = conn.execute(select(articles).where(articles.c.id == int(article_id))).first()
    return dict(row._mapping) if row else None


def add_editor_event(conn: Connection, article_id: int, event: Event, editor: str) -> int:
    """Store a claim an editor added to an article (in the caller's transaction), checked against the schema's
    bounds like every event stored; its row id."""
    row = _checked_rows(int(article_id), [event])[0]
    return conn.execute(events_table.insert().values(**row, added_by=editor).returning(events_table.c.id)).scalar()


def article_of_event(conn: Connection, event_id: int) -> int | None:
    return conn.execute(select(events_table.c.article_id).where(events_table.c.id == int(event_id))).scalar()


def article_texts(conn: Connection, article_ids: list[int]) -> dict[int, str]:
    """The stored text of some articles, by id (the review page shows each claim in its paragraph)."""
    if not article_ids:
        return {}
    query = select(articles.c.id, articles.c.text).where(articles.c.id.in_([int(i) for i in article_ids]))
    return {row.id: row.text for row in conn.execute(query)}


def event_key(content_hash: str, start: int, end: int, place: str | None, n: int) -> str:
    place_part = (place or "").strip().lower() or "-"
    return f"{content_hash[:24]}:{int(start)}-{int(end)}:{place_part}:{int(n)}"


def event_keys(frame: pd.DataFrame) -> pd.Series:
    """Keys for the rows of an event frame with ``content_hash``, ``sentence_start``, ``sentence_end``,
    ``place_as_written`` and ``id`` (the loader's order within an article)."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    place = frame["place_as_written"].astype(object).where(frame["place_as_written"].notna(), "")
    place = place.map(lambda p: str(p).strip().lower() or "-")
    order = frame.assign(_place=place).sort_values("id", kind="stable")
    # a claim an editor added is keyed by its row (...:ed<id>): a re-read never replaces it, and its key never
    # meets a loader's claim's
    added = (
        frame["added_by"].fillna("").astype(str) != "" if "added_by" in frame else pd.Series(False, index=frame.index)
    )
    if added.any():
        order = order[~added.reindex(order.index)]
    n = order.groupby(["content_hash", "sentence_start", "sentence_end", "_place"], sort=False).cumcount()
    n = n.reindex(frame.index)
    keys = [
        event_key(h, s, e, p, 0 if a else k)
        for h, s, e, p, k, a in zip(
            frame["content_hash"], frame["sentence_start"], frame["sentence_end"], place, n.fillna(0), added
        )
    ]
    if added.any():
        keys = [k.rsplit(":", 1)[0] + f":ed{int(i)}" if a else k for k, i, a in zip(keys, frame["id"], added)]
    return pd.Series(keys, index=frame.index, dtype=object)


def has_review_tables(conn: Connection) -> bool:
    return schema_version(conn) >= REVIEW_SCHEMA


def latest_decisions(conn: Connection) -> pd.DataFrame:
    """The newest revision of every reviewed claim (``DECISION_COLUMNS``), oldest key first."""
    if not has_review_tables(conn):
        return empty_decisions()
    newest = (
        select(revisions.c.event_key, func.max(revisions.c.id).label("id")).group_by(revisions.c.event_key).subquery()
    )
    query = (
        select(*(revisions.c[name] for name in DECISION_COLUMNS))
        .join_from(revisions, newest, revisions.c.id == newest.c.id)
        .order_by(revisions.c.id)
    )
    rows = conn.execute(query).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=DECISION_COLUMNS) if rows else empty_decisions()


def revision_stamp(conn: Connection) -> tuple[int, int]:
    """(number of revisions, highest id): changes with every decision."""
    if not has_review_tables(conn):
        return (0, 0)
    return tuple(conn.execute(select(func.count(), func.coalesce(func.max(revisions.c.id), 0))).one())


def empty_decisions() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in DECISION_COLUMNS})


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["hedged"] = frame["hedged"].astype(bool)
    # an INTEGER column with gaps (no place, no count) would come back as float: 701822.0 in the exports
    for name in _INTEGER_FIELDS:
        frame[name] = frame[name].astype("Int64")
    return frame


def read_extraction(target: str | Path | Target) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events as extracted and the latest decisions of a database, read-only in one transaction (one-off
    reads; the dashboard keeps a ``Reader``). ``dashboard.review.read.read_events`` gives a view of them."""
    reader = Reader(target)
    try:
        return reader.events_and_decisions()
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
    """An extraction with no rows: the columns and types ``events_frame`` gives."""
    dtypes = {
        "id": "int64",
        "article_id": "int64",
        "published": object,
        "outlet": object,
        "url": object,
        "source": object,
        "event_key": object,
        "added_by": object,
    }
    dtypes.update(
        {
            name: {str: object, int: "float64", float: "float64", bool: "int64"}[field_type(name)]
            for name in EVENT_FIELDS
        }
    )
    return _typed(pd.DataFrame({name: pd.Series(dtype=dtypes[name]) for name in FRAME_COLUMNS}))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell a spreadsheet would run as a formula (starting with = + - @, a tab or a
    carriage return: OWASP's CSV-injection list) prefixed with a single quote, so Excel, LibreOffice and Google
    Sheets show it as text. Numbers are left alone (a negative count is a number, not text)."""
    frame = frame.copy()
    for name in frame.columns:
        if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            frame[name] = frame[name].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            )
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
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
                if has_point
                else None,
                "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export_geojson(frame: pd.DataFrame, path: Path | str) -> None:
    Path(path).write_text(json.dumps(to_geojson(frame), ensure_ascii=False, default=str), encoding="utf-8")
