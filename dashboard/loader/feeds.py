"""The feeds file (``feeds.toml``) and the feed documents: which feeds to pull, and the items each one lists.

``load_config(path)`` reads the TOML file (``tomllib``): ``[settings]`` (the
User-Agent naming the newsroom, the delay between two requests to a host,
size caps, timeouts, hosts allowed to be on private addresses) and one
``[[feeds]]`` table per feed (name, outlet, url, optional interval and
language). A mistake is a ``ConfigProblem`` naming the file, the feed and
the key.

``parse_feed(raw, ...)`` turns a feed document into ``FeedItem`` s: RSS
0.9x/1.0/2.0 and Atom through ``feedparser`` (a well-kept parser that copes
with the many dialects and broken feeds in the wild), JSON Feed with
``json`` (feedparser does not read it). The document's size is capped
before parsing (``max_feed_bytes``, by the fetcher while it downloads) and
so is its number of items (``max_items``, counted before feedparser builds
them): a 50 MB document or one of 100,000 items is refused with a message,
never held whole as parsed objects. A document that is not a feed (an
HTML page) is refused by name.

An item carries its text when the feed is a full-content feed (RSS
``content:encoded``, Atom ``content``, JSON Feed ``content_html`` /
``content_text``): it needs no page fetch.
"""

from __future__ import annotations

import calendar
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import feedparser
from courlan import normalize_url

DEFAULT_INTERVAL = 15 * 60
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
_ITEM_TAG = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(?:item|entry)[\s>/]")
JSON_FEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/")


class ConfigProblem(ValueError):
    """A mistake in the feeds file: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Settings:
    user_agent: str = "conflict-map-loader (set user_agent in the feeds file)"
    host_delay: float = 1.0  # seconds between two requests to one host
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_page_bytes: int = 5_000_000  # an item's page
    max_feed_bytes: int = 10_000_000  # a feed document
    max_items: int = 5_000  # items in one feed document
    allow_hosts: frozenset[str] = frozenset()  # hosts that may be on private, loopback, link-local addresses
    interval: float = DEFAULT_INTERVAL  # seconds between pulls of a feed without its own interval
    max_backoff: float = 86_400.0  # a failing feed is tried at least once a day
    fetch_threads: int = 4  # item pages fetched at once (the per-host delay still applies)


@dataclass(frozen=True)
class Feed:
    name: str
    outlet: str
    url: str
    interval: float
    language: str = ""


@dataclass(frozen=True)
class Config:
    path: Path
    settings: Settings
    feeds: tuple[Feed, ...]


def parse_duration(value, where: str) -> float:
    """Seconds from 90, "90s", "15m", "2h", "1d"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    found = _DURATION.match(value) if isinstance(value, str) else None
    if not found or float(found.group(1)) <= 0:
        raise ConfigProblem(f"{where}: {value!r} is not a duration (a positive number of seconds, or 90s, 15m, 2h, 1d)")
    return float(found.group(1)) * _UNITS[found.group(2)]


