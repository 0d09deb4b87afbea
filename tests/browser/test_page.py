"""The page in headless Chromium: map shapes, slider, shared URLs, table, play, embed under a prefix, PNG button.

Every request the browser makes during these tests is recorded; the last test
checks that none left 127.0.0.1 (the page must work on an intranet with no
internet). Screenshots go to test-output/.
"""
from __future__ import annotations

import time
from urllib.parse import urlparse

import numpy as np
import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.state import ViewState
from tests.servers import dashboard_server

KHARKIV_INDEX = None   # position of UA-63 among the choropleth's locations, set from the page


def wait_until(condition, timeout=20, message="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = condition()
            if last:
                return last
        except Exception as error:   # the page may still be rendering
            last = error
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message} (last: {last!r})")


def js(browser, script):
    return browser.driver.execute_script(script)


def shape_count(browser):
    return js(browser, "return document.querySelectorAll('#map path.choroplethlocation').length")


def oblast_fill(browser, iso):
    return js(browser, f"""
        var gd = document.querySelector('#map .js-plotly-plot');
        var i = gd.data[0].locations.indexOf('{iso}');
        return getComputedStyle(document.querySelectorAll('#map path.choroplethlocation')[i]).fill;""")


def table_note(browser):
    return js(browser, "return document.getElementById('table-note').textContent")


def slider_value(browser):
    return int(browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]").get_attribute("aria-valuenow"))


def day_label(browser):
    return browser.driver.find_element(By.ID, "day-label").text


def open_page(browser, url):
    browser.driver.get(url)
    # Ukraine's 27 units and Russia's three border regions (Kursk, Belgorod, Bryansk)
    wait_until(lambda: shape_count(browser) == 30, message="30 region shapes")
    wait_until(lambda: "claims in view" in table_note(browser), message="table filled")


@pytest.fixture(scope="module")
def server(seeded_db):
    with dashboard_server(seeded_db) as base:
        yield base


def test_page_shows_27_oblasts_and_the_table(browser, server, output_dir, seeded_index):
    open_page(browser, server)
    assert day_label(browser) == "12 Sep 2022"
    assert f"{seeded_index.size} claims in view" in table_note(browser)
    rows = browser.driver.find_elements(By.CSS_SELECTOR, ".ag-center-cols-container .ag-row")
    assert len(rows) == seeded_index.size
    assert "Kupiansk on Saturday" in browser.driver.find_element(By.CSS_SELECTOR, ".ag-center-cols-container").text
    browser.driver.save_screenshot(str(output_dir / "page.png"))


def test_slider_changes_map_table_and_url(browser, server, seeded_index):
    expected = int((seeded_index.frame["date_end"] <= "2022-09-08").sum())
    open_page(browser, server)
    kharkiv_now = oblast_fill(browser, "UA-63")
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.ARROW_LEFT * 4)            # 12 Sep -> 8 Sep: before Kupiansk, Izium, Balakliia
    wait_until(lambda: day_label(browser) == "8 Sep 2022", message="day label 8 Sep")
    wait_until(lambda: oblast_fill(browser, "UA-63") != kharkiv_now, message="Kharkiv recoloured")
    wait_until(lambda: table_note(browser).startswith(f"{expected} claims in view"), message="table narrowed")
    assert expected < seeded_index.size
    wait_until(lambda: "date=2022-09-08" in browser.driver.current_url, message="date in the URL")


def test_shared_url_restores_the_view(browser, server, seeded_index):
    query = "?date=2022-09-11&actors=RU&oblast=UA-63&confirmed=1"
    expected = int(seeded_index.mask(ViewState.from_query(query), with_oblast=True).sum())
    open_page(browser, server + query)
    wait_until(lambda: day_label(browser) == "11 Sep 2022", message="date restored")
    checked = js(browser, "return Array.from(document.querySelectorAll('#actors input')).map(i => i.checked)")
    assert checked == [False, True]
    assert js(browser, "return document.querySelector('#confirmed input').checked")
    wait_until(lambda: "in Kharkiv" in table_note(browser), message="oblast restored")
    assert 0 < expected < seeded_index.size
    assert f"{expected} claims in view in Kharkiv" in table_note(browser)
    markers = js(browser, """var m = document.querySelector('#map .js-plotly-plot').data[1];
                             return m.marker.color.filter((c, i) => m.lon[i] !== null);""")
    assert markers
    assert set(markers) == {"#b91c1c"}
    assert "actors=RU" in browser.driver.current_url and "oblast=UA-63" in browser.driver.current_url


