"""Issue 25: the timeline reads at any span (ticks that never overlap at desktop and phone widths), the claims per
day above the slider follow the filters, and dragging across them (or shift+arrows) sets the window."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from bench.browser import synthetic_database
from tests.browser.test_page import js, open_page, wait_until
from tests.servers import dashboard_server

SPANS = {"week": 7, "year": 365, "four years": 4 * 365 + 1}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """One dashboard per span, over synthetic claims on random days of that span (bench.slider)."""
    folder = tmp_path_factory.mktemp("spans")
    bases, stack = {}, []
    for name, days in SPANS.items():
        db = folder / f"{days}.db"
        synthetic_database(db, 300, span_days=days)
        context = dashboard_server(db)
        bases[name] = context.__enter__()
        stack.append(context)
    yield bases
    for context in stack:
        context.__exit__(None, None, None)


def tick_boxes(browser) -> list[dict]:
    return js(
        browser,
        """return Array.from(document.querySelectorAll('.timeline-tick')).map(e => {
        var r = e.getBoundingClientRect(); return {text: e.textContent, left: r.left, right: r.right}; });""",
    )


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("span", list(SPANS))
def test_tick_labels_never_overlap(browser, servers, span, width):
    browser.driver.set_window_size(width, 1100)
    try:
        open_page(browser, servers[span])
        wait_until(lambda: len(tick_boxes(browser)) >= 2, message="ticks drawn")
        boxes = tick_boxes(browser)
        row = js(
            browser,
            "var r = document.querySelector('.dash-slider-root').getBoundingClientRect();return [r.left, r.right];",
        )
        for a, b in itertools.pairwise(boxes):
            assert a["right"] <= b["left"], (span, width, a, b)
        assert boxes[0]["left"] >= row[0] - 1 and boxes[-1]["right"] <= row[1] + 1, (boxes, row)
        # a week is told in days, four years in quarters or years: the unit follows the span and the width
        unit = js(browser, "return document.querySelector('.timeline-ticks').dataset.unit")
        assert unit == "day" if span == "week" and width == 1400 else unit != "day", unit
        if span == "four years":
            assert unit in ("quarter", "year", "2 years"), unit
    finally:
        browser.driver.set_window_size(1400, 1100)


def bar_total(browser) -> int:
    """The claims the bars stand for, read from the canvas's pixels: not drawn bars count as zero."""
    return js(
        browser,
        """var c = document.querySelector('canvas.timeline-bars');
        var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
        for (var i = 0; i < d.length; i += 4) { if (d[i + 2] > 150 && d[i] < 80) { n++; } }   // Ukraine's blue
        return n;""",
    )


def test_bars_follow_the_filters(browser, servers):
    open_page(browser, servers["year"])
    wait_until(lambda: bar_total(browser) > 0, message="Ukraine's bars drawn")
    browser.driver.find_element(By.CSS_SELECTOR, "#actors input[value=UA]").click()
    wait_until(lambda: bar_total(browser) == 0, message="Ukraine's bars gone with Ukraine's claims")


def test_dragging_across_the_bars_sets_the_window(browser, servers):
    open_page(browser, servers["year"])
    browser.driver.find_element(By.CSS_SELECTOR, ".timeline-bars-frame")
    js(browser, "document.querySelector('.timeline-bars-frame').scrollIntoView({block: 'center'})")
    box = js(
        browser,
        "var r = document.querySelector('.timeline-bars-frame').getBoundingClientRect();"
        "return [r.left, r.top + r.height / 2, r.width];",
    )
    left, middle, width = (int(v) for v in box)
    # a real pointer from a quarter to a half of the bars' width (viewport coordinates)
    actions = ActionBuilder(browser.driver)
    actions.pointer_action.move_to_location(left + width // 4, middle).pointer_down().move_to_location(
        left + width * 3 // 8, middle
    ).move_to_location(left + width // 2, middle).pointer_up()
    actions.perform()
    wait_until(lambda: "window=recent" in browser.driver.current_url, message="the window in the URL")
    query = dict(p.split("=") for p in browser.driver.current_url.split("?")[1].split("&"))
    first = date(2022, 3, 1)
    end = date.fromisoformat(query["date"])
    # the day under the pointer where the drag ended: about half way through the year (a few days of slack)
    assert abs((end - first).days - 182) <= 4, end
    assert abs(int(query["days"]) - 91) <= 4, query
    region = browser.driver.find_element(By.ID, "timeline-announce")
    wait_until(
        lambda: region.text.startswith("Window:") and end.strftime("%Y") in region.text, message="the window announced"
    )
    assert region.get_attribute("role") == "status"


def test_shift_arrows_widen_the_window_from_the_keyboard(browser, servers):
    open_page(browser, servers["year"] + "?date=2022-09-30&window=recent&days=14")
    frame = browser.driver.find_element(By.CSS_SELECTOR, ".timeline-bars-frame")
    frame.send_keys(Keys.SHIFT, Keys.ARROW_LEFT)
    wait_until(lambda: "days=21" in browser.driver.current_url, message="a week more (the bars are weeks)")
    assert "date=2022-09-30" in browser.driver.current_url
    frame.send_keys(Keys.ARROW_RIGHT)
    wait_until(lambda: "days=20" in browser.driver.current_url, message="a day less")
    assert "30 Sep 2022" in frame.get_attribute("aria-valuetext")
    frame.send_keys(Keys.END)
    wait_until(lambda: "window=recent" not in browser.driver.current_url, message="everything up to the day")


def test_ticks_of_a_span_are_the_calendar_s(browser, servers):
    """The tick days are the calendar's: Mondays for weeks, the 1st for months, 1 January for years."""
    open_page(browser, servers["year"])
    ticks = js(
        browser,
        "return window.conflictTimeline.ticksOf('week', 19052, 19100)"
        ".concat(window.conflictTimeline.ticksOf('quarter', 19052, 19500))",
    )
    for number, label, *_ in ticks:
        day = date(1970, 1, 1) + timedelta(days=number)
        assert day.weekday() == 0 or (day.day == 1 and day.month in (1, 4, 7, 10)), (day, label)
