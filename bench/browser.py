"""Browser benchmark: first map and slider steps in headless Chromium, this page beside the server round-trip page.

Data: the seed articles through the loader, and 10,000 and 100,000 synthetic
events (``bench.slider.synthetic_frame``: the seed claims on random gazetteer
places and days over a year, fixed random seed), stored in SQLite files
through ``dashboard.store.rows.Store``.

Pages, each served by gunicorn (1 worker) on 127.0.0.1:
- **ours**: this checkout (the map recomputed in the browser, ``assets/view.js``);
- **baseline**: the page before issue 11 (``--baseline-ref``, exported with
  ``git archive`` into a temporary folder): every slider step a server round
  trip (a Dash Patch of the map, then the table and tally).

Measured in Debian's headless Chromium (selenium, ``--disable-gpu``):
- **first map**: from navigation start to the first oblast shape in the page
  (a MutationObserver installed before the page's scripts), with the cache
  disabled; **bytes**: the sum of ``encodedDataLength`` of the page's
  responses (CDP Network events: bytes on the wire, compressed) until the
  map and the table are there;
- **step**: per press of the left arrow on the slider, from the keydown
  event to the map's next ``plotly_afterplot`` event; median and p95 over
  ``--steps`` presses walking back one day at a time;
- **redraw floor**: ``Plotly.redraw`` of the drawn figure (the map library's
  own full redraw, nothing of ours), median of 5, in the same page.

With ``--static``, also the published page (``python -m dashboard.publish`` of the same database), served as a
static host serves it (``dashboard.publish.Precompressed``: each file's brotli form, ``Content-Encoding: br``);
its bytes are those on the wire too, until the map and the late requests (base map, slider chunk) are in.

Run: ``python -m bench.browser [--steps 30] [--sizes 0 10000 100000] [--baseline-ref REF]``
(size 0 = the seed articles).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from bench.load import gunicorn, seed_database
from bench.slider import seed_frame, synthetic_frame

ROOT = Path(__file__).resolve().parent.parent
BASELINE_REF = "e0d191a"  # main before issue 11: every slider step a server round trip
HOST = "127.0.0.1"
EVENTS_PER_ARTICLE = 1000

FIRST_MAP_WATCH = """
window.__firstMap = null;
new MutationObserver(function (changes, observer) {
  if (document.querySelector('#map path.choroplethlocation')) {
    window.__firstMap = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
STEP_WATCH = """
var gd = document.querySelector('#map .js-plotly-plot');
window.__steps = []; window.__keydown = null;
document.addEventListener('keydown', function () { window.__keydown = performance.now(); }, true);
gd.on('plotly_afterplot', function () {
  if (window.__keydown !== null) { window.__steps.push(performance.now() - window.__keydown); window.__keydown = null; }
});
"""
REDRAW_FLOOR = """
var done = arguments[arguments.length - 1];
var gd = document.querySelector('#map .js-plotly-plot'), times = [], k = 0;
function next() {
  if (k++ === 5) { done(times); return; }
  var t = performance.now();
  Promise.resolve(Plotly.redraw(gd)).then(function () { times.push(performance.now() - t); setTimeout(next, 50); });
}
next();
"""


def synthetic_database(path: Path, size: int, span_days: int = 365) -> None:
    """``size`` synthetic events over ``span_days`` in a SQLite file, stored as articles of EVENTS_PER_ARTICLE
    events."""
    frame_database(path, synthetic_frame(seed_frame(), size, span_days=span_days), f"synthetic {size}")


def frame_database(path: Path, frame, name: str = "frame") -> None:
    """The events of a frame (the columns of ``Store.events_frame``) in a SQLite file, stored as articles of
    EVENTS_PER_ARTICLE events."""
    from dashboard.schema import EVENT_FIELDS, Event
    from dashboard.store.rows import Store

    size = len(frame)
    frame = frame.astype(object).where(frame.notna(), None)
    with Store(path) as store:
        for start in range(0, size, EVENTS_PER_ARTICLE):
            chunk = frame.iloc[start : start + EVENTS_PER_ARTICLE]
            events = [Event(**{name: row[name] for name in EVENT_FIELDS}) for _, row in chunk.iterrows()]
            for event in events:
                event.hedged = bool(event.hedged)
            digest = hashlib.sha256(f"{name} {start}".encode()).hexdigest()
            store.add_article(
                content_hash=digest,
                source=f"synthetic-{start}",
                published=chunk["date_end"].max(),
                report_day=chunk["date_end"].max(),
                outlet="Synthetic",
                url="",
                title="",
                text="synthetic",
                events=events,
            )


def chromium(extra_flags: tuple[str, ...] | list[str] = ()) -> webdriver.Chrome:
    from tests.browser.conftest import CHROMEDRIVER, CHROMIUM, FLAGS

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, *extra_flags]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_MAP_WATCH})
    return driver


def wait(driver, script: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.02)
    raise TimeoutError(script)


