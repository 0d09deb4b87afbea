"""Polite, safe HTTP for pulling feeds and their pages: ``Fetcher.get(url, ...)``.

Why urllib3 (already a dependency, 1.26, through trafilatura): it gives
connect and read timeouts, streamed bodies (so the size cap holds while
downloading, after gzip/deflate decoding: a small compressed bomb is cut
off too), connection pools per host, and one hook, the connection's
``_new_conn``, where every address is checked at the moment it is
connected to: so a redirect hop, a second connection and a DNS answer
that changes between a check and the connect (rebinding) are all checked.

- Only ``http`` and ``https``; at most ``MAX_REDIRECTS`` redirects, followed
  by hand, each hop checked again (scheme, robots.txt, address).
- Addresses in private, loopback, link-local, reserved, multicast or
  unspecified ranges are refused, unless the URL's host is in the
  allow-list (an intranet wire feed is a real case).
- Conditional GET (``etag``, ``last_modified``: a 304 is a ``Response`` with
  ``status`` 304 and no body); ``Accept-Encoding: gzip, deflate``.
- A delay between two requests to one host (``host_delay``, or the host's
  robots.txt ``Crawl-delay`` when longer, at most ``MAX_CRAWL_DELAY``) and
  robots.txt respected (``urllib.robotparser``, cached per host for a day,
  at most ``ROBOTS_CACHED`` hosts).
- The User-Agent names the newsroom (the feeds file's ``user_agent``).
- Credentials in a URL (``https://user:pw@host/``) are sent as HTTP Basic to
  that host only, and never appear in a message (``safe_url``).

Every failure is a ``FetchError`` with a ``kind`` (dns, refused, timeout,
http, too_big, not_allowed, redirects, robots, not_html, network) and a
message naming the URL without its credentials.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, VerifiedHTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from dashboard.loader.feeds import Settings, safe_url

MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0  # seconds: a robots.txt asking for more is held to this
ROBOTS_CACHED = 256  # hosts whose robots.txt is kept (least recently used dropped)
ROBOTS_SECONDS = 86_400.0  # a robots.txt is read again after a day
ROBOTS_MAX_BYTES = 500_000  # Google reads the first 500 KiB of a robots.txt
HOSTS_REMEMBERED = 4_096  # per-host last-request times kept (least recently used dropped)
REDIRECTS = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind

    @property
    def reason(self) -> str:
        """The message without the URL it begins with."""
        return str(self).split(": ", 1)[-1]


class BlockedAddress(Exception):
    """Raised inside a connection: the host resolves to an address the settings do not allow."""


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int  # 200 or 304
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


def refused_address(address: str) -> str | None:
    """Why this address may not be fetched without the allow-list (None when it may)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for test, why in (
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_private, "private"),
        (ip.is_multicast, "multicast"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_reserved, "reserved"),
    ):
        if test:
            return why
    return None


