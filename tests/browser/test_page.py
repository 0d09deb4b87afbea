"""The page in headless Chromium: map shapes, slider, shared URLs, table, play, embed under a prefix, PNG button.

Real actions: the mouse clicks the oblast's shape, drags the slider's thumb,
the keyboard steps it. Expected counts come from the database itself (SQL on
the seeded file), not from the dashboard's code. Every request the browser
makes is recorded; ``test_no_request_left_the_machine`` checks that none left
127.0.0.1 (the page must work on an intranet with no internet). Screenshots go
to test-output/.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date, timedelta
from urllib.parse import urlparse

import numpy as np
import pytest
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.servers import dashboard_server
from tests.test_export import LEGEND, TITLE, colour_bar_columns, ocr_words, read_in

KHARKIV_INDEX = None  # position of UA-63 among the choropleth's locations, set from the page


def wait_until(condition, timeout=20, message="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = condition()
            if last:
                return last
        except Exception as error:  # the page may still be rendering
            last = error
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message} (last: {last!r})")


def js(browser, script):
    return browser.driver.execute_script(script)


def shape_count(browser):
    return js(browser, "return document.querySelectorAll('#map path.choroplethlocation').length")


def oblast_fill(browser, iso):
    return js(
        browser,
        f"""
        var gd = document.querySelector('#map .js-plotly-plot');
        var i = gd.data[0].locations.indexOf('{iso}');
        return getComputedStyle(document.querySelectorAll('#map path.choroplethlocation')[i]).fill;""",
    )


def table_note(browser):
    return js(browser, "return document.getElementById('table-note').textContent")


def slider_value(browser):
    return int(browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]").get_attribute("aria-valuenow"))


def day_label(browser):
    return browser.driver.find_element(By.ID, "day-label").text


def count_events(db, where: str = "1", *params) -> int:
    """Events in the seeded database matching an SQL condition: expected values from the data itself."""
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]


def component_prop(browser, component_id, prop):
    """A Dash component's property as the page holds it now (Dash's own store in the browser)."""
    return js(
        browser,
        f"""var s = window.store.getState(); var path = s.paths.strs['{component_id}'];
                           return path.reduce((o, k) => o[k], s.layout).props['{prop}'];""",
    )


def day_of_slider(browser) -> str:
    """The slider's day (a day number: days since 1970-01-01) as an ISO date, by plain date arithmetic."""
    return (date(1970, 1, 1) + timedelta(days=slider_value(browser))).isoformat()


def open_page(browser, url):
    browser.driver.get(url)
    # Ukraine's 27 units and Russia's three border regions (Kursk, Belgorod, Bryansk)
    wait_until(lambda: shape_count(browser) == 30, message="30 region shapes")
    wait_until(lambda: "claims in view" in table_note(browser), message="table filled")


@pytest.fixture(scope="module")
def server(seeded_db):
    with dashboard_server(seeded_db) as base:
        yield base


def test_page_shows_27_oblasts_and_the_table(browser, server, output_dir, seeded_db):
    open_page(browser, server)
    assert day_label(browser) == "12 Sep 2022"
    everything = count_events(seeded_db)
    assert f"{everything} claims in view" in table_note(browser)
    rows = browser.driver.find_elements(By.CSS_SELECTOR, ".ag-center-cols-container .ag-row")
    assert len(rows) == everything
    assert "Kupiansk on Saturday" in browser.driver.find_element(By.CSS_SELECTOR, ".ag-center-cols-container").text
    browser.driver.save_screenshot(str(output_dir / "page.png"))


def test_slider_changes_map_table_and_url(browser, server, seeded_db):
    expected = count_events(seeded_db, "date_end <= ?", "2022-09-08")
    open_page(browser, server)
    kharkiv_now = oblast_fill(browser, "UA-63")
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.ARROW_LEFT * 4)  # 12 Sep -> 8 Sep: before Kupiansk, Izium, Balakliia
    wait_until(lambda: day_label(browser) == "8 Sep 2022", message="day label 8 Sep")
    wait_until(lambda: oblast_fill(browser, "UA-63") != kharkiv_now, message="Kharkiv recoloured")
    wait_until(lambda: table_note(browser).startswith(f"{expected} claims in view"), message="table narrowed")
    assert expected < count_events(seeded_db)
    wait_until(lambda: "date=2022-09-08" in browser.driver.current_url, message="date in the URL")


