"""Issue 25, item 3: dense places stay readable (assets/map_clusters.js). At four years' density (synthetic events
over 1,461 days, the marker limit's 250 places), in both map modes: no two names written on the map meet (their
drawn boxes, at the default zoom and zoomed in with the map's own button), a cluster's number is the number of
places it holds (and its hover lists them), and zooming in on a cluster splits it."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from bench.browser import synthetic_database
from tests.browser.test_page import js, wait_until
from tests.servers import dashboard_server

GRAPH = "var gd = document.querySelector('#map .js-plotly-plot');"
MODES = ["claims", "control"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("clusters") / "events.db"
    synthetic_database(db, 20_000, span_days=1461)
    with dashboard_server(db) as base:
        yield base


def clusters(browser) -> dict | None:
    """What map_clusters.js drew: per drawn marker the place slots it holds, its number and hover; the places."""
    return js(
        browser,
        GRAPH
        + """var c = gd && gd.__conflictClusters;
        if (!c || !gd.data[1].lon.length) { return null; }
        return {key: c.key, places: c.places, groups: c.groups, text: gd.data[1].text, hover: gd.data[1].hovertext,
                lon: gd.data[1].lon, lat: gd.data[1].lat};""",
    )


def name_boxes(browser) -> list:
    """The drawn names (the names trace's SVG text), each [text, left, top, right, bottom] on screen."""
    return js(
        browser,
        """return Array.from(document.querySelectorAll('#map .scatterlayer .trace')).filter(function (t) {
          return t.__data__ && t.__data__[0] && t.__data__[0].trace.name === 'places named';
        }).reduce(function (all, t) {
          return all.concat(Array.from(t.querySelectorAll('text')).filter(function (x) { return x.textContent; })
            .map(function (x) {
              var r = x.getBoundingClientRect();
              return [x.textContent, r.left, r.top, r.right, r.bottom];
            }));
        }, []);""",
    )


def overlapping(boxes: list) -> list:
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def open_map(browser, url: str) -> dict:
    browser.driver.get(url)
    return wait_until(lambda: clusters(browser), timeout=60, message="the markers clustered")


def settled(browser, before: str) -> dict:
    """The clusters once the projection has changed from ``before`` and the names are drawn again."""
    drawn = wait_until(
        lambda: (c := clusters(browser)) and c["key"] != before and c, timeout=30, message="clustered again"
    )
    wait_until(
        lambda: sorted(b[0] for b in name_boxes(browser)) == sorted(js(browser, GRAPH + "return gd.data[3].text")),
        message="the names drawn",
    )
    return drawn


@pytest.mark.parametrize("mode", MODES)
def test_no_two_names_meet_at_the_default_zoom_nor_zoomed_in(browser, server, mode):
    first = open_map(browser, f"{server}?mode={mode}")
    wait_until(lambda: len(name_boxes(browser)) >= 5, message="names written")
    boxes = name_boxes(browser)
    assert overlapping(boxes) == [], boxes
    for _ in range(2):  # the map's own zoom button, as a reader zooms
        before = clusters(browser)["key"]
        browser.driver.find_element(By.CSS_SELECTOR, "#map .modebar-btn[data-title='Zoom in']").click()
        settled(browser, before)
        boxes = name_boxes(browser)
        assert len(boxes) >= 3 and overlapping(boxes) == [], boxes
    assert clusters(browser)["key"] != first["key"]


@pytest.mark.parametrize("mode", MODES)
def test_a_cluster_shows_the_number_of_places_it_holds(browser, server, mode):
    drawn = open_map(browser, f"{server}?mode={mode}")
    groups, texts = drawn["groups"], drawn["text"]
    assert len(groups) == len(texts) < drawn["places"] == 250  # fewer circles than places: some clustered
    held = [slot for group in groups for slot in group]
    assert sorted(held) == sorted(set(held)) and len(held) == drawn["places"]  # every place once
    clustered = [k for k, group in enumerate(groups) if len(group) > 1]
    assert len(clustered) >= 10
    for k, group in enumerate(groups):
        if len(group) == 1:
            assert texts[k] == ""
            continue
        assert texts[k] == str(len(group))
        assert drawn["hover"][k].startswith(f"<b>{len(group)} places</b>")
        listed = drawn["hover"][k].split("<br>")[1 : 1 + min(len(group), 8)]
        assert len(listed) == min(len(group), 8) and all(line.endswith(")") for line in listed)
    # the number as drawn on the map: the circle's SVG text
    numbers = js(
        browser,
        """return Array.from(document.querySelectorAll('#map .scatterlayer .trace')).filter(function (t) {
          return t.__data__ && t.__data__[0] && t.__data__[0].trace.name === 'claims';
        }).reduce(function (all, t) {
          return all.concat(Array.from(t.querySelectorAll('text')).map(function (x) { return x.textContent; })
            .filter(function (x) { return x; }));
        }, []);""",
    )
    assert sorted(numbers) == sorted(t for t in texts if t)


@pytest.mark.parametrize("mode", MODES)
def test_zooming_in_on_a_cluster_splits_it(browser, server, mode):
    drawn = open_map(browser, f"{server}?mode={mode}")
    biggest = max(range(len(drawn["groups"])), key=lambda k: len(drawn["groups"][k]))
    members = set(drawn["groups"][biggest])
    assert len(members) >= 3
    js(
        browser,
        GRAPH
        + f"""var scale = gd._fullLayout.geo.projection.scale;
        Plotly.relayout(gd, {{'geo.center.lon': {drawn["lon"][biggest]}, 'geo.center.lat': {drawn["lat"][biggest]},
                              'geo.projection.scale': scale * 6}});""",
    )
    after = settled(browser, drawn["key"])
    holding = [group for group in after["groups"] if members & set(group)]
    assert len(holding) >= 2, holding  # its places drawn apart
    assert sum(len(members & set(group)) for group in holding) == len(members)


def test_a_click_on_a_cluster_zooms_in_on_it(browser, server):
    drawn = open_map(browser, f"{server}?mode=claims")
    biggest = max(range(len(drawn["groups"])), key=lambda k: len(drawn["groups"][k]))
    scale = js(browser, GRAPH + "return gd._fullLayout.geo.projection.scale || 1;")
    js(
        browser,
        GRAPH
        + f"""gd.emit('plotly_click', {{points: [{{curveNumber: 1, pointNumber: {biggest},
                                                 lon: {drawn["lon"][biggest]}, lat: {drawn["lat"][biggest]}}}]}});""",
    )
    settled(browser, drawn["key"])
    geo = js(browser, GRAPH + "var g = gd._fullLayout.geo; return [g.projection.scale, g.center.lon, g.center.lat];")
    assert geo[0] == pytest.approx(scale * 2)
    assert geo[1:] == pytest.approx([drawn["lon"][biggest], drawn["lat"][biggest]], abs=1e-3)