def _checked_connection(self) -> socket.socket:
    """``_new_conn`` of both connection classes: resolve, refuse what is not allowed, connect to that address."""
    host = self._dns_host
    allowed = host.lower().rstrip(".") in self.allow_hosts
    try:
        infos = socket.getaddrinfo(host, self.port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise NewConnectionError(self, f"Failed to resolve {host} ({error})") from None
    last: Exception | None = None
    for family, kind, proto, _, address in infos:
        why = None if allowed else refused_address(address[0])
        if why:
            raise BlockedAddress(
                f"{host} resolves to {address[0]}, a {why} address (put the host in "
                "allow_hosts if it is an intranet feed)"
            )
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(self.timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.connect(address)
            return sock
        except TimeoutError:
            sock.close()
            raise ConnectTimeoutError(
                self, f"Connection to {host} timed out (connect timeout={self.timeout})"
            ) from None
        except OSError as error:
            sock.close()
            last = error
    raise NewConnectionError(self, f"Failed to establish a new connection: {last}")


class _CheckedHTTP(HTTPConnection):
    allow_hosts: frozenset = frozenset()
    _new_conn = _checked_connection


class _CheckedHTTPS(VerifiedHTTPSConnection):
    allow_hosts: frozenset = frozenset()
    _new_conn = _checked_connection


def _pool_manager(settings: Settings, threads: int) -> urllib3.PoolManager:
    http = type("CheckedHTTP", (_CheckedHTTP,), {"allow_hosts": settings.allow_hosts})
    https = type("CheckedHTTPS", (_CheckedHTTPS,), {"allow_hosts": settings.allow_hosts})
    pools = {
        "http": type("Pool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type("Pools", (HTTPSConnectionPool,), {"ConnectionCls": https}),
    }
    manager = urllib3.PoolManager(
        num_pools=32,
        maxsize=max(1, threads),
        block=False,
        timeout=urllib3.Timeout(connect=settings.connect_timeout, read=settings.read_timeout),
        retries=False,
        cert_reqs="CERT_REQUIRED",
    )
    manager.pool_classes_by_scheme = pools
    return manager


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    read_at: float
    disallow_all: bool = False


@dataclass
class Fetcher:
    settings: Settings
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    threads: int = 4
    _manager: urllib3.PoolManager = field(init=False, repr=False)
    _last: OrderedDict = field(init=False, repr=False, default_factory=OrderedDict)
    _robots: OrderedDict = field(init=False, repr=False, default_factory=OrderedDict)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)
    _host_locks: dict = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self):
        self._manager = _pool_manager(self.settings, self.threads)

    def close(self) -> None:
        self._manager.clear()

    # --- one request, by hand -------------------------------------------------------------------------
    def get(
        self,
        url: str,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        want_html: bool = False,
    ) -> Response:
        """GET ``url``, following redirects by hand; FetchError on any failure (see the module's list)."""
        seen = [url]
        for _ in range(MAX_REDIRECTS + 1):
            response = self._one(url, max_bytes, etag, last_modified, want_html, seen[0])
            if isinstance(response, Response):
                return response
            url = response  # a redirect's target
            if url in seen:
                raise FetchError("redirects", f"{safe_url(seen[0])}: redirect loop (back to {safe_url(url)})")
            seen.append(url)
        raise FetchError("redirects", f"{safe_url(seen[0])}: more than {MAX_REDIRECTS} redirects")

    def _one(self, url: str, max_bytes: int, etag, last_modified, want_html: bool, first: str) -> Response | str:
        parts = urlsplit(url)
        shown = safe_url(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError("not_allowed", f"{shown}: only http:// and https:// addresses are fetched")
        try:
            allowed = self.allowed_by_robots(url)
        except FetchError as error:  # robots.txt could not be asked for: the host cannot be reached
            raise FetchError(error.kind, f"{shown}: {error.reason}") from None
        if not allowed:
            raise FetchError("robots", f"{shown}: the site's robots.txt does not allow fetching it")
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
            if want_html
            else "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,"
            "text/xml;q=0.9,application/json;q=0.8,*/*;q=0.5",
        }
        if parts.username is not None and urlsplit(first).hostname == parts.hostname:
            headers.update(
                urllib3.make_headers(basic_auth=f"{unquote(parts.username)}:{unquote(parts.password or '')}")
            )
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        plain = url if parts.username is None else url.replace(parts.netloc, parts.netloc.rsplit("@", 1)[1], 1)
        self._wait_for_host(parts)
        try:
            response = self._manager.request(
                "GET", plain, headers=headers, preload_content=False, redirect=False, retries=False
            )
        except BlockedAddress as error:
            raise FetchError("not_allowed", f"{shown}: {error}") from None
        except Exception as error:  # urllib3's and the socket's errors, named by kind
            raise _named(error, shown) from None
        complete = False
        try:
            if response.status in REDIRECTS:
                target = response.headers.get("Location", "")
                if not target:
                    raise FetchError("http", f"{shown}: HTTP {response.status} without a Location")
                return urljoin(url, target.strip())
            if response.status == 304:
                return Response(url, 304, etag=etag, last_modified=last_modified)
            if response.status != 200:
                raise FetchError("http", f"{shown}: HTTP {response.status} {response.reason or ''}".rstrip())
            content_type = response.headers.get("Content-Type", "")
            if want_html and content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
                raise FetchError("not_html", f"{shown}: not an HTML page ({content_type.split(';')[0].strip()})")
            body = self._read(response, max_bytes, shown)
            complete = True
            return Response(
                url, 200, body, content_type, response.headers.get("ETag"), response.headers.get("Last-Modified")
            )
        except FetchError:
            raise
        except Exception as error:
            raise _named(error, shown) from None
        finally:
            if not complete:  # a body left unread must not be read as the next response on this connection
                response.close()
            response.release_conn()

    @staticmethod
    def _read(response, max_bytes: int, shown: str) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes and "Content-Encoding" not in response.headers:
            raise FetchError("too_big", f"{shown}: {int(declared):,} bytes, above the limit of {max_bytes:,}")
        chunks, size = [], 0
        for chunk in response.stream(65_536, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError("too_big", f"{shown}: more than {max_bytes:,} bytes (the limit), not read further")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, parts) -> None:
        """Hold this request until ``host_delay`` (or the host's Crawl-delay) has passed since the last one to
        the same host; requests to one host from several threads queue on the host's lock."""
        host = (parts.hostname or "").lower()
        delay = max(self.settings.host_delay, self._crawl_delay(parts))
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            with self._lock:
                last = self._last.get(host)
            if last is not None and delay > 0:
                wait = last + delay - self.clock()
                if wait > 0:
                    self.sleep(wait)
            with self._lock:
                self._last[host] = self.clock()
                self._last.move_to_end(host)
                while len(self._last) > HOSTS_REMEMBERED:
                    old, _ = self._last.popitem(last=False)
                    self._host_locks.pop(old, None)

    # --- robots.txt ------------------------------------------------------------------------------------------
    def _robots_for(self, parts) -> _Robots:
        origin = f"{parts.scheme.lower()}://{parts.netloc.rsplit('@', 1)[-1].lower()}"
        with self._lock:
            cached = self._robots.get(origin)
            if cached is not None and self.clock() - cached.read_at < ROBOTS_SECONDS:
                self._robots.move_to_end(origin)
                return cached
        robots = self._read_robots(origin)
        with self._lock:
            self._robots[origin] = robots
            self._robots.move_to_end(origin)
            while len(self._robots) > ROBOTS_CACHED:
                self._robots.popitem(last=False)
        return robots

    def _read_robots(self, origin: str) -> _Robots:
        """The host's robots.txt: 4xx (none) allows everything, 401/403 nothing; a 5xx allows nothing for now
        and is asked again at the next pull (not cached for a day); a host that cannot be reached is a
        FetchError saying why."""
        url = f"{origin}/robots.txt"
        parts = urlsplit(url)
        self._wait_for_host(parts)
        try:
            response = self._manager.request(
                "GET",
                url,
                headers={"User-Agent": self.settings.user_agent},
                preload_content=False,
                redirect=True,
                retries=urllib3.Retry(
                    total=MAX_REDIRECTS, connect=0, read=0, status=0, redirect=MAX_REDIRECTS, raise_on_redirect=False
                ),
            )
        except BlockedAddress as error:
            raise FetchError("not_allowed", f"{safe_url(url)}: {error}") from None
        except Exception as error:  # the host cannot be reached: the fetch fails for that reason
            raise _named(error, safe_url(url)) from None
        complete = False
        try:
            if response.status in (401, 403):
                return _Robots(None, self.clock(), disallow_all=True)
            if 400 <= response.status < 500:
                return _Robots(None, self.clock())
            if response.status != 200:
                return _Robots(None, self.clock() - ROBOTS_SECONDS, disallow_all=True)
            body = b""
            for chunk in response.stream(65_536, decode_content=True):
                body += chunk
                if len(body) >= ROBOTS_MAX_BYTES:
                    break
            else:
                complete = True
        except Exception:
            return _Robots(None, self.clock() - ROBOTS_SECONDS, disallow_all=True)
        finally:
            if not complete:
                response.close()
            response.release_conn()
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
        return _Robots(parser, self.clock())

    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return True
        robots = self._robots_for(parts)
        if robots.disallow_all:
            return False
        return robots.parser is None or robots.parser.can_fetch(self.settings.user_agent, safe_url(url))

    def _crawl_delay(self, parts) -> float:
        origin = f"{parts.scheme.lower()}://{parts.netloc.rsplit('@', 1)[-1].lower()}"
        with self._lock:
            robots = self._robots.get(origin)
        if robots is None or robots.parser is None:
            return 0.0
        try:
            delay = robots.parser.crawl_delay(self.settings.user_agent)
        except (TypeError, ValueError):
            return 0.0
        return min(float(delay or 0.0), MAX_CRAWL_DELAY)


def _named(error: Exception, shown: str) -> FetchError:
    """A urllib3 or socket error as a FetchError with its kind and a short message."""
    if isinstance(error, MaxRetryError) and error.reason is not None:
        error = error.reason
    text = str(error)
    if isinstance(error, NewConnectionError):  # (a subclass of ConnectTimeoutError in urllib3 1.26)
        if "resolve" in text or "Name or service" in text or "nodename" in text:
            return FetchError("dns", f"{shown}: the host name does not resolve")
        if "refused" in text.lower():
            return FetchError("refused", f"{shown}: connection refused")
        return FetchError("network", f"{shown}: cannot connect ({text.split(': ', 1)[-1][:200]})")
    if isinstance(error, (ReadTimeoutError, ConnectTimeoutError, socket.timeout, TimeoutError)):
        return FetchError(
            "timeout", f"{shown}: timed out ({'connecting' if isinstance(error, ConnectTimeoutError) else 'reading'})"
        )
    if isinstance(error, SSLError):
        return FetchError("network", f"{shown}: TLS failed ({text[:200]})")
    if isinstance(error, ProtocolError):
        if "timed out" in text:
            return FetchError("timeout", f"{shown}: timed out (reading)")
        return FetchError("network", f"{shown}: the connection broke ({text[:200]})")
    if isinstance(error, DecodeError):
        return FetchError("network", f"{shown}: the compressed body cannot be decoded")
    if isinstance(error, HTTPError):
        return FetchError("network", f"{shown}: {type(error).__name__}")
    return FetchError("network", f"{shown}: {type(error).__name__}: {text[:200]}")
