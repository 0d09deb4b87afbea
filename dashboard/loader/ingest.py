"""Ingest a batch of article files into the store, one transaction per article.

A bad file never stops the batch and never touches what is already stored:
it is refused with a message naming the file and the problem. The summary
says what was read, skipped as a duplicate, refused (and why), stored, and
left unplaced; warnings that many articles share are grouped into one line.

Reading claims uses the machine: ``jobs`` worker processes extract events
(the CPU-bound part) while this process reads files and is the one writer,
storing articles in the order they were read, each with its events in one
transaction. The database ends the same whatever the number of jobs.

``reread=True`` (``--reread``) reads articles already stored again (after a
change of the rules) and replaces their events, one transaction per
article; the newsroom's decisions are kept: they are stored against each
claim's stable key, not its row (``dashboard.review.identity``).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from tqdm import tqdm

from dashboard.loader.extract import EventExtractor, Extraction
from dashboard.loader.read import Article, ArticleProblem, ReadWarning, read_path
from dashboard.schema import event_problems
from dashboard.store.rows import Store

EXAMPLES_PER_WARNING = 3  # articles named beside a grouped warning
IN_FLIGHT_PER_JOB = 64  # articles handed to each worker ahead of the writer (bounds memory)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class Summary:
    articles_read: int = 0
    duplicates: int = 0
    stored_articles: int = 0
    reread_articles: int = 0
    events_stored: int = 0
    unplaced: int = 0
    oblast_only: int = 0
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "source: message", one per article and warning
    _by_message: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def warn(self, source: str, message: str) -> None:
        self.warnings.append(f"{source}: {message}")
        self._by_message.setdefault(message, []).append(source)

    def grouped_warnings(self) -> list[str]:
        """One line per distinct warning, most frequent first, with how many articles and a few of them."""
        lines = []
        for message, sources in sorted(self._by_message.items(), key=lambda item: (-len(item[1]), item[0])):
            if len(sources) == 1:
                lines.append(f"{sources[0]}: {message}")
                continue
            examples = ", ".join(sources[:EXAMPLES_PER_WARNING]) + (
                ", ..." if len(sources) > EXAMPLES_PER_WARNING else ""
            )
            lines.append(f"{message} [{len(sources):,} articles: {examples}]")
        return lines

    def lines(self, verbose: bool = False) -> list[str]:
        out = [
            f"articles read: {self.articles_read}",
            f"stored: {self.stored_articles} articles, {self.events_stored} events",
            f"skipped as duplicates: {self.duplicates}",
            *([f"read again: {self.reread_articles} articles"] if self.reread_articles else []),
            f"claims placed only at oblast level: {self.oblast_only}; left unplaced: {self.unplaced}",
            f"refused: {len(self.refused)}",
        ]
        out += [f"  refused {line}" for line in self.refused]
        out += [f"  warning {line}" for line in (self.warnings if verbose else self.grouped_warnings())]
        return out


# --- worker side -------------------------------------------------------------------------------------
_worker_extractor: EventExtractor | None = None


def _start_worker(writer: int) -> None:
    global _worker_extractor
    # watch the writer first: it may be killed while this worker still loads the gazetteer
    threading.Thread(target=_exit_with_parent, args=(writer,), daemon=True).start()
    _worker_extractor = EventExtractor()


def _exit_with_parent(parent: int) -> None:
    """A worker whose writer was killed (kill -9) would wait for work forever: end it with its parent."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _extract_in_worker(job: tuple[str, date]) -> Extraction | str:
    text, published = job
    try:
        return _worker_extractor.extract(text, published)
    except Exception as error:  # a bug on one article must not stop the batch
        return f"{type(error).__name__}: {error}"


