"""Read articles from files: plain text, HTML pages and JSON-lines feeds, with their metadata.

Every file is checked before anything is stored: too large (a configurable
limit), empty, binary, not UTF-8 (read as Windows-1252/Latin-1, with a
warning), no publication date, an impossible date. A problem becomes an
``ArticleProblem`` naming the file and what is wrong; the batch goes on.

Publication dates come from ``manifest.csv`` beside the files (columns
``file,published,outlet,url``), from an HTML page's ``article:published_time``
meta tag, from a JSON line's ``published`` field, or, for an article with none
of these, from ``--published``. A date before ``EARLIEST_PUBLISHED`` is as
impossible as 30 February.

A JSON-lines feed is read line by line, in memory bounded by the article
limit: the limit, a NUL byte, bad JSON, JSON nested too deeply or a field of
the wrong type (``published``, ``outlet``, ``url``, ``title``: a string or
nothing) refuses one line, not the feed. A symbolic link inside a folder is
refused unless ``follow_symlinks`` (``--follow-symlinks``). A
``manifest.csv`` is read like article text (Windows-1252 with a warning
when it is not UTF-8); one that is not text refuses its folder.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import trafilatura
from htmldate import find_date

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST = "manifest.csv"
EARLIEST_PUBLISHED = date(1900, 1, 1)  # also keeps the date arithmetic of the rules (a week back) in range


@dataclass
class Article:
    source: str  # file path, or "path:line" for a JSON line
    text: str
    published: date
    outlet: str = ""
    url: str = ""
    title: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(normalise_text(self.text).encode("utf-8")).hexdigest()


@dataclass
class ArticleProblem:
    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass
class ReadWarning:
    """Something a person should know about a file that was still read (a manifest not in UTF-8)."""

    source: str
    warning: str

    def __str__(self) -> str:
        return f"{self.source}: {self.warning}"


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def parse_date(value: str, source: str, what: str) -> date | ArticleProblem:
    value = (value or "").strip()
    try:
        parsed = date.fromisoformat(value[:10])
    except ValueError:
        parsed = None
    if parsed is None or parsed < EARLIEST_PUBLISHED:
        return ArticleProblem(
            source, f"{what} {value!r} is not a valid date (expected YYYY-MM-DD, from {EARLIEST_PUBLISHED} on)"
        )
    return parsed


def load_manifest(folder: Path) -> tuple[dict[str, dict], list[ReadWarning]] | ArticleProblem:
    """The rows of a folder's manifest by file name, and warnings; a problem naming it when it is unreadable."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}, []
    decoded = decode(path.read_bytes(), str(path))
    if isinstance(decoded, ArticleProblem):
        return ArticleProblem(str(path), f"manifest not read, the folder's files are not read: {decoded.problem}")
    text, warnings = decoded
    try:
        rows = {
            row["file"]: row
            for row in csv.DictReader(io.StringIO(text, newline=""))
            if isinstance(row.get("file"), str) and row["file"]
        }
    except csv.Error as error:
        return ArticleProblem(str(path), f"manifest is not valid CSV ({error}); the folder's files are not read")
    return rows, [ReadWarning(str(path), w) for w in warnings]


def decode(raw: bytes, source: str) -> tuple[str, list[str]] | ArticleProblem:
    if not raw.strip():
        return ArticleProblem(source, "empty file: no text to read")
    sample = raw[:65536]
    controls = sum(b < 9 or 13 < b < 32 for b in sample)
    if b"\x00" in sample or controls > len(sample) * 0.01:
        return ArticleProblem(source, "binary file, not text (contains NUL or control bytes)")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        return raw.decode("cp1252", errors="replace"), [
            f"not valid UTF-8 (byte {error.start}); read as Windows-1252/Latin-1"
        ]


def html_to_text(markup: str) -> tuple[str, str, str]:
    """(text, title, published) of an HTML page.

    The main text comes from trafilatura, a well-kept main-text extractor: menus, related-article lists,
    comments, scripts and styles are left out, so that they never become claims. The headline (the page's
    title) comes first, as a sentence of its own. The publication date is read from the page's metadata
    only (``article:published_time``, ``datePublished`` ...; htmldate without its guessing from the text,
    which could take a date the article reports for the date it was published)."""
    try:
        document = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=False,
            include_links=False,
            include_images=False,
            with_metadata=True,
        )
    except Exception:  # a page the extractor cannot parse: no text, refused by name by the caller
        document = None
    text = ((document or {}).get("text") or "").strip()
    title = ((document or {}).get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    try:
        published = find_date(markup, extensive_search=False, original_date=True, outputformat="%Y-%m-%d") or ""
    except Exception:
        published = ""
    return text, title, published


def looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype\s+html|<html|<head|<body|<article)", text, re.IGNORECASE))


