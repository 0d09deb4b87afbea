"""The static publish (dashboard.publish) served by a plain static file server on 127.0.0.1, in headless Chromium.

The folder must show the map and scrub with no app server: no request may go to a Dash callback endpoint,
and none may leave 127.0.0.1.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.test_page import day_label, js, oblast_fill, shape_count, wait_until
from tests.servers import ROOT


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


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
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out.parent)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
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
    and the files it fetches weigh at most 1 MB gzipped (what a static host sends)."""
    import gzip

    out, base = site
    browser.collect()
    start = len(browser.requests)
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
    fetched = {
        url[len(base) :].split("?")[0] or "index.html" for url in browser.collect()[start:] if url.startswith(base)
    }
    weight = sum(len(gzip.compress((out / f).read_bytes(), 6)) for f in fetched if (out / f).is_file())
    assert weight <= 1_000_000, (weight, sorted(fetched))