def test_shared_url_restores_the_view(browser, server, seeded_db):
    query = "?date=2022-09-11&actors=RU&oblast=UA-63&confirmed=1"
    expected = count_events(
        seeded_db,
        "date_end <= '2022-09-11' AND actor = 'RU' AND oblast_iso = 'UA-63' AND confirmed != 'no' AND NOT hedged",
    )
    open_page(browser, server + query)
    wait_until(lambda: day_label(browser) == "11 Sep 2022", message="date restored")
    checked = js(browser, "return Array.from(document.querySelectorAll('#actors input')).map(i => i.checked)")
    assert checked == [False, True]
    assert js(browser, "return document.querySelector('#confirmed input').checked")
    wait_until(lambda: "in Kharkiv" in table_note(browser), message="oblast restored")
    assert 0 < expected < count_events(seeded_db, "date_end <= '2022-09-11'")
    assert f"{expected} claims in view in Kharkiv" in table_note(browser)
    markers = js(
        browser,
        """var m = document.querySelector('#map .js-plotly-plot').data[1];
                             return m.marker.color.filter((c, i) => m.lon[i] !== null);""",
    )
    assert markers
    assert set(markers) == {"#b91c1c"}
    assert "actors=RU" in browser.driver.current_url and "oblast=UA-63" in browser.driver.current_url


INSIDE_THE_SHAPE = """
    // a point well inside an oblast's shape (12 px of it all round) and away from any marker, in page pixels
    var gd = document.querySelector('#map .js-plotly-plot');
    var path = document.querySelectorAll('#map path.choroplethlocation')[gd.data[0].locations.indexOf(arguments[0])];
    var box = path.getBBox(), matrix = path.getScreenCTM(), scale = Math.abs(matrix.a) || 1;
    var markers = Array.from(document.querySelectorAll('#map .scattergeo path.point')).map(p => p.getBoundingClientRect());
    var inside = (x, y) => { var pt = path.ownerSVGElement.createSVGPoint(); pt.x = x; pt.y = y; return path.isPointInFill(pt); };
    var margin = 12 / scale;
    for (var i = 1; i < 24; i++) for (var j = 1; j < 24; j++) {
        var x = box.x + box.width * i / 24, y = box.y + box.height * j / 24;
        if (![[0, 0], [margin, 0], [-margin, 0], [0, margin], [0, -margin]].every(d => inside(x + d[0], y + d[1]))) continue;
        var p = new DOMPoint(x, y).matrixTransform(matrix);
        if (markers.some(r => Math.hypot(r.x + r.width / 2 - p.x, r.y + r.height / 2 - p.y) < 25)) continue;
        return [Math.round(p.x), Math.round(p.y)];
    }
    return null;"""


def click_at(browser, x, y):
    actions = ActionBuilder(browser.driver)
    actions.pointer_action.move_to_location(x, y)
    actions.pointer_action.click()
    actions.perform()


def test_clicking_an_oblast_narrows_the_table(browser, server, seeded_db):
    """The mouse clicks inside Luhansk oblast's shape (no synthetic plotly event); the table narrows to the
    claims there, and clicking "Show all oblasts" widens it again."""
    open_page(browser, server + "?date=2022-06-30")
    point = browser.driver.execute_script(INSIDE_THE_SHAPE, "UA-09")
    assert point, "no point inside Luhansk oblast's shape away from the markers"
    click_at(browser, *point)
    expected = count_events(seeded_db, "date_end <= '2022-06-30' AND oblast_iso = 'UA-09'")
    assert expected > 0
    wait_until(lambda: table_note(browser) == f"{expected} claims in view in Luhansk.", message="narrowed to Luhansk")
    browser.driver.find_element(By.ID, "clear-oblast").click()
    wait_until(
        lambda: table_note(browser) == f"{count_events(seeded_db, 'date_end <= ?', '2022-06-30')} claims in view.",
        message="table widened again",
    )


def test_dragging_the_slider_shows_the_day_it_stops_on(browser, server, seeded_db):
    """The mouse drags the slider's thumb to the left: the label, the table and the URL follow the day the
    thumb stopped on, whichever it is."""
    open_page(browser, server)
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    ActionChains(browser.driver).drag_and_drop_by_offset(thumb, -120, 0).perform()
    wait_until(lambda: day_label(browser) != "12 Sep 2022", message="the day moved")
    day = day_of_slider(browser)
    assert "2022-06-01" < day < "2022-09-12", day
    expected = count_events(seeded_db, "date_end <= ?", day)
    shown = date.fromisoformat(day)
    wait_until(lambda: day_label(browser) == f"{shown.day} {shown:%b %Y}", message=f"label of {day}")
    wait_until(lambda: table_note(browser).startswith(f"{expected} claims in view"), message=f"{expected} claims")
    wait_until(lambda: f"date={day}" in browser.driver.current_url, message="date in the URL")