def test_clicking_an_oblast_narrows_the_table(browser, server):
    open_page(browser, server + "?date=2022-06-30")
    path = js(browser, """
        var gd = document.querySelector('#map .js-plotly-plot');
        return document.querySelectorAll('#map path.choroplethlocation')[gd.data[0].locations.indexOf('UA-09')];""")
    js(browser, """var gd = document.querySelector('#map .js-plotly-plot');
                   var i = gd.data[0].locations.indexOf('UA-09');
                   gd.emit('plotly_click', {points: [{curveNumber: 0, pointNumber: i, location: 'UA-09'}]});""")
    assert path is not None
    wait_until(lambda: "in Luhansk" in table_note(browser), message="table narrowed to Luhansk")
    browser.driver.find_element(By.ID, "clear-oblast").click()
    wait_until(lambda: "in Luhansk" not in table_note(browser), message="table widened again")


def test_selecting_a_row_highlights_its_marker(browser, server):
    open_page(browser, server)
    cells = browser.driver.find_elements(By.CSS_SELECTOR, ".ag-center-cols-container [col-id=place_name]")
    next(c for c in cells if c.text == "Svatove").click()   # a claim with a point on the map
    wait_until(lambda: js(browser, "return document.querySelector('#map .js-plotly-plot').data[2].lon.length") == 1,
               message="highlight ring on the selected claim")


def test_play_animates_the_days(browser, server):
    open_page(browser, server + "?date=2022-07-01")
    start = slider_value(browser)
    browser.driver.find_element(By.ID, "play").click()
    wait_until(lambda: slider_value(browser) >= start + 3, message="slider advancing")
    browser.driver.find_element(By.ID, "play").click()   # pause
    paused_at = slider_value(browser)
    time.sleep(1.5)
    assert slider_value(browser) <= paused_at + 1


def test_png_button_downloads_the_view(browser, server, output_dir):
    open_page(browser, server + "?date=2022-09-12")
    browser.driver.find_element(By.ID, "download-png").click()
    target = browser.download_dir / "conflict-map-12 Sep 2022.png"
    wait_until(target.exists, timeout=30, message="downloaded PNG")
    image = Image.open(target)
    assert image.size == (1400, 900)
    pixels = np.asarray(image.convert("RGB"))
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50
    (output_dir / "button-download.png").write_bytes(target.read_bytes())


def test_embed_mode_under_a_url_prefix(browser, seeded_db, output_dir):
    with dashboard_server(seeded_db, "/tools/conflict-map/") as base:
        browser.driver.set_window_size(900, 650)
        try:
            open_page(browser, base + "?embed=1&date=2022-09-12")
            assert not browser.driver.find_element(By.CSS_SELECTOR, ".masthead").is_displayed()
            assert not browser.driver.find_element(By.CSS_SELECTOR, ".table-section").is_displayed()
            assert browser.driver.find_element(By.CSS_SELECTOR, ".legend-compact").is_displayed()
            assert browser.driver.find_element(By.ID, "day").is_displayed()
            assert urlparse(browser.driver.current_url).path == "/tools/conflict-map/"
            browser.driver.save_screenshot(str(output_dir / "embed.png"))
        finally:
            browser.driver.set_window_size(1400, 1100)


def test_table_dates_of_ranges_and_months_are_shown(browser, server):
    """Issue 10.11: claims dated by a range or a month had an empty Date cell."""
    open_page(browser, server)
    js(browser, "window.scrollTo(0, document.body.scrollHeight)")
    dates = lambda: js(browser, """return Array.from(document.querySelectorAll(
        '.ag-center-cols-container [col-id=event_date]')).map(c => c.textContent)""")
    wait_until(lambda: "1–12 Sep 2022" in dates() and "May 2022" in dates(), message="range and month labels")
    assert "" not in dates() and "12 Sep 2022" in dates()


def test_no_request_left_the_machine(browser, server):
    """Everything the browser fetched came from 127.0.0.1: in this test (the page opened, the slider moved,
    Play pressed) and in every test of the session before it, in whatever order they ran."""
    open_page(browser, server + "?date=2022-09-12")
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.ARROW_LEFT)
    wait_until(lambda: day_label(browser) == "11 Sep 2022", message="day label 11 Sep")
    requests = browser.collect()
    assert len([u for u in requests if "_dash-update-component" in u]) >= 2   # the page's callbacks were asked
    assert len(requests) > 20
    outside = sorted({u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                      and urlparse(u).hostname != "127.0.0.1"})
    assert outside == []
