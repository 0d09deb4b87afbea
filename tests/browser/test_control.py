"""Issue 25: the claimed-control map in the browser: a place captured by one side and later claimed by the other
changes colour on the right day, and a contested place is marked (the events of tests/test_control.py)."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from bench.browser import frame_database
from dashboard.render.palette import ACTOR_COLOURS
from tests.browser.test_page import js, open_page, wait_until
from tests.servers import dashboard_server
from tests.test_control import index  # noqa: F401  (the fixture: the story of tests/test_control.py)


@pytest.fixture(scope="module")
def server(index, tmp_path_factory):  # noqa: F811
    db = tmp_path_factory.mktemp("control") / "events.db"
    frame_database(db, index.frame.drop(columns=["oblast_name"]), "control")
    with dashboard_server(db) as base:
        yield base


def marker(browser, name: str) -> dict | None:
    """The drawn marker of a place (by its hover text): colour, symbol, hover."""
    return js(
        browser,
        f"""var m = document.querySelector('#map .js-plotly-plot').data[1];
        var i = m.hovertext.findIndex(h => h.indexOf('<b>{name}</b>') === 0);
        return i < 0 ? null : {{color: m.marker.color[i], symbol: m.marker.symbol[i], hover: m.hovertext[i]}};""",
    )


def test_a_place_changes_colour_on_the_day_the_other_side_claims_it(browser, server):
    open_page(browser, server + "?date=2022-05-19&mode=control")
    wait_until(
        lambda: (marker(browser, "Samiilove") or {}).get("color") == ACTOR_COLOURS["RU"],
        message="Samiilove Russia's on 19 May",
    )
    thumb = browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")
    thumb.send_keys(Keys.ARROW_RIGHT)
    wait_until(lambda: "date=2022-05-20" in browser.driver.current_url, message="the next day")
    wait_until(
        lambda: (marker(browser, "Samiilove") or {}).get("color") == ACTOR_COLOURS["UA"],
        message="Samiilove Ukraine's on 20 May",
    )
    assert "Claimed held by Ukraine: 20 May 2022" in marker(browser, "Samiilove")["hover"]
    thumb.send_keys(Keys.ARROW_LEFT)
    wait_until(
        lambda: (marker(browser, "Samiilove") or {}).get("color") == ACTOR_COLOURS["RU"],
        message="Russia's again on 19 May",
    )


def test_a_contested_place_is_marked_and_told(browser, server):
    open_page(browser, server + "?date=2022-06-20&mode=control")
    wait_until(lambda: marker(browser, "Urzuf") is not None, message="Urzuf marked")
    urzuf = marker(browser, "Urzuf")
    assert urzuf["symbol"] == "circle-x" and urzuf["color"] == ACTOR_COLOURS["UA"]
    assert "<b>Contested</b>: 1 Jun 2022 · Russia captured" in urzuf["hover"]
    assert marker(browser, "Kurakhivka")["symbol"] == "circle-open"  # a hedged claim: hollow
    words = browser.driver.find_element(By.ID, "map-summary")
    wait_until(lambda: "Contested" in words.text and "Urzuf" in words.text, message="the map in words")
    # the claims of the period, from the page's own control: the crosses go
    browser.driver.find_element(By.CSS_SELECTOR, "#mode input[value=claims]").click()
    # 50 days of claims: the claims of the period are this span's default, left out of the URL
    wait_until(lambda: "mode=" not in browser.driver.current_url, message="the default mode out of the URL")
    wait_until(
        lambda: (
            "circle-x"
            not in js(browser, "return document.querySelector('#map .js-plotly-plot').data[1].marker.symbol.join(' ')")
        ),
        message="claims mode",
    )


def geo_ranges(browser) -> list:
    return js(
        browser,
        "var g = document.querySelector('#map .js-plotly-plot').layout.geo;return [g.lonaxis.range, g.lataxis.range];",
    )


def test_the_map_fits_the_claims_and_the_whole_country_undoes_it(browser, server):
    """Every claim of this story is in Donetsk oblast (east of 37°E): the map zooms to the east; unticking the
    zoom shows the whole country again (the figure's own window, written in its meta) and says so in the URL."""
    open_page(browser, server + "?date=2022-06-20&mode=control")
    wait_until(lambda: geo_ranges(browser)[0][0] >= 35, message="the map fitted to the east")
    lon, lat = geo_ranges(browser)
    assert 35.0 <= lon[0] < 37.1 and 38.25 < lon[1] <= 40.5 and 46 <= lat[0] < 46.9 and 48.03 < lat[1] <= 50
    country = js(browser, "return document.querySelector('#map .js-plotly-plot').layout.meta.country")
    fit = browser.driver.find_element(By.CSS_SELECTOR, "#fit input")
    fit.send_keys(Keys.SPACE)  # the keyboard: the control is a checkbox
    wait_until(lambda: "fit=0" in browser.driver.current_url, message="the whole country in the URL")
    wait_until(lambda: geo_ranges(browser) == country, message="the whole country drawn")
    assert country[0][0] < 23 and country[0][1] > 40  # Ukraine from west to east
    fit.send_keys(Keys.SPACE)
    wait_until(lambda: geo_ranges(browser)[0][0] >= 35, message="fitted again")
    assert "fit=0" not in browser.driver.current_url


LEGEND = """var gd = document.querySelector('#map .js-plotly-plot');
return gd._fullData.filter(function (t) { return t.visible === true && t.showlegend; })
  .sort(function (a, b) { return a.legendrank - b.legendrank || a.index - b.index; })
  .map(function (t) { return t.name; });"""  # in the legend's order
COMPACT = """return Array.from(document.querySelectorAll('.legend-compact .legend-item'))
  .filter(function (e) { return getComputedStyle(e).display !== 'none'; })
  .map(function (e) { return e.textContent; });"""


def test_the_legend_says_what_each_map_mode_draws(browser, server):
    """Claimed control draws sides held, hollow for hedged and a cross for contested: its legend says so, and not
    the claims' action shapes (the figure's legend, and the compact legend of the embed and of phones)."""
    open_page(browser, server + "?date=2022-06-20&mode=control&embed=1")
    wait_until(lambda: "claimed held by Ukraine" in js(browser, LEGEND), message="control mode's legend")
    legend = js(browser, LEGEND)
    assert legend[:4] == [
        "claimed held by Ukraine",
        "claimed held by Russia",
        "hollow: unconfirmed or hedged",
        "contested: the sides' latest claims disagree",
    ]
    assert not {"captured", "withdrew", "claim by Ukraine"} & set(legend)
    assert js(browser, COMPACT) == [
        "● claimed held by Ukraine",
        "● claimed held by Russia",
        "○ unconfirmed / hedged",
        "⊗ contested: the sides' latest claims disagree",
    ]
    open_page(browser, server + "?date=2022-06-20&mode=claims&embed=1")
    wait_until(lambda: "captured" in js(browser, LEGEND), message="the claims' legend")
    assert "claimed held by Ukraine" not in js(browser, LEGEND)
    compact = js(browser, COMPACT)
    assert compact[:3] == ["● claim by Ukraine", "● claim by Russia", "● captured"]
    assert "○ unconfirmed / hedged" in compact and not any("held" in i or "contested" in i for i in compact)


TITLE_BOX = """var gd = document.querySelector('#map .js-plotly-plot'), t = gd.querySelector('.gtitle');
var r = t.getBoundingClientRect(), g = gd.getBoundingClientRect();
return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
        lines: Math.max(1, t.querySelectorAll('tspan.line').length), mapTop: g.top + gd._fullLayout._size.t,
        text: t.textContent};"""


@pytest.mark.parametrize(
    "query",
    [
        "?embed=1&date=2022-06-20&mode=control",  # one line
        "?embed=1&date=2022-06-20&mode=control&actors=UA&window=recent&days=30",  # a filter: a second line
        "?embed=1&date=2022-06-20&mode=claims&confirmed=1&actors=RU",
    ],
)
def test_the_embed_title_fits_in_800_by_600(browser, server, query, output_dir):
    """Issue 25: the embed's title was cut at the top at 800x600 when a filter gave it a second line. Its bounding
    box lies in the viewport and above the map."""
    driver = browser.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 800, "height": 600, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        driver.get(server + query)
        wait_until(lambda: js(browser, "return !!document.querySelector('#map .gtitle')"), message="the title")
        expected_lines = 2 if "actors=" in query else 1
        wait_until(lambda: js(browser, TITLE_BOX)["lines"] == expected_lines, message="the view's title")
        time.sleep(0.5)  # the embed's own layout (view.js fitToWidth) after the first draw
        box = js(browser, TITLE_BOX)
        driver.save_screenshot(str(output_dir / f"embed-800x600-{expected_lines}-lines.png"))
        assert 0 <= box["left"] and box["right"] <= 800 and 0 <= box["top"] and box["bottom"] <= 600, box
        assert box["bottom"] <= box["mapTop"] + 1, box  # above the map, not over it
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
