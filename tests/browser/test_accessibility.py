"""Accessibility in headless Chromium (issue 14): axe-core's WCAG 2 A/AA rules on the full page, embed mode and a
phone-sized viewport, before and after a slider move; the live region; keyboard order, visible focus and the
space bar; the table by keyboard; reduced motion; the PNG button's text alternative.

The review page (issue 13) passes the same axe rules: ``REVIEW_VIEWS`` (sign-in form, queue with a correction
form open, a claim's history, on a desktop and a phone), on a server with review on.
"""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.axe_runner import axe_source, describe, violations
from tests.browser.test_page import day_label, js, open_page, slider_value, wait_until
from tests.servers import dashboard_server

# (name, query, window size): every view a reader can get; the review page's views are REVIEW_VIEWS below.
VIEWS = [
    ("page", "", (1400, 1100)),
    ("embed", "?embed=1", (900, 650)),
    ("phone", "", (390, 844)),
    ("phone-embed", "?embed=1", (390, 844)),
]
DESKTOP = (1400, 1100)


@pytest.fixture(scope="module")
def server(seeded_db):
    with dashboard_server(seeded_db) as base:
        yield base


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.fixture
def window(browser):
    """Restores the desktop window size and normal motion after a test that changes them."""
    yield browser.driver
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    browser.driver.set_window_size(*DESKTOP)


def thumb(browser):
    return browser.driver.find_element(By.CSS_SELECTOR, "#day [role=slider]")


def announced(browser) -> str:
    return js(browser, "return document.getElementById('map-announce').textContent")


def step_back(browser, days: int, expected_label: str):
    handle = thumb(browser)
    handle.send_keys(Keys.ARROW_LEFT * days)  # send_keys focuses the thumb first, without a click
    wait_until(lambda: day_label(browser) == expected_label, message=f"day label {expected_label}")


@pytest.mark.parametrize("name, query, size", VIEWS, ids=[v[0] for v in VIEWS])
def test_no_axe_violations(browser, server, axe, window, output_dir, name, query, size):
    window.set_window_size(*size)
    open_page(browser, server + query + ("&" if query else "?") + "date=2022-09-12")
    time.sleep(0.5)  # let the table's rows and the slider settle
    found = violations(window, axe)
    assert found == [], f"{name}, default view:\n{describe(found)}"
    step_back(browser, 4, "8 Sep 2022")
    wait_until(
        lambda: js(browser, "return document.getElementById('map-summary').textContent").startswith("Up to 8 Sep 2022"),
        message="summary of 8 Sep",
    )
    found = violations(window, axe)
    assert found == [], f"{name}, after a slider move:\n{describe(found)}"
    window.save_screenshot(str(output_dir / f"a11y-{name}.png"))


def test_the_said_by_filter_by_keyboard_in_the_url_and_announced(browser, server, axe, output_dir):
    """Issue 22, item 4 and issue 25, item 4: the "said by" filter opens from the keyboard, a checkbox ticks with
    the space bar, the view goes into the URL, the live region says the filter, and axe finds nothing with the
    filter open; a shared link ticks its claimants."""
    open_page(browser, server + "?date=2022-09-12")
    summary = browser.driver.find_element(By.CSS_SELECTOR, "details.said-by summary")
    summary.send_keys(Keys.ENTER)
    wait_until(lambda: js(browser, "return document.querySelector('details.said-by').open"), message="filter open")
    groups = js(browser, "return Array.from(document.querySelectorAll('details.said-by legend'), e => e.textContent)")
    assert groups == ["Ukraine's", "Russia's", "Others and unnamed"]
    box = browser.driver.find_element(By.CSS_SELECTOR, "#said-RU input[value='Russian Defence Ministry']")
    box.send_keys(Keys.SPACE)
    wait_until(lambda: "said=Russian+Defence+Ministry" in js(browser, "return location.search"), message="URL")
    wait_until(lambda: "(said by Russian Defence Ministry)" in announced(browser), message="announced")
    assert "said by Russian Defence Ministry" in js(
        browser, "return document.querySelector('#map .js-plotly-plot').layout.title.text"
    )
    found = violations(browser.driver, axe)
    assert found == [], f"said-by filter open:\n{describe(found)}"
    browser.driver.save_screenshot(str(output_dir / "a11y-said-by.png"))
    open_page(browser, server + "?date=2022-09-12&said=Ukrainian General Staff|not stated")
    ticked = lambda: js(
        browser, "return Array.from(document.querySelectorAll('details.said-by input:checked'), e => e.value)"
    )
    wait_until(lambda: ticked() == ["Ukrainian General Staff", "not stated"], message="shared link's claimants")


