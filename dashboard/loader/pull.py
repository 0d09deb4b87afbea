"""Pull new articles from news feeds into the store: ``python -m dashboard.loader pull --feeds feeds.toml``.

One pull (``Puller.pull_once``) reads every feed that is due (its interval
passed, or its backoff after failures), finds the items it has not dealt
with yet, fetches their pages (``dashboard.loader.fetch``) in a few threads
unless the feed carries the text itself, reads each page as a saved HTML
file is read (``read.html_to_text``: trafilatura's main text and the page's
date, the item's own date when the page has none, the pull's day when
neither has one, with a warning) and the article as any record is
(``read.read_record``), then extracts and stores it the way ``ingest`` does
(``--jobs`` worker processes extract, this process is the one writer, one
transaction per article).

Nothing lost, nothing doubled, whenever the process is killed:

- an item is remembered (``feed_items``) in the transaction that stores its
  article, or, when it was refused or its text was stored before, in its own
  transaction after that is known;
- a feed's ETag/Last-Modified are kept only when every item of the document
  has been dealt with (the writer reaches the feed's end marker after its
  items, in order), and not when an item failed for a passing reason (it is
  tried again from the whole document next time);
- the same story from two feeds: its URL is found among the stored
  articles, or its text by the content hash, and it is stored once.

One feed's failure (DNS, refused, timeout, 4xx/5xx, not a feed, too big) is
recorded on its row with the time, and the feed is tried again after a
wait that doubles with each failure in a row, up to a day; a success clears
it. The others go on.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from tqdm import tqdm

from dashboard.loader.extract import EventExtractor
from dashboard.loader.feeds import Config, Feed, FeedItem, FeedProblem, parse_feed, safe_url
from dashboard.loader.fetch import Fetcher, FetchError
from dashboard.loader.ingest import IN_FLIGHT_PER_JOB, Summary, _extract_here, _extract_in_worker, _start_worker, _store
from dashboard.loader.read import Article, ArticleProblem, decode, html_to_text, looks_like_html, read_record
from dashboard.store import feeds as feedstate
from dashboard.store.rows import Store

PASSING = {"timeout", "dns", "refused", "network"}  # an item failing so is tried again (feedstate.MAX_ATTEMPTS)
NO_DATE = "no publication date in the page or the feed: dated the day it was pulled"
FETCHES_AHEAD = 4  # item pages fetched ahead of the writer, per thread


@dataclass
class ItemProblem:
    source: str
    message: str
    passing: bool = False  # a timeout or a 5xx: tried again at the next pull


@dataclass
class PullSummary:
    """What one pull did, in one line (``line()``)."""

    started: datetime
    feeds_due: int = 0
    feeds_read: int = 0
    not_modified: int = 0
    failed: list[str] = field(default_factory=list)  # "name: message"
    not_due: int = 0
    new_items: int = 0
    retry: int = 0
    articles: Summary = field(default_factory=Summary)
    seconds: float = 0.0

    def line(self) -> str:
        a = self.articles
        failed = f", {len(self.failed)} failed" if self.failed else ""
        return (
            f"pull {feedstate.iso(self.started)}: {self.feeds_due} feeds due ({self.feeds_read} read, "
            f"{self.not_modified} unchanged{failed}; {self.not_due} not due), {self.new_items} new items: "
            f"{a.stored_articles} stored ({a.events_stored} events), {a.duplicates} already stored, "
            f"{len(a.refused)} refused, {self.retry} to try again; {self.seconds:.1f} s"
        )


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Puller:
    """Pulls the feeds of a ``Config`` into a ``Store``; keep one for a long-running ``--every`` process.

    ``now`` (the wall clock, for schedules and backoff) and the fetcher's ``clock``/``sleep`` are injectable:
    the tests move time on without sleeping."""

    def __init__(
        self,
        config: Config,
        store: Store,
        jobs: int = 1,
        progress: bool = False,
        now: Callable[[], datetime] = _utc_now,
        fetcher: Fetcher | None = None,
    ):
        self.config, self.store, self.jobs, self.progress, self.now = config, store, jobs, progress, now
        self.settings = config.settings
        self.fetcher = fetcher or Fetcher(config.settings, threads=config.settings.fetch_threads)
        self._threads = ThreadPoolExecutor(max_workers=config.settings.fetch_threads, thread_name_prefix="pull-fetch")
        self._processes: ProcessPoolExecutor | None = None
        self._extractor: EventExtractor | None = None
        with store.engine.begin() as conn:
            feedstate.sync_feeds(conn, [(f.name, safe_url(f.url), f.outlet) for f in config.feeds])

    def close(self) -> None:
        self._threads.shutdown(wait=True, cancel_futures=True)
        if self._processes is not None:
            self._processes.shutdown(wait=True, cancel_futures=True)
        self.fetcher.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- one pull ---------------------------------------------------------------------------------------
    def pull_once(self, force: bool = False) -> PullSummary:
        """Pull every feed that is due (every feed with ``force``)."""
        started, clock = self.now(), time.monotonic()
        summary = PullSummary(started)
        due = []
        with self.store.engine.connect() as conn:
            for feed in self.config.feeds:
                state = feedstate.feed_state(conn, feed.name)
                if force or not state.get("next_pull_at") or state["next_pull_at"] <= feedstate.iso(started):
                    due.append((feed, state))
                else:
                    summary.not_due += 1
        summary.feeds_due = len(due)
        bar = tqdm(total=0, unit=" items", file=sys.stderr, disable=not self.progress, mininterval=0.5, desc="pull")
        try:
            self._write(self._entries(due, summary, bar), summary, bar)
        finally:
            bar.close()
        summary.seconds = time.monotonic() - clock
        return summary

    def _entries(self, due, summary: PullSummary, bar) -> Iterator[tuple]:
        """In order, for each due feed: its new items (each with the future of its article), then its end."""
        for feed, state in due:
            try:
                response = self.fetcher.get(
                    feed.url, self.settings.max_feed_bytes, state.get("etag"), state.get("last_modified")
                )
                if response.status == 304:
                    summary.not_modified += 1
                    yield ("done", feed, response.etag, response.last_modified, False)
                    continue
                document = parse_feed(response.body, response.url, response.content_type, self.settings.max_items)
                del response.body  # the items are what is needed from here on
            except (FetchError, FeedProblem) as error:
                self._failed(
                    feed, str(error) if isinstance(error, FetchError) else f"{safe_url(feed.url)}: {error}", summary
                )
                continue
            except Exception as error:  # a bug on one feed must not stop the others
                self._failed(feed, f"{safe_url(feed.url)}: {type(error).__name__}: {error}", summary)
                continue
            summary.feeds_read += 1
            items, keys = [], set()
            for item in document.items:
                if item.key and item.key not in keys:
                    keys.add(item.key)
                    items.append(item)
            with self.store.engine.connect() as conn:
                done = feedstate.done_items(conn, feed.name, [item.key for item in items])
                new = [item for item in items if item.key not in done]
                known = {item.key: feedstate.article_with_url(conn, item.key) for item in new}
            summary.new_items += len(new)
            bar.total += len(new)
            bar.refresh()
            for item in new:
                if known[item.key] is not None:
                    yield ("known", feed, item, known[item.key])
                else:
                    yield ("item", feed, item, self._threads.submit(self._article, feed, item))
            yield ("done", feed, response.etag, response.last_modified, True)

    def _failed(self, feed: Feed, message: str, summary: PullSummary) -> None:
        summary.failed.append(f"{feed.name}: {message}")
        with self.store.engine.begin() as conn:
            feedstate.record_failure(
                conn,
                feed.name,
                message,
                self.now(),
                timedelta(seconds=feed.interval),
                timedelta(seconds=self.settings.max_backoff),
            )

    # --- an item's article (in a fetch thread) ------------------------------------------------------------
    def _article(self, feed: Feed, item: FeedItem) -> Article | ItemProblem:
        source = safe_url(item.url) or item.key
        try:
            if item.content:
                markup = item.content if item.content_is_html else None
                text, title, page_date = (
                    html_to_text(f"<html><body><article>{markup}</article></body></html>")
                    if markup is not None
                    else (item.content, "", "")
                )
            else:
                response = self.fetcher.get(item.url, self.settings.max_page_bytes, want_html=True)
                markup = page_markup(response.body, response.content_type, source)
                if isinstance(markup, ArticleProblem):
                    return ItemProblem(source, str(markup))
                if not response.content_type and not looks_like_html(markup):
                    return ItemProblem(source, f"{source}: not an HTML page")
                text, title, page_date = html_to_text(markup)
        except FetchError as error:
            passing = error.kind in PASSING or (
                error.kind == "http" and any(f"HTTP {code}" in str(error) for code in (408, 429, 500, 502, 503, 504))
            )
            return ItemProblem(source, str(error), passing)
        published = page_date or (item.published.isoformat() if item.published else "")
        record = {"text": text, "published": published, "outlet": feed.outlet, "url": item.key}
        article = read_record(source, record, None if published else self.now().date(), self.settings.max_page_bytes)
        if isinstance(article, ArticleProblem):
            return ItemProblem(source, str(article))
        article.title = title or item.title
        if not published:
            article.warnings.append(NO_DATE)
        return article

    # --- the writer (this thread) ---------------------------------------------------------------------------
    def _write(self, entries: Iterator[tuple], summary: PullSummary, bar) -> None:
        fetched: deque = deque()  # entries whose article is being fetched and read, in order
        ready: deque = deque()  # entries whose claims are being extracted (jobs > 1), in order
        ahead = self.settings.fetch_threads * FETCHES_AHEAD
        extracting = self.jobs * IN_FLIGHT_PER_JOB if self.jobs > 1 else 0
        retry_feeds: set[str] = set()
        for entry in entries:
            fetched.append(entry)
            while len(fetched) > ahead:
                ready.append(self._extract(fetched.popleft(), summary))
                while len(ready) > extracting:
                    self._finish(ready.popleft(), summary, retry_feeds, bar)
        while fetched:
            ready.append(self._extract(fetched.popleft(), summary))
            while len(ready) > extracting:
                self._finish(ready.popleft(), summary, retry_feeds, bar)
        while ready:
            self._finish(ready.popleft(), summary, retry_feeds, bar)

    def _extract(self, entry: tuple, summary: PullSummary) -> tuple:
        """An entry whose article is read: its claims being extracted (a future, or a function for jobs 1)."""
        if entry[0] != "item":
            return entry
        _, feed, item, future = entry
        article = future.result()
        if isinstance(article, ItemProblem):
            return ("problem", feed, item, article)
        for warning in article.warnings:
            summary.articles.warn(article.source, warning)
        summary.articles.articles_read += 1
        if self.store.has_article(article.content_hash):
            return ("duplicate", feed, item, article)
        if self.jobs > 1:
            if self._processes is None:
                self._processes = ProcessPoolExecutor(
                    max_workers=self.jobs, initializer=_start_worker, initargs=(os.getpid(),)
                )
            return (
                "article",
                feed,
                item,
                article,
                self._processes.submit(_extract_in_worker, (article.text, article.published)),
            )
        return ("article", feed, item, article, None)

    def _finish(self, entry: tuple, summary: PullSummary, retry_feeds: set[str], bar) -> None:
        kind, feed = entry[0], entry[1]
        now = self.now()
        if kind == "done":
            _, _, etag, last_modified, _ = entry
            keep = feed.name not in retry_feeds
            with self.store.engine.begin() as conn:
                feedstate.record_success(
                    conn,
                    feed.name,
                    now,
                    now + timedelta(seconds=feed.interval),
                    etag if keep else None,
                    last_modified if keep else None,
                )
            return
        bar.update(1)
        item = entry[2]
        if kind == "known":  # the same URL stored from another feed (or earlier)
            summary.articles.duplicates += 1
            with self.store.engine.begin() as conn:
                feedstate.remember_item(conn, feed.name, item.key, safe_url(item.url), "duplicate", now, entry[3])
            return
        if kind == "problem":
            problem: ItemProblem = entry[3]
            with self.store.engine.begin() as conn:
                status = feedstate.remember_item(
                    conn,
                    feed.name,
                    item.key,
                    safe_url(item.url),
                    "retry" if problem.passing else "refused",
                    now,
                    detail=problem.message,
                )
                feedstate.record_item_error(conn, feed.name, problem.message, now)
            if status == "retry":
                summary.retry += 1
                retry_feeds.add(feed.name)
            else:
                summary.articles.refused.append(problem.message)
            return
        article: Article = entry[3]
        if kind == "duplicate":
            summary.articles.duplicates += 1
            with self.store.engine.begin() as conn:
                feedstate.remember_item(
                    conn,
                    feed.name,
                    item.key,
                    safe_url(item.url),
                    "duplicate",
                    now,
                    feedstate.article_with_hash(conn, article.content_hash),
                )
            return
        future = entry[4]
        if future is None:
            if self._extractor is None:
                self._extractor = EventExtractor()
            extraction = _extract_here(self._extractor, article)
        else:
            extraction = future.result()
        if isinstance(extraction, str):
            message = f"{article.source}: could not be read for claims ({extraction})"
            with self.store.engine.begin() as conn:
                feedstate.remember_item(conn, feed.name, item.key, safe_url(item.url), "refused", now, detail=message)
            summary.articles.refused.append(message)
            return

        def remember(conn, article_id):
            if article_id is None:  # the same text stored meanwhile (another feed's item, another loader)
                feedstate.remember_item(
                    conn,
                    feed.name,
                    item.key,
                    safe_url(item.url),
                    "duplicate",
                    now,
                    feedstate.article_with_hash(conn, article.content_hash),
                )
            else:
                feedstate.remember_item(conn, feed.name, item.key, safe_url(item.url), "stored", now, article_id)

        _store(article, extraction, self.store, summary.articles, also=remember)


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.IGNORECASE)


def page_markup(body: bytes, content_type: str, source: str) -> str | ArticleProblem:
    """A page's HTML as text: in the charset its Content-Type or its ``<meta charset>`` names (a Ukrainian
    outlet's windows-1251 page), else as a saved file is read (UTF-8, or Windows-1252 with a warning)."""
    decoded = decode(body, source)  # the same checks as a file: empty, binary
    if isinstance(decoded, ArticleProblem):
        return decoded
    named = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", content_type or "", re.IGNORECASE)
    found = named.group(1) if named else None
    if found is None:
        meta = _CHARSET.search(body[:4096])
        found = meta.group(1).decode("ascii") if meta else None
    if found and found.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return body.decode(found, errors="replace")
        except LookupError:  # a charset Python does not know: read as a file is
            pass
    return decoded[0]


def run_every(
    puller: Puller,
    every: float,
    pulls: int | None = None,
    report: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Pull, then wait until ``every`` seconds after the pull began, for ever (or ``pulls`` times). A pull that
    fails whole (the database unreachable for a while) is reported in its line, and the next one is tried."""
    done = 0
    while pulls is None or done < pulls:
        began = time.monotonic()
        try:
            report(puller.pull_once().line())
        except Exception as error:  # a long-running process outlives a database restart
            first = (str(error).strip().splitlines() or [""])[0][:300]
            report(
                f"pull {feedstate.iso(puller.now())}: failed ({type(error).__name__}: {first}); "
                f"trying again in {every:.0f} s"
            )
        done += 1
        if pulls is not None and done >= pulls:
            return
        sleep(max(0.0, every - (time.monotonic() - began)))