def callbacks_settled(browser) -> bool:
    """Dash has no callback waiting for an answer (the page's first views are drawn)."""
    return js(
        browser,
        """var s = window.store.getState(), c = Object.assign({}, s.callbacks);
        delete c.stored; delete c.completed;   // as dash.testing counts the requests in flight
        return !s.isLoading && [].concat.apply([], Object.values(c)).length === 0;""",
    )


def test_selecting_a_row_highlights_its_marker(browser, server):
    open_page(browser, server)
    wait_until(lambda: callbacks_settled(browser), message="the first callbacks answered")

    def svatove_selected():  # a claim with a point on the map; clicked again if a redraw lost the selection
        row = browser.driver.find_element(
            By.XPATH,
            "//div[contains(@class, 'ag-center-cols-container')]"
            "//div[@col-id='place_name'][normalize-space()='Svatove']/..",
        )
        if "ag-row-selected" not in row.get_attribute("class"):
            row.find_element(By.CSS_SELECTOR, "[col-id=place_name]").click()
        return "ag-row-selected" in row.get_attribute("class")

    wait_until(svatove_selected, message="Svatove's row selected")
    wait_until(
        lambda: js(browser, "return document.querySelector('#map .js-plotly-plot').data[2].lon.length") == 1,
        message="highlight ring on the selected claim",
    )


def test_play_animates_the_days(browser, server):
    open_page(browser, server + "?date=2022-07-01")
    start = slider_value(browser)
    browser.driver.find_element(By.ID, "play").click()
    wait_until(lambda: slider_value(browser) >= start + 3, message="slider advancing")
    browser.driver.find_element(By.ID, "play").click()  # pause
    # paused: the page's timer is off (Dash's own state of the Interval), and once the step in flight has
    # been drawn, the slider, label and URL agree on one day
    wait_until(lambda: component_prop(browser, "tick", "disabled") is True, message="the timer stopped")
    wait_until(lambda: not js(browser, "return window.store.getState().isLoading"), message="callbacks done")
    day = day_of_slider(browser)
    shown = date.fromisoformat(day)
    wait_until(lambda: day_label(browser) == f"{shown.day} {shown:%b %Y}", message=f"label of {day}")
    wait_until(lambda: f"date={day}" in browser.driver.current_url, message="date in the URL")
    assert slider_value(browser) >= start + 3 and component_prop(browser, "tick", "disabled") is True


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
    words = ocr_words(target)  # what a reader of the PNG sees: its title and legend, read back by OCR
    assert TITLE in words and all(read_in(entry, words) for entry in LEGEND), words
    assert 8 <= len(colour_bar_columns(pixels)) <= 16  # and the colour bar


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
    dates = lambda: js(
        browser,
        """return Array.from(document.querySelectorAll(
        '.ag-center-cols-container [col-id=event_date]')).map(c => c.textContent)""",
    )
    wait_until(lambda: "1–12 Sep 2022" in dates() and "May 2022" in dates(), message="range and month labels")
    assert "" not in dates() and "12 Sep 2022" in dates()


def test_the_table_says_who_said_it_with_the_phrase_as_written_on_hover(browser, server):
    """Issue 22, item 4: the "Said by" column is the canonical claimant; its title is the attribution as written."""
    open_page(browser, server)
    js(browser, "window.scrollTo(0, document.body.scrollHeight)")
    said = lambda: js(
        browser,
        """return Array.from(document.querySelectorAll(
        '.ag-center-cols-container [col-id=claimant] span')).map(c => [c.textContent, c.title])""",
    )
    wait_until(
        lambda: ["Russian Defence Ministry", "As written: Russia's Defense Ministry"] in said(),
        message="the claimant and its phrase",
    )
    assert ["Ukrainian General Staff", "As written: Ukraine's general staff"] in said()
    assert ["not stated", ""] in said()


def test_no_request_left_the_machine(browser, server):
    """Everything the browser fetched came from 127.0.0.1: in this test (the page opened, the slider moved,
    Play pressed) and in every test of the session before it, in whatever order they ran."""
    open_page(browser, server + "?date=2022-09-12")
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.ARROW_LEFT)
    wait_until(lambda: day_label(browser) == "11 Sep 2022", message="day label 11 Sep")
    requests = browser.collect()
    assert len([u for u in requests if "_dash-update-component" in u]) >= 2  # the page's callbacks were asked
    assert len(requests) > 20
    outside = sorted(
        {
            u
            for u in requests
            if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname != "127.0.0.1"
        }
    )
    assert outside == []
