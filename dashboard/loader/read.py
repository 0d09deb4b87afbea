"""Read articles from files: plain text, HTML pages and JSON-lines feeds, with their metadata.

Every file is checked before anything is stored: too large (a configurable
limit), empty, binary, not UTF-8 (read as Windows-1252/Latin-1, with a
warning), no publication date, an impossible date. A problem becomes an
``ArticleProblem`` naming the file and what is wrong; the batch goes on.

Publication dates come from ``manifest.csv`` beside the files (columns
``file,published,outlet,url``), from an HTML page's ``article:published_time``
meta tag, from a JSON line's ``published`` field, or from ``--published``.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser as HTMLParser

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST = "manifest.csv"


@dataclass
class Article:
    source: str                  # file path, or "path:line" for a JSON line
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


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def parse_date(value: str, source: str, what: str) -> date | ArticleProblem:
    value = (value or "").strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return ArticleProblem(source, f"{what} {value!r} is not a valid date (expected YYYY-MM-DD)")


def load_manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle) if row.get("file")}


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
            f"not valid UTF-8 (byte {error.start}); read as Windows-1252/Latin-1"]


def html_to_text(markup: str) -> tuple[str, str, str]:
    """(text, title, published) of an HTML page; scripts, styles and templates are dropped."""
    tree = HTMLParser(markup)
    title = tree.css_first("title").text(strip=True) if tree.css_first("title") else ""
    published = ""
    for selector in ('meta[property="article:published_time"]', 'meta[name="date"]',
                     'meta[itemprop="datePublished"]'):
        node = tree.css_first(selector)
        if node and node.attributes.get("content"):
            published = node.attributes["content"]
            break
    tree.strip_tags(["script", "style", "noscript", "template", "svg", "iframe", "head"])
    root = tree.css_first("article") or tree.body or tree.root
    blocks = []
    for node in root.css("h1, h2, h3, p, li, blockquote, pre, td"):
        line = node.text(separator=" ", strip=True)
        if line:
            blocks.append(re.sub(r"\s+", " ", line))
    if not blocks:
        blocks = [re.sub(r"\s+", " ", root.text(separator=" ", strip=True))]
    return "\n\n".join(blocks), title, published


def looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype\s+html|<html|<head|<body|<article)", text, re.IGNORECASE))


def read_path(path: Path, published: date | None = None, max_bytes: int = 5_000_000
              ) -> Iterator[Article | ArticleProblem]:
    """Articles (or problems) from one file or every article file in a folder, in name order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            yield ArticleProblem(str(path), f"no article files ({', '.join(sorted(ARTICLE_SUFFIXES))}) in folder")
        for file in files:
            yield from read_file(file, published, max_bytes)
    elif path.is_file():
        yield from read_file(path, published, max_bytes)
    else:
        yield ArticleProblem(str(path), "no such file or folder")


def read_file(path: Path, published: date | None = None, max_bytes: int = 5_000_000
              ) -> Iterator[Article | ArticleProblem]:
    source = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        yield ArticleProblem(source, f"file is {size / 1e6:.1f} MB, above the limit of {max_bytes / 1e6:.1f} MB "
                                     "(raise it with --max-bytes or CONFLICT_MAP_MAX_ARTICLE_BYTES)")
        return
    decoded = decode(path.read_bytes(), source)
    if isinstance(decoded, ArticleProblem):
        yield decoded
        return
    text, warnings = decoded
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_articles(text, source, published, max_bytes)
        return
    meta = load_manifest(path.parent).get(path.name, {})
    title, page_date = "", ""
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text, title, page_date = html_to_text(text)
    yield _article(source, text, meta.get("published") or page_date, published, meta.get("outlet", ""),
                   meta.get("url", ""), title, warnings)


def _jsonl_articles(text: str, source: str, published: date | None, max_bytes: int):
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ArticleProblem(where, f"not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield ArticleProblem(where, "JSON line has no 'text' string")
            continue
        body = record["text"]
        if len(body.encode("utf-8")) > max_bytes:
            yield ArticleProblem(where, f"text above the limit of {max_bytes / 1e6:.1f} MB")
            continue
        title = ""
        if looks_like_html(body):
            body, title, _ = html_to_text(body)
        yield _article(where, body, str(record.get("published") or ""), published,
                       str(record.get("outlet") or ""), str(record.get("url") or ""), title, [])


def _article(source, text, published_text, published_override, outlet, url, title, warnings):
    text = normalise_text(text)
    if not text:
        return ArticleProblem(source, "no text left after removing markup")
    if published_override is not None:
        published = published_override
    elif published_text:
        published = parse_date(published_text, source, "publication date")
        if isinstance(published, ArticleProblem):
            return published
    else:
        return ArticleProblem(source, "no publication date: add the file to manifest.csv beside it "
                                      "or pass --published YYYY-MM-DD")
    if published > date.today():
        return ArticleProblem(source, f"publication date {published} is in the future")
    return Article(source, text, published, outlet, url, title, list(warnings))
