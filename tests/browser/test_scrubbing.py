"""Issue 11: the map recomputed in the browser (assets/view.js) agrees with figures.py; the table follows only
when the view settles; phones and narrow iframes. Screenshots go to test-output/ (and the README's to
assets/readme/ when CONFLICT_MAP_README_SHOTS=1)."""

from __future__ import annotations

import os
import shutil

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.query.state import ViewState
from dashboard.render.figure import view_update
from tests.browser.test_page import day_label, js, open_page, slider_value, table_note, wait_until
from tests.servers import ROOT, dashboard_server

README_SHOTS = ROOT / "assets" / "readme"


@pytest.fixture(scope="module")
def server(seeded_db):
    with dashboard_server(seeded_db) as base:
        yield base


def drawn(browser) -> dict:
    """The view as the browser computed it: the oblasts and title as drawn, the places' markers and names as
    view.js made them before close ones were drawn as clusters (assets/map_clusters.js; every place is in one)."""
    return js(
        browser,
        """var gd = document.querySelector('#map .js-plotly-plot'), c = gd.__conflictClusters;
        var m = c.input, held = [].concat.apply([], c.groups).sort((a, b) => a - b);
        return {z: Array.from(gd.data[0].z), oblast_hover: gd.data[0].hovertext, locations: gd.data[0].locations,
                lon: m.lon, color: m.color, symbol: m.symbol, size: m.size, labels: m.labels,
                title: gd.layout.title.text,
                every_place_drawn: JSON.stringify(held) === JSON.stringify(c.slots.slice().sort((a, b) => a - b))};""",
    )


def python_view(index, query) -> dict:
    update = view_update(index, ViewState.from_query(query))
    shown = [lon is not None for lon in update.markers["lon"]]
    pick = lambda values: [v for v, s in zip(values, shown) if s]
    return {
        "z": update.oblasts.z,
        "oblast_hover": update.oblasts.hover,
        "lon": pick(update.markers["lon"]),
        "color": pick(update.markers["color"]),
        "symbol": pick(update.markers["symbol"]),
        "size": pick(update.markers["size"]),
        "labels": update.labels[2],
        "title": update.title,
    }


# hand-checked from the seed claims (as in tests/test_figures.py): Kharkiv's net control changes on each day
VIEWS = [
    ("?date=2022-09-09", {"UA-63": 0, "UA-09": -4}),
    ("?date=2022-09-10", {"UA-63": 3}),
    ("?date=2022-09-12", {"UA-63": 4, "UA-09": -3}),
    ("?date=2022-09-12&confirmed=1", {"UA-63": 3}),
    ("?date=2022-09-12&window=recent&days=3&actors=UA", {}),
    ("?date=2022-06-24&actions=struck", {"UA-09": 0}),
]


@pytest.mark.parametrize("query, expected", VIEWS, ids=[v[0] for v in VIEWS])
def test_the_browser_draws_the_view_figures_py_draws(browser, server, seeded_index, query, expected):
    open_page(browser, server + query)
    wait_until(lambda: ("date=" + query.split("date=")[1][:10]) in browser.driver.current_url, message="view")
    ours = python_view(seeded_index, query)
    wait_until(lambda: drawn(browser)["title"] == ours["title"], message="the title of the view")
    theirs = drawn(browser)
    z = dict(zip(theirs["locations"], theirs["z"]))
    for code, value in expected.items():
        assert z[code] == value, code
    for key in ("z", "oblast_hover", "lon", "color", "symbol", "size", "labels", "title"):
        assert theirs[key] == pytest.approx(ours[key]) if key in ("lon", "size") else theirs[key] == ours[key], key
    assert "Kharkiv" in " ".join(theirs["oblast_hover"])  # oblast names on hover
    assert theirs["every_place_drawn"]  # alone or in a cluster


def test_the_query_the_browser_writes_is_the_one_python_writes(browser, server):
    open_page(browser, server + "?date=2022-09-11&window=recent&days=5&actors=RU&confirmed=1")
    wait_until(lambda: "date=2022-09-11" in browser.driver.current_url, message="the query written")
    # ViewState.to_query's order and spelling, written out by hand
    assert browser.driver.current_url.endswith("/?date=2022-09-11&window=recent&days=5&actors=RU&confirmed=1")


