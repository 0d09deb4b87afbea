"""PNG snapshots of the map from the command line, e.g. for a story's static image.

``python -m dashboard.export --date 2022-09-12 --out map.png`` draws the same
figure as the page (title with the date or range, legend, credits) through
plotly's image export (Kaleido driving Debian's Chromium). No network: the
base-map layers come from ``assets/topojson`` over a loopback-only HTTP server
for the few seconds of the export, and MathJax is not loaded.

Every PNG has its text alternative (the map in words, ``dashboard/render/words.py``):
written beside it as ``map.txt`` for the story's alt text, and inside it as
the PNG's ``Description`` text chunk.

Timelines: ``--from 2022-09-01 --to 2022-09-30 --every 1d --out frames/``
writes one PNG (and its text) per step into a folder, all drawn by one
Chromium (Kaleido's shared server); ``--gif timeline.gif`` also joins them
into an animated GIF (Pillow) for social posts.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import re
import shutil
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from dashboard.config import PROJECT_ROOT, Settings
from dashboard.dates import day_argument
from dashboard.query.state import ViewState
from dashboard.review.view import BANNERS
from dashboard.store.engines import Target

ASSETS = PROJECT_ROOT / "assets"
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")


class ExportError(RuntimeError):
    """The snapshot could not be made; the message says why and what to do."""


def find_browser() -> str:
    for name in BROWSER_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise ExportError(
        "no Chromium found for PNG export: install Debian's chromium "
        "(apt-get install chromium), or run 'bash .ci/setup'"
    )


class _AssetServer:
    """Serves assets/ on 127.0.0.1 (an ephemeral port) while a snapshot is drawn."""

    def __enter__(self):
        handler = functools.partial(_QuietHandler, directory=str(ASSETS))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/topojson/"

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


_shared_browser = False  # inside one_browser(): every render goes to one Chromium


@contextlib.contextmanager
def one_browser():
    """Renders inside share one Chromium (Kaleido's sync server) instead of starting one each."""
    global _shared_browser
    import os

    import kaleido

    os.environ.setdefault("BROWSER_PATH", find_browser())
    kaleido.start_sync_server(n=1, mathjax=False, silence_warnings=True)
    _shared_browser = True
    try:
        yield
    finally:
        _shared_browser = False
        kaleido.stop_sync_server(silence_warnings=True)


def render_png(figure, width: int, height: int, scale: float) -> bytes:
    """PNG bytes of a plotly figure, drawn by Kaleido in a local Chromium."""
    import os

    import kaleido

    browser = find_browser()
    os.environ.setdefault("BROWSER_PATH", browser)
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    with _AssetServer() as topojson_url:
        try:
            if _shared_browser:
                return kaleido.calc_fig_sync(figure.to_plotly_json(), opts, topojson=topojson_url)
            return kaleido.calc_fig_sync(
                figure.to_plotly_json(), opts=opts, topojson=topojson_url, kopts={"mathjax": False}
            )
        except Exception as error:  # kaleido raises several kinds; all end the same way for the user
            raise ExportError(f"PNG export failed in Chromium ({browser}): {type(error).__name__}: {error}") from error


def export_index(source):
    """The events a PNG shows: the instance's public view (the reader's with review on, every claim without),
    whatever view the query asks for (``?view=desk`` is for signed-in editors on the page, never in an image)."""
    return source.index(source.default_view)


def banner_annotation(text: str) -> dict:
    """The review banner on a PNG: top right, in a framed box (the same as assets/conflict_map.js draws)."""
    return dict(
        text=f"<b>{text}</b>",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0.99,
        y=0.99,
        xanchor="right",
        yanchor="top",
        font=dict(size=15, color="#1a1a1a"),
        bgcolor="#eef3fb",
        bordercolor="#0b4f9c",
        borderwidth=1,
        borderpad=4,
    )


def snapshot(
    db: str, state: ViewState, width: int = 1400, height: int = 900, scale: float = 1.0, source=None
) -> tuple[bytes, str]:
    """The PNG of a view (with its text alternative inside) and that text alternative; ``db`` is a SQLite
    path or a postgresql:// URL (or ``source``, an EventSource already read)."""
    from dashboard.render.figure import map_figure
    from dashboard.render.pngtext import with_text
    from dashboard.render.words import map_summary
    from dashboard.web.source import EventSource

    source = source or EventSource(db, review=Settings().review)
    view = source.default_view  # a PNG is public: the reader's view with review on, whatever the query asks
    index = export_index(source)
    figure = map_figure(source.geojson, index, state)
    figure.update_layout(width=width, height=height)
    if view in BANNERS:  # with review on, the PNG says which claims it shows (as the page's banner does)
        figure.add_annotation(**banner_annotation(BANNERS[view]))
    text = map_summary(index, state)
    return with_text(render_png(figure, width, height, scale), "Description", text), text


def _every(text: str) -> int:
    match = re.fullmatch(r"([1-9]\d*)d", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a number of days like 1d or 7d: {text!r}")
    return int(match.group(1))


def timeline(
    db: str,
    state: ViewState,
    first: str,
    last: str,
    every: int,
    out: Path,
    width: int,
    height: int,
    scale: float,
    gif: Path | None = None,
) -> tuple[list[Path], float]:
    """One PNG (and its .txt) per step from ``first`` to ``last`` into ``out``, drawn by one Chromium;
    optionally an animated GIF of them. Returns the PNGs and the seconds per frame."""
    from datetime import date, timedelta

    from PIL import Image

    from dashboard.web.source import EventSource

    source = EventSource(db)
    days = []
    day = date.fromisoformat(first)
    while day <= date.fromisoformat(last):
        days.append(day)
        day += timedelta(days=every)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    start = time.perf_counter()
    with one_browser():
        for number, day in enumerate(days, 1):
            png, text = snapshot(db, replace(state, day=day.isoformat()), width, height, scale, source)
            path = out / f"frame-{number:04d}-{day.isoformat()}.png"
            path.write_bytes(png)
            path.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
            written.append(path)
    per_frame = (time.perf_counter() - start) / max(1, len(written))
    if gif:
        frames = [Image.open(p).convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE) for p in written]
        frames[0].save(gif, save_all=True, append_images=frames[1:], duration=600, loop=0)
    return written, per_frame


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="python -m dashboard.export", description="Write a PNG snapshot of the map.")
    parser.add_argument(
        "--date", type=day_argument("--date"), help="the day shown, YYYY-MM-DD (default: the last event date)"
    )
    parser.add_argument("--out", type=Path, required=True, help="PNG file to write")
    parser.add_argument("--db", default=settings.db, help="SQLite file or postgresql:// URL")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--embed", action="store_true", help="the compact embed layout")
    parser.add_argument("--query", default="", help="a shared view's query string, e.g. '?actors=UA&window=recent'")
    parser.add_argument(
        "--from",
        dest="first",
        type=day_argument("--from"),
        help="a timeline: first day, YYYY-MM-DD (--out is then a folder)",
    )
    parser.add_argument("--to", dest="last", type=day_argument("--to"), help="a timeline: last day, YYYY-MM-DD")
    parser.add_argument("--every", type=_every, default=1, help="a timeline: days between frames, e.g. 1d, 7d")
    parser.add_argument("--gif", type=Path, help="a timeline: also write an animated GIF of the frames")
    args = parser.parse_args(argv)
    if (args.first is None) != (args.last is None):
        parser.error("a timeline needs both --from and --to")
    state = ViewState.from_query(args.query)
    if args.date:
        state = replace(state, day=args.date)
    state = replace(state, embed=args.embed or state.embed)
    if not Target.parse(args.db).is_postgres and not Path(args.db).exists():
        print(
            f"export: no database at {args.db}; load articles first (python -m dashboard.loader ingest ...)",
            file=sys.stderr,
        )
        return 2
    if args.first:
        try:
            written, per_frame = timeline(
                args.db,
                state,
                args.first,
                args.last,
                args.every,
                args.out,
                args.width,
                args.height,
                args.scale,
                args.gif,
            )
        except ExportError as error:
            print(f"export: {error}", file=sys.stderr)
            return 1
        print(
            f"wrote {len(written)} frames into {args.out}/ ({per_frame:.2f} s per frame, one Chromium)"
            + (f" and {args.gif}" if args.gif else "")
        )
        return 0
    try:
        png, text = snapshot(args.db, state, args.width, args.height, args.scale)
    except ExportError as error:
        print(f"export: {error}", file=sys.stderr)
        return 1
    args.out.write_bytes(png)
    alternative = args.out.with_suffix(".txt")
    if alternative == args.out:
        alternative = args.out.with_name(args.out.name + ".txt")
    alternative.write_text(text + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} ({args.width}x{args.height} at scale {args.scale:g}, {len(png):,} bytes) "
        f"and its text alternative {alternative}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
