"""What the server keeps between requests so that a busy page stays quick: the layout, and compressed bytes.

- ``CachingDash``: a Dash app whose ``_dash-layout`` answer (the page with its
  first map, about 150 KB of JSON that took 90 ms to build) is built once per
  version of the data and notice, not on every page load; a new article
  changes the version and the layout is built again, by the source's
  background rebuild (``prepare_layout``) or else by the next request.
- ``install_compression``: responses compressed (flask-compress, Dash's own
  choice for this: ``dash[compress]``) with brotli or gzip, as the browser
  accepts. Compressed bytes that do not change between requests are kept
  (``StaticCompressedCache``): the scripts Dash serves (plotly.js is 4.6 MB,
  1.3 MB compressed) and the layout of the current data version. Callback
  answers change with every request and are compressed each time (small).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable

import flask
from dash import Dash
from dash._utils import to_json
from flask_compress import Compress

# kept compressed: Dash's scripts and styles (each URL carries its version), the app's assets, the layout
_STATIC_PARTS = ("/_dash-component-suites/", "/assets/")
COMPRESSED_ENTRIES = 64  # scripts (about 30 URLs) + a few layouts: old layouts drop out first
LAYOUT_KEY = "conflict_map_layout_key"


class CachingDash(Dash):
    """Dash with the layout answer kept per ``layout_key()`` (a hashable naming the data and notice shown)."""

    def __init__(
        self, *args, layout_key: Callable[[], Hashable], on_build: Callable[[float], None] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self._layout_key = layout_key
        self._on_build = on_build  # told how long each build took (the source paces its rebuilds by it)
        self._layout_lock = threading.Lock()
        self._layout_cached: tuple[Hashable, bytes] | None = None

    def serve_layout(self):
        key, body = self.prepare_layout()
        flask.g.setdefault(LAYOUT_KEY, f"layout:{hash(key)}")
        return flask.Response(body, mimetype="application/json")

    def prepare_layout(self, *_) -> tuple[Hashable, bytes]:
        """(key, the layout's JSON) for the current ``layout_key()``, built when it changed: by the first request,
        or beforehand by the source's background rebuild (``EventSource.on_rebuilt``)."""
        key = self._layout_key()
        cached = self._layout_cached
        if cached is None or cached[0] != key:
            with self._layout_lock:
                cached = self._layout_cached
                if cached is None or cached[0] != key:
                    started = time.monotonic()
                    cached = self._layout_cached = (key, to_json(self.get_layout()).encode())
                    if self._on_build is not None:
                        self._on_build(time.monotonic() - started)
        return cached


class StaticCompressedCache:
    """flask-compress's cache, keeping only responses that are the same for every request (bounded, LRU)."""

    def __init__(self, entries: int = COMPRESSED_ENTRIES):
        self.entries = entries
        self.data: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if key.split(";", 1)[-1].startswith("once:"):
            return  # a callback's answer: never asked for again
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.entries:
                self.data.popitem(last=False)


def _cache_key(request: flask.Request) -> str:
    layout = flask.g.get(LAYOUT_KEY)
    if layout is not None:
        return layout
    if request.method == "GET" and any(part in request.path for part in _STATIC_PARTS):
        return f"static:{request.full_path}"
    return f"once:{uuid.uuid4().hex}"


def install_compression(server: flask.Flask) -> None:
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],  # what browsers accept; brotli is smaller and, at level 4, fast
        COMPRESS_BR_LEVEL=4,
        COMPRESS_LEVEL=6,
        COMPRESS_MIN_SIZE=500,  # below this the headers outweigh the saving
        COMPRESS_CACHE_KEY=_cache_key,
        COMPRESS_CACHE_BACKEND=StaticCompressedCache,
    )
    Compress(server)