def read_path(
    path: Path, published: date | None = None, max_bytes: int = 5_000_000, follow_symlinks: bool = False
) -> Iterator[Article | ArticleProblem | ReadWarning]:
    """Articles (or problems, warnings) from one file or every article file in a folder, in name order; a symbolic
    link in a folder is refused unless ``follow_symlinks``."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        if not follow_symlinks:  # a link in a folder of articles may point anywhere (/etc/passwd): not read
            for link in (p for p in files if p.is_symlink()):
                yield ArticleProblem(str(link), "a symbolic link, not read (pass --follow-symlinks to read links)")
            files = [p for p in files if not p.is_symlink()]
        if not files:
            yield ArticleProblem(str(path), f"no article files ({', '.join(sorted(ARTICLE_SUFFIXES))}) in folder")
            return
        manifest = load_manifest(path)
        if isinstance(manifest, ArticleProblem):
            yield manifest
            return
        yield from manifest[1]
        for file in files:
            yield from read_file(file, published, max_bytes, manifest[0])
    elif path.is_file():
        yield from read_file(path, published, max_bytes)
    else:
        yield ArticleProblem(str(path), "no such file or folder")


def read_file(
    path: Path, published: date | None = None, max_bytes: int = 5_000_000, manifest: dict[str, dict] | None = None
) -> Iterator[Article | ArticleProblem | ReadWarning]:
    source = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_articles(path, published, max_bytes)
        return
    size = path.stat().st_size
    if size > max_bytes:
        yield ArticleProblem(
            source,
            f"file is {size / 1e6:.1f} MB, above the limit of {max_bytes / 1e6:.1f} MB "
            "(raise it with --max-bytes or CONFLICT_MAP_MAX_ARTICLE_BYTES)",
        )
        return
    decoded = decode(path.read_bytes(), source)
    if isinstance(decoded, ArticleProblem):
        yield decoded
        return
    text, warnings = decoded
    if manifest is None:
        loaded = load_manifest(path.parent)
        if isinstance(loaded, ArticleProblem):
            yield loaded
            return
        manifest = loaded[0]
        yield from loaded[1]
    meta = manifest.get(path.name, {})
    title, page_date = "", ""
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text, title, page_date = html_to_text(text)
    yield _article(
        source,
        text,
        meta.get("published") or page_date,
        published,
        meta.get("outlet") or "",
        meta.get("url") or "",
        title,
        warnings,
    )


def _feed_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, bytes | ArticleProblem]]:
    """(line number, raw line) of a feed, or a problem for a line too long to be one article; bounded memory."""
    # a JSON string escapes its text: a line may hold up to twice the article's bytes, and its other fields
    line_cap = 2 * max_bytes + 65_536
    with path.open("rb") as handle:
        number = 0
        while raw := handle.readline(line_cap + 1):
            number += 1
            if len(raw) > line_cap and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a megabyte at a time
                    raw = handle.readline(1 << 20)
                yield (
                    number,
                    ArticleProblem(
                        f"{path}:{number}",
                        f"line above the limit of {max_bytes / 1e6:.1f} MB per article (raise it with --max-bytes)",
                    ),
                )
                continue
            yield number, raw


def _jsonl_articles(path: Path, published: date | None, max_bytes: int):
    source, any_line = str(path), False
    for number, raw in _feed_lines(path, max_bytes):
        where = f"{source}:{number}"
        if isinstance(raw, ArticleProblem):
            any_line = True
            yield raw
            continue
        if not raw.strip():
            continue
        any_line = True
        if b"\x00" in raw:
            yield ArticleProblem(where, "line contains a NUL byte: binary data, not text")
            continue
        try:
            line, warnings = raw.decode("utf-8-sig" if number == 1 else "utf-8"), []
        except UnicodeDecodeError as error:
            line = raw.decode("cp1252", errors="replace")
            warnings = [f"not valid UTF-8 (byte {error.start} of the line); read as Windows-1252/Latin-1"]
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ArticleProblem(where, f"not valid JSON ({error.msg})")
            continue
        except RecursionError:  # a few KB of brackets nested thousands deep: that line only
            yield ArticleProblem(where, "JSON nested too deeply to be an article (an article is one flat object)")
            continue
        yield read_record(where, record, published, max_bytes, warnings)
    if not any_line:
        yield ArticleProblem(source, "empty file: no text to read")


def read_record(
    source: str, record, published: date | None, max_bytes: int, warnings: list[str] | None = None
) -> Article | ArticleProblem:
    """One article from a record ``{"text", "published", "outlet", "url"}``: a JSON line of a feed, or an
    article an editor pastes on the review page (the same checks and messages for both)."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return ArticleProblem(source, "JSON line has no 'text' string")
    for name in ("published", "outlet", "url", "title"):  # text or nothing: never a number's or object's repr
        if record.get(name) is not None and not isinstance(record[name], str):
            return ArticleProblem(source, f"'{name}' is a {type(record[name]).__name__}, not a string")
    body = record["text"]
    if len(body.encode("utf-8")) > max_bytes:
        return ArticleProblem(source, f"text above the limit of {max_bytes / 1e6:.1f} MB")
    if "\x00" in body:
        return ArticleProblem(source, "text contains a NUL byte: binary data, not text")
    title = ""
    if looks_like_html(body):
        body, title, _ = html_to_text(body)
    return _article(
        source,
        body,
        str(record.get("published") or ""),
        published,
        str(record.get("outlet") or ""),
        str(record.get("url") or ""),
        title,
        warnings or [],
    )


def _article(source, text, published_text, published_override, outlet, url, title, warnings):
    text = normalise_text(text)
    if not text:
        return ArticleProblem(source, "no text left after removing markup")
    if published_text:  # the article's own date always wins; --published is for articles without one
        published = parse_date(published_text, source, "publication date")
        if isinstance(published, ArticleProblem):
            return published
    elif published_override is not None:
        published = published_override
    else:
        return ArticleProblem(
            source, "no publication date: add the file to manifest.csv beside it or pass --published YYYY-MM-DD"
        )
    if published > date.today():
        return ArticleProblem(source, f"publication date {published} is in the future")
    return Article(source, text, published, outlet, url, title, list(warnings))
