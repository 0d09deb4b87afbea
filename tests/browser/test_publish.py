"""The static publish (dashboard.publish) served by a plain static file server on 127.0.0.1, in headless Chromium.

The folder must show the map and scrub with no app server: no request may go to a Dash callback endpoint,
and none may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.publish import serving
from tests.browser.test_page import day_label, js, oblast_fill, shape_count, wait_until
from tests.servers import ROOT, dashboard_server

BUDGET = 1_000_000  # the published page's bytes on the wire (issue 25)


def served(folder):
    """The folder's parent served as a static host serves it (dashboard.publish.Precompressed); yields the port."""
    server = serving(folder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wire(browser, base: str) -> tuple[int, dict[str, str]]:
    """Bytes on the wire (CDP's encodedDataLength: compressed, headers included) of the responses from ``base``
    since the performance log was last read, and each URL's Content-Encoding; the URLs join the browser's record."""
    urls, codings, total = {}, {}, 0
    for entry in browser.driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
            browser.requests.append(params["request"]["url"])
        elif message["method"] == "Network.responseReceived":
            headers = {k.lower(): v for k, v in params["response"]["headers"].items()}
            codings[params["requestId"]] = headers.get("content-encoding", "identity")
        elif message["method"] == "Network.loadingFinished" and urls.get(params["requestId"], "").startswith(base):
            total += int(params["encodedDataLength"])
    return total, {urls[r].split("?")[0]: c for r, c in codings.items() if urls.get(r, "").startswith(base)}


@pytest.fixture(scope="module")
def site(seeded_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("publish") / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.publish",
            "--out",
            str(out),
            "--db",
            str(seeded_db),
            "--from",
            "2022-05-01",
            "--to",
            "2022-09-12",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "published 19 events" in done.stdout  # the seeds' 19 claims all lie from May to 12 Sep 2022
    server = served(out.parent)
    # served under a sub-path, as on a news site's host: every path in the folder must be relative
    yield out, f"http://127.0.0.1:{server.server_address[1]}/site/"
    server.shutdown()
    server.server_close()


def test_the_folder_holds_the_page_its_events_and_licences(site):
    out, _ = site
    for name in (
        "index.html",
        "_dash-layout.json",
        "_dash-dependencies.json",
        "assets/view.js",
        "assets/style.css",
        "assets/vendor/plotly-geo.min.js",
        "assets/vendor/plotly-geo.LICENSE.txt",
        "assets/topojson/europe_50m.json",
        "CREDITS-geodata.md",
    ):
        assert (out / name).is_file(), name
    dependencies = __import__("json").loads((out / "_dash-dependencies.json").read_text())
    assert all(c.get("clientside_function") for c in dependencies)
    assert '"requests_pathname_prefix":"./"' in (out / "index.html").read_text().replace(" ", "")
    assert not (out / "assets" / "readme").exists()


def test_the_published_page_renders_and_scrubs_with_no_server(browser, site, output_dir):
    _, base = site
    browser.collect()
    start = len(browser.requests)
    browser.driver.get(base)
    wait_until(lambda: shape_count(browser) == 30, message="30 region shapes")
    wait_until(lambda: day_label(browser) == "12 Sep 2022", message="the last day shown")
    # issue 25: a plain table of the claims in view, not the served page's grid (and none of the grid's scripts)
    assert not browser.driver.find_elements(By.CSS_SELECTOR, ".ag-root-wrapper")
    wait_until(lambda: len(browser.driver.find_elements(By.CSS_SELECTOR, "#claims-rows tr")) > 0, message="table")
    assert not any("dash_ag_grid" in url for url in browser.collect()[start:])
    assert "Natural Earth" in browser.driver.find_element(By.CSS_SELECTOR, ".credits").text
    kharkiv = oblast_fill(browser, "UA-63")
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.send_keys(Keys.ARROW_LEFT * 4)  # 12 Sep -> 8 Sep: before Kupiansk, Izium, Balakliia
    wait_until(lambda: day_label(browser) == "8 Sep 2022", message="day label 8 Sep")
    wait_until(lambda: oblast_fill(browser, "UA-63") != kharkiv, message="Kharkiv recoloured")
    browser.driver.find_element(By.CSS_SELECTOR, "#actors input[value=UA]").click()  # a filter, in the browser
    wait_until(
        lambda: js(
            browser,
            """var m = document.querySelector('#map .js-plotly-plot').data[1];
        return m.marker.color.filter((c, i) => m.lon[i] !== null).every(c => c === '#b91c1c')""",
        ),
        message="only Russia's claims",
    )
    browser.driver.save_screenshot(str(output_dir / "published.png"))
    requests = browser.collect()[start:]
    assert any(u.startswith(base) for u in requests)
    assert [u for u in requests if "_dash-update-component" in u] == []
    outside = sorted(
        {
            u
            for u in requests
            if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname != "127.0.0.1"
        }
    )
    assert outside == []


def test_the_published_page_reads_its_view_from_the_url_and_weighs_a_graphic(browser, site):
    """Issue 25: a shared view of the published page opens as shared (no server to read the URL: the browser does),
    and the page's bytes on the wire, as a static host sends them (brotli), are at most 1 MB; with gzip only (a host
    without brotli) too, at the seeds."""
    out, base = site
    browser.collect()
    browser.driver.get(base + "?date=2022-09-10&actors=UA&mode=control&fit=0")
    wait_until(lambda: day_label(browser) == "10 Sep 2022", message="the day of the URL")
    wait_until(
        lambda: (
            "Who claims to hold each place"
            in browser.driver.execute_script("return document.querySelector('#map .js-plotly-plot').layout.title.text")
        ),
        message="the mode of the URL",
    )
    assert browser.driver.find_element(By.CSS_SELECTOR, "#actors input[value=RU]").is_selected() is False
    wait_until(lambda: "claims in view" in browser.driver.find_element(By.ID, "table-note").text, message="note")
    time.sleep(1.5)  # the late requests (the base map, the slider's chunk)
    weight, codings = wire(browser, base)
    assert weight <= BUDGET, (weight, codings)
    assert codings[base + "_dash-layout.json"] == codings[base + "assets/vendor/plotly-geo.min.js"] == "br"
    fetched = [url[len(base) :] or "index.html" for url in codings]
    gzipped = sum((out / f"{f}.gz").stat().st_size for f in fetched if (out / f"{f}.gz").is_file())
    assert gzipped <= BUDGET, gzipped


VIEWS = [  # views a reader may share: both map modes, a window, filters, Russia's border regions left out
    "?date=2022-09-10&actors=UA&mode=control&fit=0",
    "?date=2022-09-08&window=recent&days=7&mode=claims",
    "?mode=claims&actions=captured,withdrew&country=UA",
    "?date=2022-06-24&mode=control&contested=3&confirmed=1",
]
DRAWN = r"""var gd = document.querySelector('#map .js-plotly-plot');
return JSON.stringify([gd.layout.title.text, gd.layout.geo.lonaxis.range, gd.layout.geo.lataxis.range,
  gd.data.map(function (t) { return [t.z, t.hovertext, t.lon, t.lat, t.text, t.marker && t.marker.color,
                                     t.marker && t.marker.symbol, t.marker && t.marker.size]; }),
  document.getElementById('table-note').textContent.match(/^[\d,]+ claims? in view/)[0],
  document.getElementById('day-label').textContent]);"""


def drawn_view(browser, url: str) -> str:
    """The map as drawn for a URL (title, extent, every trace's values), the claims in view (the table's note) and
    the day shown, once the view rests."""
    browser.driver.get(url)
    wait_until(lambda: "claims in view" in browser.driver.find_element(By.ID, "table-note").text, message="note")
    before, now = None, browser.driver.execute_script(DRAWN)
    while now != before:  # the view rests: two reads 0.6 s apart agree
        time.sleep(0.6)
        before, now = now, browser.driver.execute_script(DRAWN)
    return now


def test_the_published_page_draws_the_servers_view_of_each_url(browser, site, seeded_db):
    """The same events (the seeds) and the same URL: the published page (its events packed, its view read from the
    URL by assets/static_page.js) draws what the served page draws (the server reads the URL)."""
    _, base = site
    static = {view: drawn_view(browser, base + view) for view in VIEWS}
    assert len(set(static.values())) == len(VIEWS)  # four views drawn four ways
    with dashboard_server(seeded_db) as server:
        for view in VIEWS:
            assert drawn_view(browser, server + view) == static[view], view


def test_the_published_page_at_100000_events_weighs_at_most_1_mb(browser, tmp_path_factory, output_dir):
    """Issue 25: four years of reporting, 100,000 events (bench's synthetic events): the page opens in claimed
    control with every claim counted, and its bytes on the wire, as a static host sends them, are at most 1 MB."""
    from bench.slider import seed_frame, synthetic_frame
    from dashboard.publish import publish

    out = tmp_path_factory.mktemp("publish-100k") / "site"
    publish(synthetic_frame(seed_frame(), 100_000, span_days=1461), out)
    server = served(out.parent)
    base = f"http://127.0.0.1:{server.server_address[1]}/site/"
    try:
        browser.collect()
        browser.driver.get(base)
        wait_until(lambda: "100,000 claims in view" in browser.driver.find_element(By.ID, "table-note").text)
        title = browser.driver.execute_script("return document.querySelector('#map .js-plotly-plot').layout.title.text")
        assert "Who claims to hold each place" in title and "28 Feb 2026" in title
        time.sleep(1.5)  # the late requests (the base map, the slider's chunk)
        weight, codings = wire(browser, base)
        browser.driver.save_screenshot(str(output_dir / "published-100k.png"))
    finally:
        server.shutdown()
        server.server_close()
    assert weight <= BUDGET, (weight, codings)
    assert set(codings.values()) == {"br"}, codings  # every file came compressed


SOURCES = """return Array.from(document.querySelectorAll('#claims-rows tr')).map(function (tr) {
  var td = tr.lastElementChild, a = td.querySelector('a');
  return [td.textContent, a ? a.getAttribute('href') : null]; });"""


def test_the_table_brings_each_claim_s_source_once_it_is_seen(browser, site):
    """The published page's table gives each claim its sentence and outlet (the served page's grid does), fetched
    from the folder's sources/ files only when the table comes into view: the first load carries none."""
    out, base = site
    browser.collect()
    browser.driver.get(base + "?date=2022-09-12&mode=claims")
    wait_until(lambda: "claims in view" in browser.driver.find_element(By.ID, "table-note").text, message="note")
    time.sleep(1)
    _, codings = wire(browser, base)
    assert not any("/sources/" in url for url in codings)  # not before the table is seen
    browser.driver.execute_script("document.getElementById('claims-rows').scrollIntoView()")
    wait_until(lambda: all(text and text != "…" for text, _ in js(browser, SOURCES)), message="the sources")
    _, codings = wire(browser, base)
    assert [url for url in codings if "/sources/" in url] == [base + "sources/0.json"]
    assert codings[base + "sources/0.json"] == "br"
    # the newest claim listed: its sentence as the seed article wrote it, and its outlet
    sources = js(browser, SOURCES)
    chunk = __import__("json").loads((out / "sources" / "0.json").read_text())
    sentences = set(chunk["sentences"])
    assert all(any(text.startswith(s[:60]) for s in sentences) for text, _ in sources), sources[:3]
    assert all(href is None or href.startswith(("http://", "https://")) for _, href in sources)


def test_a_published_embed_is_the_embed_whatever_its_url_and_its_title_fits(browser, seeded_db, tmp_path_factory):
    """``publish --embed``: the embed layout though the URL has no embed=1 (the browser's restore dropped it), its
    title whole in 800x600 with a filter's second line, and its compact legend that of the mode drawn."""
    from tests.browser.test_control import COMPACT, TITLE_BOX

    out = tmp_path_factory.mktemp("publish-embed") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.publish", "--out", str(out), "--db", str(seeded_db), "--embed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    server = served(out.parent)
    driver = browser.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 800, "height": 600, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/site/?date=2022-09-12&mode=control&actors=UA")
        wait_until(lambda: "embed" in driver.find_element(By.ID, "page").get_attribute("class"), message="embed")
        wait_until(lambda: js(browser, "return !!document.querySelector('#map .gtitle')"), message="the title")
        wait_until(lambda: js(browser, TITLE_BOX)["lines"] == 2, message="the filtered view's title")
        time.sleep(0.5)
        box = js(browser, TITLE_BOX)
        assert 0 <= box["left"] and box["right"] <= 800 and 0 <= box["top"] and box["bottom"] <= box["mapTop"] + 1
        assert "● claimed held by Ukraine" in js(browser, COMPACT)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        server.shutdown()
        server.server_close()