def test_steps_redraw_the_map_and_the_table_follows_once_they_rest(browser, server, seeded_index):
    open_page(browser, server + "?date=2022-09-12")
    js(
        browser,
        """window.__notes = [];
        new MutationObserver(() => window.__notes.push(document.getElementById('table-note').textContent))
          .observe(document.getElementById('table-note'), {childList: true, characterData: true, subtree: true});
        window.__draws = 0;
        document.querySelector('#map .js-plotly-plot').on('plotly_afterplot', () => window.__draws++);""",
    )
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.send_keys(Keys.ARROW_LEFT * 4)  # four steps in a row, faster than the view settles
    wait_until(lambda: day_label(browser) == "8 Sep 2022", message="day label 8 Sep")
    expected = int((seeded_index.frame["date_end"] <= "2022-09-08").sum())
    wait_until(lambda: table_note(browser).startswith(f"{expected} claims in view"), message="table at 8 Sep")
    assert js(browser, "return window.__draws") >= 1  # the map redrew (quick steps may share a redraw)
    notes = js(browser, "return window.__notes")
    assert len(notes) == 1 and notes[0].startswith(f"{expected} claims in view"), notes  # the table: once


def test_the_table_waits_for_play_to_stop(browser, server):
    open_page(browser, server + "?date=2022-09-05")  # play passes 10 Sep (Kupiansk, Izium, Balakliia)
    before = table_note(browser)
    js(
        browser,
        """window.__notes = [];
        new MutationObserver(() => window.__notes.push(document.getElementById('table-note').textContent))
          .observe(document.getElementById('table-note'), {childList: true, characterData: true, subtree: true});""",
    )
    start = slider_value(browser)
    browser.driver.find_element(By.ID, "play").click()
    wait_until(lambda: slider_value(browser) >= start + 5, message="five days played")
    assert js(browser, "return window.__notes") == []  # the map moved, the table waited
    browser.driver.find_element(By.ID, "play").click()
    wait_until(lambda: js(browser, "return window.__notes.length") >= 1, message="the table after play stopped")
    assert table_note(browser) != before


def test_a_filter_redraws_the_map_in_the_browser(browser, server):
    open_page(browser, server + "?date=2022-09-12")
    browser.collect()
    first = len(browser.requests)
    browser.driver.find_element(By.CSS_SELECTOR, "#actors input[value=UA]").click()
    wait_until(lambda: set(drawn(browser)["color"]) == {"#b91c1c"}, message="only Russia's claims marked")
    wait_until(lambda: "actors=RU" in browser.driver.current_url, message="the filter in the URL")
    posted = [u for u in browser.collect()[first:] if "_dash-update-component" in u]
    assert len(posted) <= 1  # at most the settled view's one callback (table, tally, text), never per redraw


def shot(browser, output_dir, name):
    browser.driver.save_screenshot(str(output_dir / f"{name}.png"))
    if os.environ.get("CONFLICT_MAP_README_SHOTS") == "1":
        shutil.copy(output_dir / f"{name}.png", README_SHOTS / f"{name}.png")


def map_box(browser) -> dict:
    return js(
        browser,
        """var r = document.querySelector('#map .js-plotly-plot .geolayer, #map .geo')
                             .getBoundingClientRect();
        var bar = document.querySelector('#map .colorbar');
        bar = bar ? bar.getBoundingClientRect() : {};
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: window.innerWidth,
                bar_top: bar.top, bar_left: bar.left, bar_bottom: bar.bottom};""",
    )


def test_a_phone_sees_the_map_across_the_width_with_the_legend_beneath(browser, server, output_dir):
    browser.driver.set_window_size(390, 844)
    try:
        open_page(browser, server + "?date=2022-09-12")
        wait_until(
            lambda: js(browser, "return document.querySelector('#map .js-plotly-plot').__narrow === true"),
            message="the narrow layout",
        )
        box = wait_until(
            lambda: (lambda b: b if b["right"] - b["left"] > 0.85 * b["width"] else None)(map_box(browser)),
            message="the map across the width",
        )
        assert js(browser, "return document.querySelector('#map .colorbar') === null")  # nothing over the map
        key = browser.driver.find_element(By.CSS_SELECTOR, ".colour-key-item")  # the colour scale, below it
        assert key.is_displayed() and key.rect["y"] >= box["bottom"]
        timeline = browser.driver.find_element(By.CSS_SELECTOR, ".timeline").rect
        assert timeline["y"] >= box["bottom"]  # the controls below the map
        assert browser.driver.find_element(By.CSS_SELECTOR, ".legend-compact").is_displayed()
        shot(browser, output_dir, "phone")
    finally:
        browser.driver.set_window_size(1400, 1100)