def test_axe_reports_what_it_should(browser, server, axe):
    """The check can fail: a page without lang and with an unnamed input has violations."""
    open_page(browser, server)
    js(
        browser,
        """document.documentElement.removeAttribute('lang');
                   var probe = document.createElement('input'); probe.id = 'unnamed-probe';
                   document.querySelector('.side').appendChild(probe);""",
    )
    found = {v["id"] for v in violations(browser.driver, axe)}
    assert {"html-has-lang", "label"} <= found


def test_slider_has_a_name_and_speaks_days(browser, server):
    open_page(browser, server + "?date=2022-09-12")
    handle = thumb(browser)
    assert handle.get_attribute("aria-label") == "Day shown"
    wait_until(lambda: thumb(browser).get_attribute("aria-valuetext") == "12 Sep 2022", message="value text")
    step_back(browser, 1, "11 Sep 2022")
    wait_until(lambda: thumb(browser).get_attribute("aria-valuetext") == "11 Sep 2022", message="value text moved")


def test_live_region_reads_the_view_after_a_slider_move(browser, server):
    open_page(browser, server + "?date=2022-09-12")
    region = browser.driver.find_element(By.ID, "map-announce")
    assert (region.get_attribute("role"), region.get_attribute("aria-live")) == ("status", "polite")
    step_back(browser, 4, "8 Sep 2022")
    wait_until(lambda: announced(browser).startswith("Up to 8 Sep 2022"), message="announcement of 8 Sep")
    text = announced(browser)
    # written by hand from the seed claims (as in tests/test_summary.py)
    assert text.startswith(
        "Up to 8 Sep 2022: 7 claims from 1 article. Places claimed taken or left, newest first: "
        "Russia captured Hirske (24 Jun 2022, said by the city's leader, Oleksiy Babchenko); "
    )
    assert "Ukraine withdrew from Hirske and Zolote (24 Jun 2022, said by Oleksiy Arestovych)" in text
    assert text.endswith("Net control changes claimed: toward Russia in Luhansk (−4), Donetsk (−1).")
    assert text == js(browser, "return document.getElementById('map-summary').textContent")


def test_live_region_is_quiet_while_playing(browser, server):
    open_page(browser, server + "?date=2022-07-01")
    time.sleep(1.5)  # past the announcement delay: whatever the opening says is said
    js(
        browser,
        """window.__spoken = [];
        new MutationObserver(function () {
          window.__spoken.push(document.getElementById('map-announce').textContent);
        }).observe(document.getElementById('map-announce'), {childList: true, characterData: true, subtree: true});""",
    )
    start = slider_value(browser)
    thumb(browser).send_keys(Keys.SPACE)  # the space bar on the timeline plays
    wait_until(lambda: browser.driver.find_element(By.ID, "play").text.endswith("Pause"), message="playing")
    wait_until(lambda: slider_value(browser) >= start + 5, message="five steps of play")
    assert js(browser, "return window.__spoken") == []
    thumb(browser).send_keys(Keys.SPACE)  # and pauses
    wait_until(lambda: browser.driver.find_element(By.ID, "play").text.endswith("Play"), message="paused")
    label = day_label(browser)
    wait_until(lambda: js(browser, "return window.__spoken.length") >= 1, message="announcement after pause")
    time.sleep(1.0)
    spoken = js(browser, "return window.__spoken")
    assert 1 <= len(spoken) <= 2, spoken
    assert spoken[-1].startswith(f"Up to {day_label(browser)}"), (label, spoken)