def safe_url(url: str) -> str:
    """The URL without user name and password: what messages, logs and the feeds page show."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unreadable URL)"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def item_key(url: str) -> str:
    """The key an item is remembered by: its URL normalised by courlan (case, default port, fragments,
    tracking parameters), without credentials."""
    try:
        return normalize_url(safe_url(url), strict=True)
    except Exception:  # courlan on a URL it cannot read: keep it as it is
        return safe_url(url)


def load_config(path: Path | str) -> Config:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigProblem(f"{path}: no such feeds file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigProblem(f"{path}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigProblem(f"{path}: not valid TOML ({error})") from None
    unknown = set(raw) - {"settings", "feeds"}
    if unknown:
        raise ConfigProblem(f"{path}: unknown section {sorted(unknown)[0]!r} (expected [settings] and [[feeds]])")
    settings = _settings(raw.get("settings", {}), path)
    listed = raw.get("feeds")
    if not isinstance(listed, list) or not listed:
        raise ConfigProblem(f"{path}: no feeds: add [[feeds]] tables with name, outlet and url")
    feeds, names = [], set()
    for number, table in enumerate(listed, 1):
        feed = _feed(table, f"{path}: feed {number}", settings)
        if feed.name in names:
            raise ConfigProblem(f"{path}: feed {number}: the name {feed.name!r} is used twice")
        names.add(feed.name)
        feeds.append(feed)
    return Config(path, settings, tuple(feeds))


_SETTING_KEYS = {
    "user_agent",
    "host_delay",
    "connect_timeout",
    "read_timeout",
    "max_page_bytes",
    "max_feed_bytes",
    "max_items",
    "allow_hosts",
    "interval",
    "max_backoff",
    "fetch_threads",
}


def _settings(table, path: Path) -> Settings:
    where = f"{path}: [settings]"
    if not isinstance(table, dict):
        raise ConfigProblem(f"{where} is not a table")
    unknown = set(table) - _SETTING_KEYS
    if unknown:
        raise ConfigProblem(f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_SETTING_KEYS))})")
    values = {}
    if "user_agent" in table:
        agent = table["user_agent"]
        if not isinstance(agent, str) or not agent.strip() or any(c in agent for c in "\r\n"):
            raise ConfigProblem(f"{where}: user_agent must be one line of text naming the newsroom")
        values["user_agent"] = agent.strip()
    for key in ("host_delay", "connect_timeout", "read_timeout", "interval", "max_backoff"):
        if key in table:
            values[key] = (
                0.0 if key == "host_delay" and table[key] == 0 else parse_duration(table[key], f"{where}: {key}")
            )
    for key in ("max_page_bytes", "max_feed_bytes", "max_items", "fetch_threads"):
        if key in table:
            if not isinstance(table[key], int) or isinstance(table[key], bool) or table[key] < 1:
                raise ConfigProblem(f"{where}: {key} must be a positive whole number, not {table[key]!r}")
            values[key] = table[key]
    if "allow_hosts" in table:
        hosts = table["allow_hosts"]
        if not isinstance(hosts, list) or not all(isinstance(h, str) and h.strip() for h in hosts):
            raise ConfigProblem(f"{where}: allow_hosts must be a list of host names")
        values["allow_hosts"] = frozenset(h.strip().lower().rstrip(".") for h in hosts)
    return Settings(**values)


def _feed(table, where: str, settings: Settings) -> Feed:
    if not isinstance(table, dict):
        raise ConfigProblem(f"{where} is not a table")
    unknown = set(table) - {"name", "outlet", "url", "interval", "language"}
    if unknown:
        raise ConfigProblem(
            f"{where}: unknown key {sorted(unknown)[0]!r} (known: name, outlet, url, interval, language)"
        )
    for key in ("name", "outlet", "url"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise ConfigProblem(f"{where}: {key} is missing (each feed needs name, outlet and url)")
    name, url = table["name"].strip(), table["url"].strip()
    where = f"{where} ({name})"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigProblem(f"{where}: url {safe_url(url)!r} is not an http:// or https:// URL")
    interval = parse_duration(table["interval"], f"{where}: interval") if "interval" in table else settings.interval
    language = table.get("language", "")
    if not isinstance(language, str):
        raise ConfigProblem(f"{where}: language must be text such as 'en'")
    return Feed(name, table["outlet"].strip(), url, interval, language.strip())


# --- feed documents ----------------------------------------------------------------------------------------
@dataclass
class FeedItem:
    key: str  # normalised URL (or the item's id when it has no link)
    url: str  # the link as the feed gives it
    title: str = ""
    published: date | None = None
    content: str = ""  # the item's own full text (HTML or plain), for a full-content feed
    content_is_html: bool = True


@dataclass
class FeedDocument:
    items: list[FeedItem] = field(default_factory=list)
    kind: str = ""  # feedparser's version ("rss20", "atom10", ...) or "json1"


class FeedProblem(ValueError):
    """A document that is not a feed, or one too large to read."""


def parse_feed(raw: bytes, url: str, content_type: str = "", max_items: int = 5_000) -> FeedDocument:
    """The items of a feed document (already capped in size by the fetcher); FeedProblem when it is not a
    feed or lists more than ``max_items`` items."""
    head = raw[:512].lstrip()
    if "json" in content_type.lower() or head.startswith(b"{"):
        return _json_feed(raw, url, max_items)
    listed = len(_ITEM_TAG.findall(raw))  # counted on the bytes, before feedparser builds any of them
    if listed > max_items:
        raise FeedProblem(f"the feed lists {listed:,} items, above the limit of {max_items:,} (max_items)")
    # the items' HTML is only ever read for its text (trafilatura), never shown as markup: feedparser's
    # sanitising and URL resolving (most of its time on a full-content feed) are not needed
    parsed = feedparser.parse(
        raw,
        response_headers={"content-location": url, "content-type": content_type or "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.get("version") and not parsed.entries:
        if re.match(rb"\s*(?:<!doctype\s+html|<html)", head, re.IGNORECASE) or "html" in content_type.lower():
            raise FeedProblem("not a feed: the address serves an HTML page (look for its RSS or Atom link)")
        problem = parsed.get("bozo_exception")
        raise FeedProblem(f"not a feed: neither RSS, Atom nor JSON Feed ({problem or 'no items'})"[:300])
    document = FeedDocument(kind=parsed.get("version") or "unknown")
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:  # Atom may give only rel="alternate" links in a list
            link = next((a.get("href", "") for a in entry.get("links", []) if a.get("rel") == "alternate"), "")
        content = ""
        is_html = True
        for part in entry.get("content") or []:
            if part.get("value", "").strip():
                content, is_html = part["value"], "html" in (part.get("type") or "text/html")
                break
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        document.items.append(
            _item(link, entry.get("id") or "", entry.get("title") or "", _day(stamp), content, is_html)
        )
    return document


def _day(stamp) -> date | None:
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC).date()
    except (OverflowError, ValueError, OSError):
        return None


def _item(link: str, ident: str, title: str, published: date | None, content: str, is_html: bool) -> FeedItem:
    key = item_key(link) if link else (f"id:{ident}" if ident else "")
    return FeedItem(
        key=key, url=link, title=title.strip(), published=published, content=content, content_is_html=is_html
    )


def _json_feed(raw: bytes, url: str, max_items: int) -> FeedDocument:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1): ``items`` with url, date_published, content_html
    or content_text."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedProblem(f"not a feed: not valid JSON ({error})"[:300]) from None
    if (
        not isinstance(data, dict)
        or not JSON_FEED_VERSION.match(str(data.get("version", "")))
        or not isinstance(data.get("items"), list)
    ):
        raise FeedProblem("not a feed: JSON without a JSON Feed version and items list")
    if len(data["items"]) > max_items:
        raise FeedProblem(f"the feed lists {len(data['items']):,} items, above the limit of {max_items:,} (max_items)")
    document = FeedDocument(kind="json" + str(data["version"]).rsplit("/", 1)[-1])
    for entry in data["items"]:
        if not isinstance(entry, dict):
            continue
        link = entry.get("url") or entry.get("external_url") or ""
        link = link if isinstance(link, str) else ""
        published = None
        stamp = entry.get("date_published") or entry.get("date_modified")
        if isinstance(stamp, str):
            try:
                published = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC).date()
            except ValueError:
                published = None
        html, text = entry.get("content_html"), entry.get("content_text")
        content, is_html = (
            (html, True)
            if isinstance(html, str) and html.strip()
            else ((text, False) if isinstance(text, str) and text.strip() else ("", True))
        )
        title = entry.get("title") if isinstance(entry.get("title"), str) else ""
        document.items.append(_item(link, str(entry.get("id") or ""), title, published, content, is_html))
    return document
