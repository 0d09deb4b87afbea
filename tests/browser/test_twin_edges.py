"""The browser's twin of figures.py at its edges (issue 24, guarantees no test guarded): a claim on the boundary of
the "last N days" window, a doubtful claim in one of Russia's border regions, and the live region staying quiet when
Play is pressed right after a slider move. Each test reaches its case with data (checked by breaking it by hand).
"""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.keys import Keys

from tests.browser.test_accessibility import announced, step_back, thumb
from tests.browser.test_page import js, open_page, slider_value, wait_until
from tests.browser.test_scrubbing import drawn, python_view
from tests.servers import dashboard_server


@pytest.fixture(scope="module")
def server(seeded_db):
    with dashboard_server(seeded_db) as base:
        yield base


def same_view(browser, base, index, query):
    open_page(browser, base + query)
    ours = python_view(index, query)
    wait_until(lambda: drawn(browser)["title"] == ours["title"], message="the title of the view")
    theirs = drawn(browser)
    for key in ("z", "lon", "color", "symbol", "labels", "title"):
        assert theirs[key] == pytest.approx(ours[key]) if key == "lon" else theirs[key] == ours[key], key
    return theirs


def test_a_claim_on_the_windows_boundary(browser, server, seeded_index):
    """Kharkiv's claims of 10 Sep sit on the boundary of 'last 2 days' up to 12 Sep (11 and 12 Sep are in it)."""
    frame = seeded_index.frame
    assert ((frame["date_end"] == "2022-09-10") & (frame["oblast_iso"] == "UA-63")).any()
    theirs = same_view(browser, server, seeded_index, "?date=2022-09-12&window=recent&days=2")
    wider = python_view(seeded_index, "?date=2022-09-12&window=recent&days=3")
    assert theirs["z"] != wider["z"]  # the day on the boundary changes what is drawn


def test_a_doubtful_claim_in_a_border_region_is_drawn_open(browser, tmp_path):
    from datetime import date

    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store
    from dashboard.web.source import EventSource

    (tmp_path / "kursk.txt").write_text(
        "Ukrainian troops reportedly captured Sudzha in Russia's Kursk region on "
        "Thursday, Zelensky said. Ukrainian forces captured Kupiansk on Friday.\n"
    )
    db = tmp_path / "events.db"
    with Store(db) as store:
        ingest([tmp_path / "kursk.txt"], store, published=date(2024, 8, 16))
    index = EventSource(db).index()
    assert list(index.frame.loc[index.doubtful & index.in_russia, "place_name"]) == ["Sudzha"]
    with dashboard_server(db) as base:
        theirs = same_view(browser, base, index, "?date=2024-08-16")
    assert [s.endswith("-open") for s in theirs["symbol"]].count(True) == 1  # Sudzha, drawn open


def test_play_right_after_a_slider_move_is_not_announced(browser, server):
    open_page(browser, server + "?date=2022-07-01")
    time.sleep(1.5)  # past the opening's announcement delay
    js(
        browser,
        """window.__spoken = [];
        new MutationObserver(function () {
          window.__spoken.push(document.getElementById('map-announce').textContent);
        }).observe(document.getElementById('map-announce'), {childList: true, characterData: true, subtree: true});""",
    )
    step_back(browser, 1, "30 Jun 2022")
    # the moved view has settled (its words are on the page, its announcement is due in 700 ms): Play now
    wait_until(
        lambda: js(browser, "return document.getElementById('map-summary').textContent").startswith(
            "Up to 30 Jun 2022"
        ),
        message="the moved view's words",
    )
    start = slider_value(browser)
    thumb(browser).send_keys(Keys.SPACE)  # Play at once, before the move's announcement is due
    wait_until(lambda: slider_value(browser) >= start + 5, message="five steps of play")
    assert js(browser, "return window.__spoken") == []
    thumb(browser).send_keys(Keys.SPACE)
    wait_until(lambda: js(browser, "return window.__spoken.length") >= 1, message="announcement after pause")
    assert announced(browser).startswith("Up to ")