def wire_bytes(driver) -> tuple[int, list[str]]:
    total, urls, seen = 0, [], {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            seen[message["params"]["requestId"]] = message["params"]["request"]["url"]
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.loadingFinished":
            total += int(message["params"]["encodedDataLength"])
    return total, urls


def measure(driver, base: str, steps: int, static: bool = False) -> dict:
    """``static``: the published folder, served as a static host serves it (``dashboard.publish.Precompressed``:
    each file's brotli form, Content-Encoding: br); there is no server for the table to wait for, so the page's late
    requests (the base map's topojson, the slider's chunk) are given 2 s."""
    driver.get_log("performance")  # drained: only this page's requests are counted
    driver.get(base)
    first_map = wait(driver, "return window.__firstMap")
    if static:
        time.sleep(2)
    else:
        wait(driver, "return /claims in view/.test(document.getElementById('table-note').textContent)")
    transferred, urls = wire_bytes(driver)
    outside = [u for u in urls if u.startswith("http") and not u.startswith(f"http://{HOST}:")]
    driver.execute_script(STEP_WATCH)
    thumb = driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.send_keys(Keys.ARROW_LEFT)  # warm-up step (focuses the thumb), not counted
    wait(driver, "return window.__steps.length >= 1", 60)
    driver.execute_script("window.__steps = [];")
    for k in range(steps):
        thumb.send_keys(Keys.ARROW_LEFT)
        wait(driver, f"return window.__steps.length >= {k + 1}", 60)
    times = sorted(driver.execute_script("return window.__steps"))
    floor = statistics.median(driver.execute_async_script(REDRAW_FLOOR))
    return {
        "first_map": first_map,
        "bytes": transferred,
        "outside": outside,
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "floor": floor,
    }


@contextlib.contextmanager
def static_server(folder: Path):
    """The published folder served as a static host serves it (``dashboard.publish.serving``: precompressed files)."""
    from dashboard.publish import serving

    server = serving(folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--span-days", type=int, default=365, help="the synthetic events' span (1461: four years)")
    parser.add_argument(
        "--modes",
        nargs="+",
        default=["claims"],
        choices=["claims", "control"],
        help="map modes measured (issue 25): the claims of the period, who claims to hold each place",
    )
    parser.add_argument("--static", action="store_true", help="also the published page (python -m dashboard.publish)")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        pages = [("ours", ROOT)]
        if not args.no_baseline:
            old = tmp / "baseline"
            old.mkdir()
            archive = subprocess.run(["git", "archive", args.baseline_ref], cwd=ROOT, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
            pages.append(("baseline", old))
        driver = chromium()
        try:
            for size in args.sizes:
                db = tmp / f"events-{size}.db"
                if size:
                    synthetic_database(db, size, span_days=args.span_days)
                else:
                    seed_database(ROOT, str(db))
                runs = [
                    (name, code, mode)
                    for name, code in pages
                    for mode in args.modes
                    if name == "ours" or mode == "claims"
                ]
                if args.static:
                    runs.append(("static", None, args.modes[0]))
                for name, code, mode in runs:
                    if name == "static":
                        out = tmp / f"site-{size}"
                        subprocess.run(
                            [sys.executable, "-m", "dashboard.publish", "--db", str(db), "--out", str(out)],
                            cwd=ROOT,
                            check=True,
                            capture_output=True,
                        )
                        with static_server(out) as port:
                            result = measure(driver, f"http://{HOST}:{port}/", args.steps, static=True)
                    else:
                        with gunicorn(code, str(db), 1) as port:
                            result = measure(driver, f"http://{HOST}:{port}/?mode={mode}", args.steps)
                    name = name if name == "baseline" else f"{name} {mode}"
                    results.append((size, name, result))
                    label = "seeds" if not size else f"{size:,}"
                    print(
                        f"{label:>8} {name:>14}: first map {result['first_map']:7.0f} ms, "
                        f"{result['bytes'] / 1e6:5.2f} MB, step median {result['median']:6.1f} ms, "
                        f"p95 {result['p95']:6.1f} ms, Plotly.redraw {result['floor']:6.1f} ms, "
                        f"requests off 127.0.0.1: {len(result['outside'])}",
                        flush=True,
                    )
        finally:
            driver.quit()
    print()
    print(
        f"{'events':>8} | {'first map ms':>12} {'MB':>5} | {'step median':>11} {'p95':>6} | {'redraw':>6} "
        f"{'x redraw':>8} | {'baseline median':>15} {'p95':>6} | {'speed-up':>8}"
    )
    for size in args.sizes:
        ours = next(r for s, n, r in results if s == size and n.startswith("ours"))
        base = next((r for s, n, r in results if s == size and n == "baseline"), None)
        line = (
            f"{'seeds' if not size else f'{size:,}':>8} | {ours['first_map']:12.0f} {ours['bytes'] / 1e6:5.2f} | "
            f"{ours['median']:11.1f} {ours['p95']:6.1f} | {ours['floor']:6.1f} "
            f"{ours['median'] / ours['floor']:8.2f}"
        )
        if base:
            line += f" | {base['median']:15.1f} {base['p95']:6.1f} | {base['median'] / ours['median']:7.1f}x"
        print(line)
    print(
        "step: keydown on the slider to the map's plotly_afterplot; redraw: Plotly.redraw of the same figure "
        "(the floor of any step); MB: compressed bytes on the wire for the first page, cache disabled."
    )
    print(
        "targets (issue 11): 100,000 events step median <= 50 ms, p95 <= 100 ms, >= 5x baseline; "
        "seeds first map <= 2 s, <= 3 MB."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
