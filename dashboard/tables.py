"""The store's tables, defined once for both engines, and the migrations that build them.

- ``articles``: one row per stored text; ``content_hash`` (SHA-256 of the
  normalised text) is UNIQUE in the database, so two loaders writing the same
  article at the same time store it once, whichever commits first.
- ``events``: one row per claim; its columns come from
  ``dashboard.schema.Event`` (str -> TEXT, int -> INTEGER, float -> REAL /
  double precision, bool -> BOOLEAN, stored 0/1 in SQLite).
- ``revisions`` (v2): the newsroom's decisions on a claim, never an edit of
  ``events``: one row per decision (state, the changed fields and the values
  the extraction had for them, note, editor, time), keyed by the claim's
  stable identity (``dashboard.review.identity``), so they outlive a re-read.
- ``events.added_by`` (v3): the editor who added a claim the loader missed
  (``dashboard.review.claims``); empty for the loader's claims. A re-read
  replaces only the loader's claims of an article, never an editor's.
- ``editors`` (v2): editors' accounts (argon2 hashes); ``login_failures``
  (v2): failed logins per name, for slowing down guessing in every worker;
  ``audit`` (v2): every write the dashboard made, who, when, from where.

``migrate(engine)`` applies the migrations a database has not seen, in one
transaction. The version is counted by ``PRAGMA user_version`` in SQLite (as
files written before PostgreSQL support do) and by the one-row table
``schema_version`` in PostgreSQL, where a transaction-scoped advisory lock
makes loaders that start together migrate one after the other.
A new migration is a function appended to ``MIGRATIONS``; never edit an old one.
"""
from __future__ import annotations

import typing

from sqlalchemy import (BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, Table, Text,
                        inspect, text)
from sqlalchemy.engine import Connection, Engine

from dashboard.schema import EVENT_FIELDS, Event

_TYPES = {str: Text, int: Integer, float: Float, bool: Boolean}
# a row id: INTEGER PRIMARY KEY (the rowid) in SQLite, a 64-bit identity in PostgreSQL
_ROW_ID = Integer().with_variant(BigInteger(), "postgresql")
_MIGRATION_LOCK = 0x636D6170   # pg_advisory_xact_lock key ("cmap"), held while migrating


def _event_column(name: str) -> Column:
    hint = typing.get_type_hints(Event)[name]
    args = typing.get_args(hint)
    base = next((t for t in args if t is not type(None)), hint)
    return Column(name, _TYPES[base](), nullable=type(None) in args or name == "flags")


def field_type(name: str) -> type:
    """The Python type of an event field (int for ``geonameid``, str for ``actor``)."""
    hint = typing.get_type_hints(Event)[name]
    return next((t for t in typing.get_args(hint) if t is not type(None)), hint)


metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("content_hash", Text, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("published", Text, nullable=False),
    Column("report_day", Text, nullable=False),
    Column("outlet", Text, nullable=False, server_default=""),
    Column("url", Text, nullable=False, server_default=""),
    Column("title", Text, nullable=False, server_default=""),
    Column("text", Text, nullable=False),
    Column("event_count", Integer, nullable=False),
    Column("ingested_at", Text, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("article_id", _ROW_ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    *(_event_column(name) for name in EVENT_FIELDS),
    Column("added_by", Text, nullable=False, server_default=""),     # v3: an editor's name for a claim they added
    Index("events_by_date", "date_end"),
    Index("events_by_article", "article_id"),
)


revisions = Table(
    "revisions", metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("event_key", Text, nullable=False),
    Column("state", Text, nullable=False),                            # confirmed | corrected | rejected | new
    Column("changes", Text, nullable=False, server_default="{}"),     # JSON: field -> corrected value
    Column("extracted", Text, nullable=False, server_default="{}"),   # JSON: field -> the extraction's value then
    Column("note", Text, nullable=False, server_default=""),
    Column("editor", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Index("revisions_by_key", "event_key", "id"),
)

editors = Table(
    "editors", metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

login_failures = Table(
    "login_failures", metadata,
    Column("name", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", Float, nullable=False),   # seconds since the epoch
)

audit = Table(
    "audit", metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("at", Text, nullable=False),
    Column("editor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("detail", Text, nullable=False, server_default="{}"),      # JSON
    Column("remote_addr", Text, nullable=False, server_default=""),
)


def _v1_articles_and_events(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, events])


def _v2_review(conn: Connection) -> None:
    metadata.create_all(conn, tables=[revisions, editors, login_failures, audit])


def _v3_editor_claims(conn: Connection) -> None:
    """``events.added_by``: claims editors add beside the loader's (a database made at v3 has it from v1)."""
    if "added_by" not in {column["name"] for column in inspect(conn).get_columns("events")}:
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN added_by TEXT NOT NULL DEFAULT ''")


MIGRATIONS = [_v1_articles_and_events, _v2_review, _v3_editor_claims]
# the version from which events have ``added_by`` (found by position: the coordinator may renumber at merge)
EDITOR_CLAIMS_SCHEMA = MIGRATIONS.index(_v3_editor_claims) + 1


def _version(conn: Connection) -> int:
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql("PRAGMA user_version").scalar()
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    version = conn.exec_driver_sql("SELECT version FROM schema_version").scalar()
    if version is None:
        conn.exec_driver_sql("INSERT INTO schema_version VALUES (0)")
        return 0
    return version


def _set_version(conn: Connection, version: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
    else:
        conn.execute(text("UPDATE schema_version SET version = :v"), {"v": version})


def migrate(engine: Engine) -> int:
    """Apply the migrations this database has not seen yet, in one transaction; return the schema version."""
    with engine.begin() as conn:
        version = _version(conn)
        for step in MIGRATIONS[version:]:
            step(conn)
        if version < len(MIGRATIONS):
            _set_version(conn, len(MIGRATIONS))
    return len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    """The version a database is at (0: never migrated), read without changing anything."""
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql("PRAGMA user_version").scalar()
    exists = conn.exec_driver_sql("SELECT to_regclass('schema_version') IS NOT NULL").scalar()
    return conn.exec_driver_sql("SELECT version FROM schema_version").scalar() if exists else 0