def test_embed_mode_in_a_900_by_650_frame(browser, server, output_dir):
    browser.driver.set_window_size(900, 650)
    try:
        open_page(browser, server + "?embed=1&date=2022-09-12")
        box = map_box(browser)
        assert box["bar_left"] >= box["right"] - 2  # the colour bar beside the map, not over it
        assert browser.driver.find_element(By.CSS_SELECTOR, ".legend-compact").is_displayed()
        assert browser.driver.find_element(By.ID, "day").is_displayed()
        shot(browser, output_dir, "embed")
    finally:
        browser.driver.set_window_size(1400, 1100)


def test_the_page_at_full_width(browser, server, output_dir):
    open_page(browser, server + "?date=2022-09-12")
    wait_until(
        lambda: "Kupiansk" in " ".join(drawn(browser)["labels"]) or drawn(browser)["labels"], message="places named"
    )
    shot(browser, output_dir, "page")


# each base-map path of the geo subplot: its drawn outline, and what plotly.js's projection draws of its shape now
BASE_PATHS = """var geo = document.querySelector('#map .js-plotly-plot')._fullLayout.geo._subplot;
    var path = geo.projection.getPath();
    return Object.keys(geo.basePaths).sort().map(function (k) {
      var p = geo.basePaths[k]; return [k, p.attr('d') || '', path(p.datum()) || '']; });"""


def base_paths(browser) -> dict:
    return {name: (drawn_d, fresh_d) for name, drawn_d, fresh_d in js(browser, BASE_PATHS)}


def test_slider_steps_keep_the_base_map_and_a_zoom_redraws_it(browser, server):
    """assets/geo_base_kept.js: a step leaves the land, borders and coast as drawn (no attribute of theirs
    written), a zoom redraws them, and after either each outline is what the map's projection draws now."""
    open_page(browser, server + "?date=2022-09-12")
    before = base_paths(browser)
    assert {"land", "countries", "coastlines"} <= set(before)
    assert all(drawn_d and drawn_d == fresh_d for drawn_d, fresh_d in before.values()), "the first drawing"
    js(
        browser,
        """window.__baseWrites = 0; window.__draws = 0;
        var watch = new MutationObserver(function (changes) { window.__baseWrites += changes.length; });
        document.querySelectorAll('#map .geo .layer.land path, #map .geo .layer.countries path,'
                                  + ' #map .geo .layer.coastlines path').forEach(function (p) {
          watch.observe(p, {attributes: true}); });
        document.querySelector('#map .js-plotly-plot').on('plotly_afterplot', function () { window.__draws++; });""",
    )
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    for expected in ("11 Sep 2022", "10 Sep 2022", "9 Sep 2022"):
        thumb.send_keys(Keys.ARROW_LEFT)
        wait_until(lambda expected=expected: day_label(browser) == expected, message=expected)
    wait_until(lambda: js(browser, "return window.__draws") >= 2, message="the map redrawn by the steps")
    assert js(browser, "return window.__baseWrites") == 0  # the base map kept as it was
    assert base_paths(browser) == before
    browser.driver.find_element(By.CSS_SELECTOR, "#map .modebar-btn[data-title='Zoom in']").click()
    zoomed = wait_until(
        lambda: (lambda now: now if now["land"][0] != before["land"][0] else None)(base_paths(browser)),
        message="the base map redrawn by a zoom",
    )
    assert all(drawn_d == fresh_d for drawn_d, fresh_d in zoomed.values()), "after the zoom"
    thumb.send_keys(Keys.ARROW_LEFT)
    wait_until(lambda: day_label(browser) == "8 Sep 2022", message="8 Sep")
    after = base_paths(browser)
    assert all(drawn_d == fresh_d for drawn_d, fresh_d in after.values()), "a step after the zoom"
    assert after["land"][0] == zoomed["land"][0]
    browser.driver.set_window_size(1100, 1000)  # a narrower window: a smaller map, drawn again
    try:
        resized = wait_until(
            lambda: (lambda now: now if now["land"][0] != after["land"][0] else None)(base_paths(browser)),
            message="the base map redrawn at the new size",
        )
        assert all(drawn_d == fresh_d for drawn_d, fresh_d in resized.values()), "after a resize"
    finally:
        browser.driver.set_window_size(1400, 1100)