def focus_trail(browser, presses: int) -> list[dict]:
    js(browser, "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    browser.driver.find_element(By.TAG_NAME, "body").click()
    trail = []
    for _ in range(presses):
        ActionChains(browser.driver).send_keys(Keys.TAB).perform()
        trail.append(
            js(
                browser,
                """var e = document.activeElement, s = getComputedStyle(e);
            return {id: e.id, name: e.name || '', label: e.getAttribute('aria-label') || '',
                    role: e.getAttribute('role') || e.tagName.toLowerCase(),
                    value: e.value || '', grid: !!e.closest('.ag-root-wrapper'),
                    outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0};""",
            )
        )
        if trail[-1]["grid"]:
            break
    return trail


def test_keyboard_reaches_every_control_in_reading_order_with_visible_focus(browser, server):
    open_page(browser, server)
    trail = focus_trail(browser, 40)

    def position(match):
        return next(i for i, f in enumerate(trail) if match(f))

    order = [
        position(lambda f: f["id"] == "play"),
        position(lambda f: f["role"] == "slider"),
        position(lambda f: f["name"] == "window"),
        position(lambda f: f["id"] == "recent-days"),
        position(lambda f: f["id"] == "download-png"),
        position(lambda f: f["name"] == "actors" and f["value"] == "UA"),
        position(lambda f: f["name"] == "actors" and f["value"] == "RU"),
        position(lambda f: f["name"] == "actions" and f["value"] == "struck"),
        position(lambda f: f["name"] == "confirmed"),
        position(lambda f: f["id"] == "clear-oblast"),
        position(lambda f: f["grid"]),
    ]
    assert order == sorted(order), trail
    # plotly 7's mode bar offers "Share chart..." (an upload to another host): removed from this page
    assert not any(f["label"].startswith("Share") for f in trail), trail
    ours = [f for f in trail if not f["grid"]]
    assert all(f["outline"] >= 2 for f in ours), [(f["role"], f["id"], f["outline"]) for f in ours if f["outline"] < 2]


def test_table_by_keyboard(browser, server):
    open_page(browser, server)
    trail = focus_trail(browser, 40)
    assert trail[-1]["grid"]
    cell = lambda: js(
        browser,
        """var e = document.activeElement;
        var row = e.closest('[role=row]');
        return [row ? row.getAttribute('aria-rowindex') : null, e.getAttribute('col-id')];""",
    )
    first = cell()
    ActionChains(browser.driver).send_keys(Keys.ARROW_DOWN).perform()
    below = cell()
    ActionChains(browser.driver).send_keys(Keys.ARROW_DOWN).perform()
    assert int(cell()[0]) == int(below[0]) + 1 and below != first
    ActionChains(browser.driver).send_keys(Keys.ARROW_RIGHT).perform()
    assert cell()[1] != below[1]
    ActionChains(browser.driver).send_keys(Keys.SPACE).perform()  # selects the row, as a click does
    wait_until(
        lambda: (
            js(browser, "return document.activeElement.closest('[role=row]').getAttribute('aria-selected')") == "true"
        ),
        message="row selected by the space bar",
    )


def test_play_respects_reduced_motion(browser, server, window):
    open_page(browser, server + "?date=2022-07-01")
    duration = lambda: js(
        browser, "return getComputedStyle(document.querySelector('#day .dash-slider-thumb')).transitionDuration"
    )
    assert duration() != "0s"  # Dash animates the thumb by default
    window.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}
    )
    assert js(browser, "return matchMedia('(prefers-reduced-motion: reduce)').matches")
    assert duration() == "0s"
    transition = "(document.querySelector('#map .js-plotly-plot').layout.transition || {})"
    assert js(browser, f"return {transition}.duration || 0") == 0
    start = slider_value(browser)
    browser.driver.find_element(By.ID, "play").click()
    wait_until(lambda: slider_value(browser) >= start + 3, message="play steps under reduced motion")
    browser.driver.find_element(By.ID, "play").click()


def test_png_button_saves_the_text_alternative_beside_it(browser, server, output_dir):
    open_page(browser, server + "?date=2022-09-09")
    summary = js(browser, "return document.getElementById('map-summary').textContent")
    browser.driver.find_element(By.ID, "download-png").click()
    text = browser.download_dir / "conflict-map-9 Sep 2022.txt"
    image = browser.download_dir / "conflict-map-9 Sep 2022.png"
    wait_until(lambda: text.exists() and image.exists(), timeout=30, message="PNG and its text alternative")
    assert text.read_text(encoding="utf-8").strip() == summary
    assert summary.startswith("Up to 9 Sep 2022: 7 claims from 1 article.")
    (output_dir / "button-download.txt").write_text(summary + "\n", encoding="utf-8")


# (name, path under the prefix, window size): the review page's views, signed in (but the sign-in form)
REVIEW_VIEWS = [
    ("review-login", "review/login", DESKTOP),
    ("review-queue", "review", DESKTOP),
    ("review-queue-phone", "review", (390, 844)),
    ("review-history", "review/history/1", DESKTOP),
]


@pytest.mark.parametrize("name, path, size", REVIEW_VIEWS, ids=[v[0] for v in REVIEW_VIEWS])
def test_no_axe_violations_on_the_review_page(browser, review_server, axe, window, output_dir, name, path, size):
    from tests.browser.test_review import sign_in

    window.delete_all_cookies()
    if name != "review-login":
        sign_in(browser, review_server)
    window.set_window_size(*size)
    window.get(review_server + path)
    wait_until(lambda: window.find_element(By.TAG_NAME, "h1"), message="the page")
    if name.startswith("review-queue"):
        window.find_element(By.CSS_SELECTOR, "details.correct summary").click()  # a correction form open
    found = violations(window, axe)
    assert found == [], f"{name}:\n{describe(found)}"
    window.save_screenshot(str(output_dir / f"a11y-{name}.png"))