# --- writer side -------------------------------------------------------------------------------------
def ingest(
    paths: Iterable[Path],
    store: Store,
    published: date | None = None,
    max_bytes: int = 5_000_000,
    extractor: EventExtractor | None = None,
    progress: bool | None = None,
    jobs: int = 1,
    reread: bool = False,
    follow_symlinks: bool = False,
) -> Summary:
    """Read, extract and store every article under ``paths``; ``jobs`` > 1 extracts in worker processes;
    ``reread``: articles stored before are read again and their events replaced; ``follow_symlinks``: read
    symbolic links inside folders (refused by default)."""
    summary = Summary()
    items = (item for path in paths for item in read_path(Path(path), published, max_bytes, follow_symlinks))
    bar = tqdm(items, unit=" articles", file=sys.stderr, disable=not progress, mininterval=0.5)
    articles = _new_articles(bar, store, summary, reread)
    if jobs <= 1:
        extractor = extractor or EventExtractor()
        results = ((article, _extract_here(extractor, article)) for article in articles)
        for article, extraction in results:
            _store(article, extraction, store, summary, reread)
        return summary
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        for article in articles:
            pending.append((article, pool.submit(_extract_in_worker, (article.text, article.published))))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                done, future = pending.popleft()
                _store(done, future.result(), store, summary, reread)
        while pending:
            done, future = pending.popleft()
            _store(done, future.result(), store, summary, reread)
    return summary


def _new_articles(items: Iterator, store: Store, summary: Summary, reread: bool = False) -> Iterator[Article]:
    """The articles to extract: problems refused, articles already stored counted as duplicates."""
    for item in items:
        if isinstance(item, ArticleProblem):
            summary.refused.append(str(item))
            continue
        if isinstance(item, ReadWarning):
            summary.warn(item.source, item.warning)
            continue
        summary.articles_read += 1
        for warning in item.warnings:
            summary.warn(item.source, warning)
        if not reread and store.has_article(item.content_hash):
            summary.duplicates += 1
            continue
        yield item


def _extract_here(extractor: EventExtractor, article: Article) -> Extraction | str:
    try:
        return extractor.extract(article.text, article.published)
    except Exception as error:  # a bug on one article must not stop the batch
        return f"{type(error).__name__}: {error}"


def _store(
    article: Article, extraction: Extraction | str, store: Store, summary: Summary, reread: bool = False, also=None
) -> None:
    """Store one article and its events (``also``: more written in its transaction, see ``Store.add_article``)."""
    if isinstance(extraction, str):
        summary.refused.append(f"{article.source}: could not be read for claims ({extraction})")
        return
    kept = []
    for event in extraction.events:  # a number or date out of the schema's bounds: that claim only is refused
        problems = event_problems(event)
        if problems:
            summary.warn(article.source, f"claim refused ({'; '.join(problems)}): {event.sentence[:120]!r}")
        else:
            kept.append(event)
    if len(kept) != len(extraction.events):
        extraction = replace(extraction, events=kept)
    article_id = store.add_article(
        content_hash=article.content_hash,
        source=article.source,
        published=article.published.isoformat(),
        report_day=extraction.report_day.isoformat(),
        outlet=article.outlet,
        url=article.url,
        title=article.title,
        text=article.text,
        events=extraction.events,
        also=also,
    )
    if article_id is None:  # the same text earlier in this batch, or stored meanwhile by another loader
        if reread and store.replace_events(article.content_hash, extraction.events) is not None:
            summary.reread_articles += 1
            summary.events_stored += len(extraction.events)
        else:
            summary.duplicates += 1
        return
    summary.stored_articles += 1
    summary.events_stored += len(extraction.events)
    summary.unplaced += sum(e.place_precision == "none" and e.action != "advanced" for e in extraction.events)
    summary.oblast_only += sum(e.place_precision == "oblast" and bool(e.flags) for e in extraction.events)
    for warning in extraction.warnings:
        summary.warn(article.source, warning)


# --- one article (the review page's pasted article: the same path as a batch) ---------------------------
_one_extractor: EventExtractor | None = None


def extract_one(article: Article) -> Extraction | str:
    """The claims of one article, as a batch reads them (or the reason it could not be read)."""
    global _one_extractor
    if _one_extractor is None:
        _one_extractor = EventExtractor()
    return _extract_here(_one_extractor, article)


def store_one(article: Article, extraction: Extraction | str, store: Store) -> Summary:
    """Store one article and its claims as a batch does; the summary says stored, duplicate or refused."""
    summary = Summary(articles_read=1)
    for warning in article.warnings:
        summary.warn(article.source, warning)
    _store(article, extraction, store, summary)
    return summary
