"""What a reader sees in the browser, on a database written by hand: the table's order and filters, its links,
and the map's hover text, read from the rendered page (DOM text and attributes) after real mouse and keyboard
actions, so the checks hold whatever code draws the page.

The database (``page_db``): 1,000 claims in Kharkiv oblast with no place
(1 Aug to 9 Sep 2022, every tenth could not be confirmed, every tenth from
the fifth hedged), a claim on 12 Sep at Kupiansk whose outlet's URL is a
``javascript:`` URL and whose attribution holds markup, and an unconfirmed
claim on 11 Sep at Izium with an ordinary link. The counts below are worked
out by hand from that.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.schema import Event
from dashboard.store.rows import Store
from tests.browser.test_page import js, table_note, wait_until
from tests.servers import dashboard_server

ATTRIBUTION = "<b>Ministry</b> of <i>Defence</i>"
BULK = 1000
ALL_CLAIMS = BULK + 2  # 1,002
SHOWN_WHEN_CONFIRMED_ONLY = BULK - 200 + 1  # 100 unconfirmed and 100 hedged bulk claims and Izium hidden: 801


def claim(
    day: date,
    actor="UA",
    place=None,
    lat=None,
    lon=None,
    geonameid=None,
    attribution="Kyiv",
    confirmed="unknown",
    hedged=False,
) -> Event:
    iso = day.isoformat()
    return Event(
        actor=actor,
        action="captured",
        event_date=iso,
        date_start=iso,
        date_end=iso,
        date_precision="day",
        date_phrase="",
        place_as_written=place,
        place_name=place,
        geonameid=geonameid,
        oblast_iso="UA-63",
        latitude=lat,
        longitude=lon,
        place_precision="point" if place else "oblast",
        area_km2=None,
        settlements=None,
        attribution=attribution,
        confirmed=confirmed,
        hedged=hedged,
        sentence=f"Forces captured {place or 'a village'} on {iso}.",
        sentence_start=0,
        sentence_end=40,
    )


def add(store, name, url, outlet, events):
    store.add_article(
        content_hash=name,
        source=f"{name}.txt",
        published="2022-09-13",
        report_day="2022-09-13",
        outlet=outlet,
        url=url,
        title="",
        text=f"Article {name}.",
        events=events,
    )


@pytest.fixture(scope="module")
def page_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("reader") / "events.db"
    with Store(path) as store:
        add(
            store,
            "bulk",
            "https://example.org/bulk",
            "Bulk Wire",
            [
                claim(
                    date(2022, 8, 1) + timedelta(days=i % 40),
                    actor="UA" if i % 2 else "RU",
                    confirmed="no" if i % 10 == 0 else "unknown",
                    hedged=i % 10 == 5,
                )
                for i in range(BULK)
            ],
        )
        add(
            store,
            "kupiansk",
            "javascript:alert(document.domain)",
            "Evil Outlet",
            [
                claim(
                    date(2022, 9, 12),
                    place="Kupiansk",
                    lat=49.7106,
                    lon=37.6156,
                    geonameid=704508,
                    attribution=ATTRIBUTION,
                )
            ],
        )
        add(
            store,
            "izium",
            "https://example.org/izium",
            "Plain Outlet",
            [claim(date(2022, 9, 11), place="Izium", lat=49.2097, lon=37.2564, geonameid=707292, confirmed="no")],
        )
    return path


@pytest.fixture(scope="module")
def reader_server(page_db):
    with dashboard_server(page_db) as base:
        yield base


def open_table(browser, url):
    browser.driver.get(url)
    wait_until(lambda: "claims in view" in table_note(browser), message="table filled")


def shown_row(browser, position: int) -> dict:
    """The cells of the table's row at ``position`` as the reader sees it (after the grid's own sort)."""
    return js(
        browser,
        f"""
        var row = document.querySelector('.ag-center-cols-container .ag-row[row-index="{position}"]');
        if (!row) return null;
        var cells = {{}};
        row.querySelectorAll('[col-id]').forEach(c => cells[c.getAttribute('col-id')] = c.textContent);
        return cells;""",
    )


def test_the_table_lists_the_newest_claims_first(browser, reader_server):
    """Issue 16: the table listing oldest first passed. More claims than the table lists (1,000): the newest
    are listed, and the newest is on top."""
    open_table(browser, reader_server)
    assert table_note(browser) == ("1,002 claims in view; the newest 1,000 are listed, narrow the view to see others.")
    wait_until(lambda: shown_row(browser, 2), message="three rows drawn")
    rows = [shown_row(browser, i) for i in range(3)]
    assert [(r["event_date"], r["place_name"]) for r in rows[:2]] == [
        ("12 Sep 2022", "Kupiansk"),
        ("11 Sep 2022", "Izium"),
    ]
    assert rows[2]["event_date"] == "9 Sep 2022"


def test_hide_unconfirmed_hides_them_in_the_table(browser, reader_server):
    """Issue 16: the table ignoring "hide unconfirmed" passed. The box ticked by hand, then by the URL."""
    open_table(browser, reader_server)
    browser.driver.find_element(By.CSS_SELECTOR, "#confirmed input").click()
    wait_until(
        lambda: table_note(browser) == f"{SHOWN_WHEN_CONFIRMED_ONLY} claims in view.",
        message=f"{SHOWN_WHEN_CONFIRMED_ONLY} claims in view",
    )
    wait_until(lambda: (shown_row(browser, 1) or {}).get("place_name") == "", message="Izium gone from row 1")
    statuses = js(
        browser,
        """return Array.from(document.querySelectorAll(
        '.ag-center-cols-container [col-id=status]')).map(c => c.textContent)""",
    )
    assert len(statuses) == 50 and all(s == "not stated" for s in statuses), statuses  # a page of 50 rows
    open_table(browser, reader_server + "?confirmed=1")
    wait_until(
        lambda: table_note(browser) == f"{SHOWN_WHEN_CONFIRMED_ONLY} claims in view.", message="the same from the URL"
    )


def test_only_web_links_are_links(browser, reader_server):
    """Issue 16: the http(s) check removed (a javascript: link in the table) passed."""
    open_table(browser, reader_server)
    wait_until(lambda: (shown_row(browser, 1) or {}).get("outlet") == "Plain Outlet", message="rows drawn")
    links = js(
        browser,
        """return Array.from(document.querySelectorAll('.ag-center-cols-container a'))
                           .map(a => [a.textContent, a.getAttribute('href')])""",
    )
    assert ["Plain Outlet", "https://example.org/izium"] in links
    assert ["Bulk Wire", "https://example.org/bulk"] in links
    assert not [link for link in links if not link[1].startswith("https://")], links
    assert shown_row(browser, 0)["outlet"] == "Evil Outlet"  # its name shown, as text
    everywhere = js(browser, "return Array.from(document.querySelectorAll('[href]')).map(e => e.getAttribute('href'))")
    assert not [h for h in everywhere if h.strip().lower().startswith("javascript:")], everywhere


def test_hover_shows_the_attribution_as_written(browser, reader_server):
    """Issue 16: the attribution not escaped in hover text passed. The mouse moved onto Kupiansk's marker:
    the label shows the attribution's characters, markup and all, and no bold or italic made from it."""
    open_table(browser, reader_server)
    marker = wait_until(
        lambda: js(
            browser,
            """
        return Array.from(document.querySelectorAll('#map .scattergeo path.point'))
            .find(p => p.__data__ && p.__data__.lonlat && Math.abs(p.__data__.lonlat[1] - 49.7106) < 1e-3);""",
        ),
        message="Kupiansk's marker drawn",
    )
    ActionChains(browser.driver).move_to_element(marker).perform()
    label = wait_until(
        lambda: js(
            browser,
            """
        var t = document.querySelector('#map .hoverlayer .hovertext');
        return t ? t.textContent : null;""",
        ),
        message="hover label",
    )
    assert "Kupiansk" in label and f"Said by: {ATTRIBUTION}" in label, label
    styled = js(
        browser,
        """return Array.from(document.querySelectorAll('#map .hoverlayer .hovertext tspan'))
        .filter(t => /italic/.test(t.getAttribute('style') || '')).map(t => t.textContent)""",
    )
    assert "Defence" not in styled
