"""What the store keeps about the news feeds the loader pulls: the queries over ``feeds`` and ``feed_items``.

The loader's ``pull`` (``dashboard.loader.pull``) writes through these
functions; the health endpoint and the desk's feeds page read
``feed_rows`` and ``failing_feeds``. Times are ISO 8601 strings in UTC
(``iso``), so that both engines compare them as text.

An item is remembered (``remember_item``) on the connection of the
transaction that stores its article: a pull killed at any moment leaves an
item either stored and remembered, or neither. Items refused for good (a
page that is not HTML, too big, gone) are remembered too, so they are not
fetched again; an item that failed for a passing reason (a timeout, a 5xx)
is marked ``retry`` and tried again until ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from dashboard.store.tables import articles, feed_items, feeds

DONE = ("stored", "duplicate", "refused")  # statuses of items not fetched again
MAX_ATTEMPTS = 3  # passing failures of one item before it is refused for good
_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def sync_feeds(conn: Connection, listed: Iterable[tuple[str, str, str]]) -> None:
    """Make sure each (name, url, outlet) of the feeds file has its row; a changed URL or outlet is updated."""
    for name, url, outlet in listed:
        insert = _INSERT[conn.dialect.name](feeds).values(name=name, url=url, outlet=outlet)
        conn.execute(insert.on_conflict_do_update(index_elements=["name"], set_={"url": url, "outlet": outlet}))


def feed_state(conn: Connection, name: str) -> dict:
    row = conn.execute(select(feeds).where(feeds.c.name == name)).mappings().first()
    return dict(row) if row else {}


def feed_rows(conn: Connection) -> list[dict]:
    """Every feed's row, by name (the feeds page)."""
    return [dict(row) for row in conn.execute(select(feeds).order_by(feeds.c.name)).mappings()]


def failing_feeds(conn: Connection, now: datetime, longer_than: timedelta = timedelta(days=1)) -> list[dict]:
    """Feeds whose pulls have failed without a success for more than ``longer_than``; [] before any pull
    (a database the loader has not migrated to the feeds' tables has none)."""
    try:
        rows = conn.execute(
            select(feeds.c.name, feeds.c.failing_since, feeds.c.last_error, feeds.c.last_error_at)
            .where(feeds.c.failing_since.is_not(None), feeds.c.failing_since < iso(now - longer_than))
            .order_by(feeds.c.name)
        ).mappings()
        return [dict(row) for row in rows]
    except SQLAlchemyError:
        return []


def done_items(conn: Connection, feed: str, keys: list[str]) -> set[str]:
    """The keys among ``keys`` this feed has already dealt with (stored, duplicate or refused for good)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):  # bounded IN lists
        chunk = keys[start : start + 500]
        found.update(
            conn.execute(
                select(feed_items.c.item_key).where(
                    feed_items.c.feed == feed, feed_items.c.item_key.in_(chunk), feed_items.c.status.in_(DONE)
                )
            ).scalars()
        )
    return found


def article_with_url(conn: Connection, url: str) -> int | None:
    """The id of a stored article from this (normalised) URL: the same story another feed brought."""
    if not url:
        return None
    return conn.execute(select(articles.c.id).where(articles.c.url == url).limit(1)).scalar()


def article_with_hash(conn: Connection, content_hash: str) -> int | None:
    return conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash)).scalar()


def remember_item(
    conn: Connection,
    feed: str,
    key: str,
    url: str,
    status: str,
    now: datetime,
    article_id: int | None = None,
    detail: str = "",
) -> str:
    """Record what became of an item (and count it on its feed's row); the status recorded, which is
    ``refused`` for a ``retry`` that has had ``MAX_ATTEMPTS``."""
    previous = conn.execute(
        select(feed_items.c.status, feed_items.c.attempts).where(
            feed_items.c.feed == feed, feed_items.c.item_key == key
        )
    ).first()
    attempts = (previous.attempts if previous else 0) + (status == "retry")
    if status == "retry" and attempts >= MAX_ATTEMPTS:
        status, detail = "refused", f"{detail} (after {attempts} attempts)"
    values = dict(
        url=url, status=status, article_id=article_id, attempts=attempts, detail=detail[:500], seen_at=iso(now)
    )
    insert = _INSERT[conn.dialect.name](feed_items).values(feed=feed, item_key=key, **values)
    conn.execute(insert.on_conflict_do_update(index_elements=["feed", "item_key"], set_=values))
    counts = {}
    if previous is None:
        counts["items_seen"] = feeds.c.items_seen + 1
    if status == "stored":
        counts["items_stored"] = feeds.c.items_stored + 1
    if counts:
        conn.execute(feeds.update().where(feeds.c.name == feed).values(**counts))
    return status


def record_item_error(conn: Connection, feed: str, message: str, now: datetime) -> None:
    """An item's problem, shown as the feed's last error (the feed itself is not failing)."""
    conn.execute(feeds.update().where(feeds.c.name == feed).values(last_error=message[:1000], last_error_at=iso(now)))


def record_success(
    conn: Connection, feed: str, now: datetime, next_pull: datetime, etag: str | None, last_modified: str | None
) -> None:
    """The feed's document was read and every item of it dealt with: keep its validators, clear the backoff."""
    conn.execute(
        feeds.update()
        .where(feeds.c.name == feed)
        .values(
            etag=etag,
            last_modified=last_modified,
            last_pull_at=iso(now),
            last_success_at=iso(now),
            failing_since=None,
            failures=0,
            next_pull_at=iso(next_pull),
        )
    )


def record_failure(
    conn: Connection, feed: str, message: str, now: datetime, interval: timedelta, longest: timedelta
) -> tuple[int, datetime]:
    """The feed's document could not be read: its error with the time, and the next try after a wait that
    doubles with each failure in a row (``interval`` x 2^failures, at most ``longest``); (failures, next)."""
    state = feed_state(conn, feed)
    failures = int(state.get("failures") or 0) + 1
    wait = min(interval * (2 ** min(failures, 30)), longest)
    next_pull = now + wait
    conn.execute(
        feeds.update()
        .where(feeds.c.name == feed)
        .values(
            last_pull_at=iso(now),
            last_error=message[:1000],
            last_error_at=iso(now),
            failures=failures,
            failing_since=state.get("failing_since") or iso(now),
            next_pull_at=iso(next_pull),
        )
    )
    return failures, next_pull
