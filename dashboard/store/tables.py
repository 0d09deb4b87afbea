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
- ``editors.role`` and ``editors.disabled_at`` (v7): accounts a newsroom runs
  (``python -m dashboard.users``, the review's accounts page).
- ``editors`` (v2): editors' accounts (argon2 hashes); ``login_failures``
  (v2): failed logins per name, for slowing down guessing in every worker;
  ``audit`` (v2): every write the dashboard made, who, when, from where.
- ``feeds`` (v3): one row per news feed the loader pulls (``dashboard.loader.pull``):
  its conditional-GET validators, schedule and backoff, last success, last
  error with its time, items seen and stored; ``feed_items`` (v3): every item
  a feed has shown, by its normalised URL, remembered in the transaction that
  stores its article (or, refused, after); ``articles_by_url`` (v3) finds a
  story another feed brought already.

- ``events.claimant``, ``claimant_side``, ``claimant_person`` (v4): who makes each claim, as an entity.

- ``editor_sessions`` (v5): editors' signed-in sessions, server-side: the
  cookie holds a random id, the table its SHA-256, so a logout, "sign out
  everywhere", a new password or ``dashboard.users remove`` ends a session
  at once (checked on every request). ``failed_logins`` (v5, replacing
  ``login_failures``): failed logins per name AND client address.

- ``events.score`` (v8): the loader's learned check's score of each claim (``dashboard.loader.check``).

``migrate(engine)`` applies the migrations a database has not seen, in one
transaction. The version is counted by ``PRAGMA user_version`` in SQLite (as
files written before PostgreSQL support do) and by the one-row table
``schema_version`` in PostgreSQL, where a transaction-scoped advisory lock
makes loaders that start together migrate one after the other.
A new migration is a function appended to ``MIGRATIONS``; never edit an old one.
"""

from __future__ import annotations

import typing

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.engine import Connection, Engine

from dashboard.schema import EVENT_FIELDS, Event

_TYPES = {str: Text, int: Integer, float: Float, bool: Boolean}
# a row id: INTEGER PRIMARY KEY (the rowid) in SQLite, a 64-bit identity in PostgreSQL
_ROW_ID = Integer().with_variant(BigInteger(), "postgresql")
_MIGRATION_LOCK = 0x636D6170  # pg_advisory_xact_lock key ("cmap"), held while migrating


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
    "articles",
    metadata,
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
    "events",
    metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("article_id", _ROW_ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    *(_event_column(name) for name in EVENT_FIELDS),
    Column("added_by", Text, nullable=False, server_default=""),  # v3: an editor's name for a claim they added
    Index("events_by_date", "date_end"),
    Index("events_by_article", "article_id"),
)


revisions = Table(
    "revisions",
    metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("event_key", Text, nullable=False),
    Column("state", Text, nullable=False),  # confirmed | corrected | rejected | new
    Column("changes", Text, nullable=False, server_default="{}"),  # JSON: field -> corrected value
    Column("extracted", Text, nullable=False, server_default="{}"),  # JSON: field -> the extraction's value then
    Column("note", Text, nullable=False, server_default=""),
    Column("editor", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Index("revisions_by_key", "event_key", "id"),
)

editors = Table(
    "editors",
    metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("role", Text, nullable=False, server_default="editor"),  # v7: editor | admin (ROLES)
    Column("disabled_at", Text, nullable=False, server_default=""),  # v7: when disabled ("" while active)
)
ROLES = ("editor", "admin")  # admins also manage accounts and read every editor's audit trail

login_failures = Table(
    "login_failures",
    metadata,
    Column("name", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", Float, nullable=False),  # seconds since the epoch
)

audit = Table(
    "audit",
    metadata,
    Column("id", _ROW_ID, primary_key=True),
    Column("at", Text, nullable=False),
    Column("editor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("detail", Text, nullable=False, server_default="{}"),  # JSON
    Column("remote_addr", Text, nullable=False, server_default=""),
)


feeds = Table(
    "feeds",
    metadata,
    Column("name", Text, primary_key=True),
    Column("url", Text, nullable=False),  # without credentials (shown on the feeds page)
    Column("outlet", Text, nullable=False, server_default=""),
    Column("etag", Text),  # validators of the last document read whole
    Column("last_modified", Text),
    Column("last_pull_at", Text),  # ISO times, UTC
    Column("last_success_at", Text),
    Column("last_error", Text),
    Column("last_error_at", Text),
    Column("failing_since", Text),  # the first failure of the present run of failures
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("next_pull_at", Text),  # not before this (the interval, or the backoff)
    Column("items_seen", Integer, nullable=False, server_default="0"),
    Column("items_stored", Integer, nullable=False, server_default="0"),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("feed", Text, primary_key=True),
    Column("item_key", Text, primary_key=True),  # the item's normalised URL (its id without one)
    Column("url", Text, nullable=False, server_default=""),
    Column("status", Text, nullable=False),  # stored | duplicate | refused | retry
    Column("article_id", _ROW_ID),  # the article it is (stored or duplicate)
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("detail", Text, nullable=False, server_default=""),
    Column("seen_at", Text, nullable=False),
)


editor_sessions = Table(
    "editor_sessions",
    metadata,
    Column("token_hash", Text, primary_key=True),  # SHA-256 (hex) of the cookie's session id
    Column("editor", Text, nullable=False),
    Column("created_at", Float, nullable=False),  # seconds since the epoch (wall time, shared by workers)
    Index("editor_sessions_by_editor", "editor"),
)

failed_logins = Table(
    "failed_logins",
    metadata,
    Column("name", Text, primary_key=True),
    Column("remote_addr", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", Float, nullable=False),  # seconds since the epoch (wall time, shared by workers)
    Index("failed_logins_by_time", "last_failure"),
)


def _v1_articles_and_events(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, events])


def _v2_review(conn: Connection) -> None:
    metadata.create_all(conn, tables=[revisions, editors, login_failures, audit])


def _v3_feeds(conn: Connection) -> None:
    metadata.create_all(conn, tables=[feeds, feed_items])
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS articles_by_url ON articles (url)")


def _v4_claimants(conn: Connection) -> None:
    """Events get their canonical claimant, its side and the person named (``dashboard.loader.claimants``);
    a database made by v1 with today's schema has them already."""
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for name in ("claimant", "claimant_side", "claimant_person"):
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {name} TEXT")


def _v5_sessions_and_lockout(conn: Connection) -> None:
    """Server-side sessions; failed logins keyed by name and client address (the per-name table goes)."""
    metadata.create_all(conn, tables=[editor_sessions, failed_logins])
    conn.exec_driver_sql("DROP TABLE IF EXISTS login_failures")


def _v6_editor_claims(conn: Connection) -> None:
    """``events.added_by``: claims editors add beside the loader's (a database made at v6 has it from v1)."""
    if "added_by" not in {column["name"] for column in inspect(conn).get_columns("events")}:
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN added_by TEXT NOT NULL DEFAULT ''")


def _v7_accounts(conn: Connection) -> None:
    """Editors get a role (editor, admin) and can be disabled (their history stays, they cannot sign in)."""
    have = {column["name"] for column in inspect(conn).get_columns("editors")}
    if "role" not in have:
        conn.exec_driver_sql("ALTER TABLE editors ADD COLUMN role TEXT NOT NULL DEFAULT 'editor'")
    if "disabled_at" not in have:
        conn.exec_driver_sql("ALTER TABLE editors ADD COLUMN disabled_at TEXT NOT NULL DEFAULT ''")


def _v8_event_scores(conn: Connection) -> None:
    """``events.score``: the loader's learned check's score of each claim (``dashboard.loader.check``; the review
    queue's "low confidence first"); a database made at v8 has it from v1, earlier claims have none (NULL)."""
    if "score" not in {column["name"] for column in inspect(conn).get_columns("events")}:
        kind = _event_column("score").type.compile(dialect=conn.dialect)  # as v1 makes it today
        conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN score {kind}")


MIGRATIONS = [
    _v1_articles_and_events,
    _v2_review,
    _v3_feeds,
    _v4_claimants,
    _v5_sessions_and_lockout,
    _v6_editor_claims,
    _v7_accounts,
    _v8_event_scores,
]
# the version from which events have ``added_by`` (found by position: the coordinator may renumber at merge)
EDITOR_CLAIMS_SCHEMA = MIGRATIONS.index(_v6_editor_claims) + 1


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
