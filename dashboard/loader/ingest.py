"""Ingest a batch of article files into the store, one transaction per article.

A bad file never stops the batch and never touches what is already stored:
it is refused with a message naming the file and the problem. The summary
says what was read, skipped as a duplicate, refused (and why), stored, and
left unplaced.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from dashboard.loader.extract import EventExtractor
from dashboard.loader.read import Article, ArticleProblem, ReadWarning, read_path
from dashboard.store import Store


@dataclass
class Summary:
    articles_read: int = 0
    duplicates: int = 0
    stored_articles: int = 0
    events_stored: int = 0
    unplaced: int = 0
    oblast_only: int = 0
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.articles_read}",
            f"stored: {self.stored_articles} articles, {self.events_stored} events",
            f"skipped as duplicates: {self.duplicates}",
            f"claims placed only at oblast level: {self.oblast_only}; left unplaced: {self.unplaced}",
            f"refused: {len(self.refused)}",
        ]
        out += [f"  refused {line}" for line in self.refused]
        out += [f"  warning {line}" for line in self.warnings]
        return out


def ingest(paths: Iterable[Path], store: Store, published: date | None = None, max_bytes: int = 5_000_000,
           extractor: EventExtractor | None = None, progress: bool | None = None) -> Summary:
    extractor = extractor or EventExtractor()
    summary = Summary()
    items = (item for path in paths for item in read_path(Path(path), published, max_bytes))
    bar = tqdm(items, unit=" articles", file=sys.stderr, disable=not progress, mininterval=0.5)
    for item in bar:
        if isinstance(item, ArticleProblem):
            summary.refused.append(str(item))
            continue
        if isinstance(item, ReadWarning):
            summary.warnings.append(str(item))
            continue
        summary.articles_read += 1
        summary.warnings += [f"{item.source}: {w}" for w in item.warnings]
        _ingest_article(item, store, extractor, summary)
    return summary


def _ingest_article(article: Article, store: Store, extractor: EventExtractor, summary: Summary) -> None:
    content_hash = article.content_hash
    if store.has_article(content_hash):
        summary.duplicates += 1
        return
    try:
        extraction = extractor.extract(article.text, article.published)
    except Exception as error:  # a bug on one article must not stop the batch
        summary.refused.append(f"{article.source}: could not be read for claims ({type(error).__name__}: {error})")
        return
    article_id = store.add_article(
        content_hash=content_hash, source=article.source, published=article.published.isoformat(),
        report_day=extraction.report_day.isoformat(), outlet=article.outlet, url=article.url,
        title=article.title, text=article.text, events=extraction.events)
    if article_id is None:
        summary.duplicates += 1
        return
    summary.stored_articles += 1
    summary.events_stored += len(extraction.events)
    summary.unplaced += sum(e.place_precision == "none" and e.action != "advanced" for e in extraction.events)
    summary.oblast_only += sum(e.place_precision == "oblast" and bool(e.flags) for e in extraction.events)
    summary.warnings += [f"{article.source}: {w}" for w in extraction.warnings]
