"""Which database the events live in, and SQLAlchemy engines to it: a SQLite file or a PostgreSQL server.

``Target.parse(value)``: a ``postgresql://`` (or ``postgres://``) URL names a
PostgreSQL database, spoken to through psycopg 3; anything else is the path
of a SQLite file.

- ``writer_engine``: the loader's. SQLite: WAL, foreign keys on, and every
  transaction is ``BEGIN IMMEDIATE`` (takes the write lock at once, so two
  writers queue instead of failing half-way). PostgreSQL: ordinary
  READ COMMITTED transactions; duplicates are refused by the database's
  UNIQUE index, not by a read before the write.
- ``reader_engine``: the dashboard's, which can only read. SQLite: the file
  opened ``mode=ro`` (``immutable`` in a read-only folder, see
  ``open_read_only``). PostgreSQL: every transaction read-only
  (``default_transaction_read_only``), a small pool per process.

No SQL lives here: tables and migrations are in ``dashboard.store.tables``, the
queries in ``dashboard.store.rows``.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import NullPool, QueuePool

POSTGRES_SCHEMES = ("postgresql", "postgres")
READER_POOL_SIZE = 2  # per process: a gunicorn worker answers one request at a time (plus a health check)
CONNECT_TIMEOUT_SECONDS = 5  # a server that does not answer becomes "cannot be read", not a hung page
SQLITE_BUSY_SECONDS = 30  # how long a SQLite writer waits for another writer's transaction


@dataclass(frozen=True)
class Target:
    """A database: ``path`` for a SQLite file, ``url`` for PostgreSQL (exactly one is set)."""

    path: Path | None = None
    url: URL | None = None

    @classmethod
    def parse(cls, value: str | Path | Target) -> Target:
        if isinstance(value, Target):
            return value
        text = str(value)
        scheme = text.split(":", 1)[0].split("+", 1)[0].lower() if "://" in text else ""
        if scheme in POSTGRES_SCHEMES:
            return cls(url=make_url(text).set(drivername="postgresql+psycopg"))
        return cls(path=Path(text))

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    @property
    def engine_name(self) -> str:
        return "postgresql" if self.is_postgres else "sqlite"

    def __str__(self) -> str:
        """For messages and logs: the path, or the URL with its password hidden."""
        if self.url is not None:
            return self.url.set(drivername="postgresql").render_as_string(hide_password=True)
        return str(self.path)


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def writer_engine(target: Target) -> Engine:
    """One connection kept for the loader's life (it writes from one thread, article after article).

    PostgreSQL: each pooled connection is pinged before use (a server restarted since gives a new connection,
    not an error). SQLite: the file is made here if missing, and afterwards only ever opened, never created
    again: a connection whose file was replaced (deleted, restored from a backup) is dropped before use and the
    file there now is opened, and while no file is there every write fails (the page says so) instead of
    writing into the deleted file or a new empty one."""
    if target.is_postgres:
        return create_engine(
            target.url,
            pool_size=1,
            max_overflow=1,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
        )
    path = target.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        sqlite3.connect(path).close()
    uri = f"{path.resolve().as_uri()}?mode=rw"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_SECONDS, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool, pool_size=1, max_overflow=1)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, record):
        record.info["file"] = _file_id(path)
        dbapi_connection.isolation_level = None  # pysqlite's own BEGIN handling off: we say BEGIN ourselves
        for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "checkout")
    def _checkout(_dbapi_connection, record, _proxy):
        if record.info.get("file") != _file_id(path):  # the pool opens the file there now, or fails
            raise DisconnectionError(f"database {path} was replaced or removed")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def reader_engine(target: Target) -> Engine:
    if target.is_postgres:
        return create_engine(
            target.url,
            pool_size=READER_POOL_SIZE,
            max_overflow=2,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS, "options": "-c default_transaction_read_only=on"},
        )
    path = target.path
    return create_engine("sqlite://", creator=lambda: open_read_only(path), poolclass=NullPool)


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
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # connecting is lazy: this opens the file
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if path.with_name(path.name + "-wal").exists() or os.access(path.parent, os.W_OK):
            raise
    conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn
