"""A real HTTP server on 127.0.0.1 for the pull tests and ``bench.pull``: feeds and pages that the test controls.

``FeedSite()`` starts a threaded ``http.server`` on a free port (it binds port
0 itself). ``site.route(path, handler)`` answers ``path`` with
``handler(request) -> (status, headers, body)``; ``site.page``/``site.feed``
add the common cases. Every request is logged (``site.hits(path)``), so a
test can say a page was never fetched. Helpers write RSS, Atom, JSON Feed
and article pages from a list of ``Story`` s.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

PLACES = [
    "Lyman",
    "Izium",
    "Kupiansk",
    "Balakliia",
    "Svatove",
    "Popasna",
    "Bakhmut",
    "Kherson",
    "Mariupol",
    "Soledar",
    "Avdiivka",
    "Vuhledar",
    "Kreminna",
    "Siversk",
    "Lysychansk",
    "Sievierodonetsk",
    "Marinka",
    "Pisky",
    "Robotyne",
    "Orikhiv",
]


@dataclass
class Story:
    slug: str
    place: str
    published: str | None = "2022-09-13"  # the page's date (None: the page has none)
    item_date: str | None = "2022-09-13"  # the item's own date in the feed (None: none)

    @property
    def text(self) -> str:
        return (
            f"Report {self.slug}. Ukrainian forces captured {self.place} on Sunday, the defence ministry said. "
            f"Officials said the operation in {self.place} continued."
        )


def stories(prefix: str, count: int, start: int = 0) -> list[Story]:
    return [Story(f"{prefix}-{n}", PLACES[n % len(PLACES)]) for n in range(start, start + count)]


def page_html(story: Story, padding: int = 0) -> bytes:
    meta = f'<meta property="article:published_time" content="{story.published}">' if story.published else ""
    filler = "".join(f"<p>Background paragraph {n} about the region and its history.</p>" for n in range(padding))
    return (
        f"<!doctype html><html><head><title>{story.slug}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{story.slug}</h1>"
        f"<p>{story.text}</p>{filler}</article><footer>Contact us</footer></body></html>"
    ).encode()


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC), usegmt=True)


def rss(base: str, items: list[Story], full: bool = False, title: str = "Test wire") -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
        f"<title>{escape(title)}</title><link>{base}/</link><description>test</description>",
    ]
    for story in items:
        out.append(
            f"<item><title>{story.slug}</title><link>{base}/news/{story.slug}?utm_source=rss</link>"
            f"<guid>{base}/news/{story.slug}</guid><description>A summary.</description>"
        )
        if story.item_date:
            out.append(f"<pubDate>{_rfc822(story.item_date)}</pubDate>")
        if full:
            out.append(f"<content:encoded><![CDATA[<p>{story.text}</p>]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


def atom(base: str, items: list[Story], full: bool = False) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>Test atom</title><id>{base}/atom</id><updated>2022-09-13T09:00:00Z</updated>",
    ]
    for story in items:
        out.append(
            f'<entry><title>{story.slug}</title><link rel="alternate" href="{base}/news/{story.slug}"/>'
            f"<id>tag:test,2022:{story.slug}</id>"
            f"<updated>{story.item_date or '2022-09-13'}T09:00:00Z</updated>"
        )
        if full:
            out.append(f'<content type="html">{escape(f"<p>{story.text}</p>")}</content>')
        else:
            out.append("<summary>A summary.</summary>")
        out.append("</entry>")
    out.append("</feed>")
    return "".join(out).encode()


def json_feed(base: str, items: list[Story], full: bool = False) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Test JSON",
            "items": [
                {
                    "id": story.slug,
                    "url": f"{base}/news/{story.slug}",
                    "title": story.slug,
                    **({"date_published": f"{story.item_date}T09:00:00Z"} if story.item_date else {}),
                    **({"content_text": story.text} if full else {"summary": "A summary."}),
                }
                for story in items
            ],
        }
    ).encode()


Handler = Callable[["Request"], tuple[int, dict, bytes]]


@dataclass
class Request:
    path: str
    headers: dict  # names in lower case


class FeedSite:
    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Handler] = {}
        self.log: list[str] = []
        self.lock = threading.Lock()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: without this, 40 ms per answer

            def do_GET(self):
                with site.lock:
                    site.log.append(self.path)
                handler = site.routes.get(self.path) or site.routes.get(self.path.split("?", 1)[0])
                if handler is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, body = handler(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), _Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p in self.log if p.split("?", 1)[0] == path)

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def fixed(
        self,
        path: str,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        etag: str | None = None,
        gzipped: bool = False,
    ) -> None:
        """``path`` answers ``body``; with ``etag``, a request carrying it gets 304."""

        def handler(request: Request):
            if etag and request.headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
            headers = {"Content-Type": content_type, **({"ETag": etag} if etag else {})}
            if gzipped:
                return status, {**headers, "Content-Encoding": "gzip"}, gzip.compress(body)
            return status, headers, body

        self.route(path, handler)

    def pages(self, items: list[Story], padding: int = 0) -> None:
        for story in items:
            self.fixed(f"/news/{story.slug}", page_html(story, padding))

    def feed(
        self,
        path: str,
        items: list[Story],
        kind: str = "rss",
        full: bool = False,
        etag: str | None = None,
        with_pages: bool = True,
    ) -> str:
        """Serve a feed of ``items`` (and, unless ``full`` or not ``with_pages``, their pages); its URL."""
        body = {"rss": rss, "atom": atom, "json": json_feed}[kind](self.base, items, full)
        content_type = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}[
            kind
        ]
        self.fixed(path, body, content_type, etag=etag)
        if with_pages and not full:
            self.pages(items)
        return self.base + path
