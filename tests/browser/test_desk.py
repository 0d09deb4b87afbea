"""The desk in headless Chromium (issue 26): an editor adds a claim the loader missed from a sentence by keyboard
only, readers see it with its place and date, a re-read keeps it, the place's history says who added it; a place
both sides claim shows both columns and the contradiction from the queue, a marker, a table row (keyboard) and by
URL; the banner in the reader's page, the desk view, the embed and the page's PNG (OCR); axe-core finds nothing on
the new pages and the panel, desktop and phone.

Expected values are written by hand from the seed articles (seeds/).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from dashboard.review.read import read_events
from dashboard.store.rows import Store
from tests.browser.axe_runner import axe_source, describe, violations
from tests.browser.test_page import js, open_page, table_note, wait_until
from tests.browser.test_review import message, sign_in
from tests.servers import dashboard_server
from tests.test_export import ocr_words
from tests.test_review_http import add_editor, review_env

ROOT = Path(__file__).resolve().parent.parent.parent
SIVERSKODONETSK, KUPIANSK = 691999, 703656
DESKTOP, PHONE = (1400, 1100), (390, 844)


@pytest.fixture(scope="module")
def desk(seeded_db, tmp_path_factory):
    """(base URL, database): review on over a copy of the seeds, with an editor alice."""
    folder = tmp_path_factory.mktemp("desk")
    db = folder / "events.db"
    shutil.copy(seeded_db, db)
    add_editor(db, "alice")
    subprocess.run(
        [sys.executable, "-m", "dashboard.users", "role", "alice", "admin", "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=60,
    )  # the accounts page is for admins
    with dashboard_server(db, extra_env=review_env(folder)) as base:
        yield base, db


def article_of(db, published: str) -> int:
    with Store(db) as store:
        return store.rows("SELECT id FROM articles WHERE published = :p", p=published)[0][0]


def keys(driver, *sent):
    ActionChains(driver).send_keys(*sent).perform()


def test_an_editor_adds_a_missed_claim_by_keyboard_only(browser, desk, output_dir):
    base, db = desk
    driver = browser.driver
    readers_before = len(read_events(db, "reader"))  # other tests of this module may have added claims before
    driver.delete_all_cookies()
    sign_in(browser, base)
    driver.get(base + f"review/read/{article_of(db, '2022-06-25')}")
    wait_until(lambda: driver.find_element(By.ID, "sentences"), message="the article's sentences")
    # the keyboard: into the sentences (the second one focused), up to the first, which the loader missed
    js(browser, "document.getElementById('s-107').focus()")
    keys(driver, Keys.ARROW_UP)
    assert js(browser, "return document.querySelector('input[name=span]:checked').value") == "0-106"
    keys(driver, Keys.TAB, "R")  # side: Russia
    keys(driver, Keys.TAB, "c")  # action: captured
    keys(driver, Keys.TAB)  # the date: prefilled with the report day
    assert js(browser, "return document.activeElement.value") == "2022-06-24"
    keys(driver, Keys.TAB, "Sievierodonetsk", Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, "Luhansk governor")
    driver.save_screenshot(str(output_dir / "desk-add-claim.png"))
    keys(driver, Keys.ENTER)  # Enter in a field submits the form
    wait_until(lambda: "added: 2022-06-24" in message(browser), message="the claim added")
    assert "added by alice" in driver.find_element(By.ID, "article-claims").text

    # readers see it at once, with its place and date
    driver.delete_all_cookies()
    open_page(browser, base)
    wanted = readers_before + 1
    wait_until(
        lambda: table_note(browser).startswith((f"{wanted} claims in view", f"{wanted} claim in view")),
        message=f"{wanted} claim(s) for readers",
    )
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, ".ag-center-cols-container [row-index]")]
    assert any("Siverskodonetsk" in r and "24 Jun 2022" in r for r in rows), rows
    assert driver.find_element(By.ID, "review-banner").text.startswith("Reviewed claims only")

    # a re-read keeps it; the place's history says who added it
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(ROOT / "seeds"), "--db", str(db), "--reread"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    driver.get(base + f"place/{SIVERSKODONETSK}")
    history = driver.find_element(By.ID, "place-history").text
    assert "Russia captured Siverskodonetsk" in history and "added by alice" in history


def add_kupiansk_contradiction(browser, base, db):
    """Russia's claim of 12 Sep that it held Kupiansk, added on the sentence of Ukraine's capture."""
    driver = browser.driver
    with Store(db) as store:
        article, start = store.rows(
            "SELECT article_id, sentence_start FROM events WHERE place_name = 'Kupiansk' AND added_by = ''"
        )[0]
    driver.get(base + f"review/read/{article}")
    driver.find_element(By.CSS_SELECTOR, f"label[for='s-{start}']").click()  # the mouse, this time
    Select(driver.find_element(By.ID, "c-actor")).select_by_value("RU")
    Select(driver.find_element(By.ID, "c-action")).select_by_visible_text("repelled")
    date = driver.find_element(By.ID, "c-date")
    date.clear()
    date.send_keys("2022-09-12")
    driver.find_element(By.ID, "c-place").send_keys("Kupiansk")
    driver.find_element(By.ID, "c-add").click()
    wait_until(
        lambda: "added: 2022-09-12" in message(browser),
        timeout=60,
        message=f"Russia's claim added ({message(browser)!r})",
    )


def both_columns(text: str) -> bool:
    return (
        "Ukraine captured Kupiansk" in text and "Russia repelled attack at Kupiansk" in text and "Contradicted" in text
    )


def test_a_place_both_sides_claim_from_the_queue_a_marker_a_row_and_the_url(browser, desk, output_dir):
    base, db = desk
    driver = browser.driver
    driver.delete_all_cookies()
    sign_in(browser, base)
    add_kupiansk_contradiction(browser, base, db)
    # from the queue: the claim's link
    driver.get(base + "review")
    driver.find_element(By.CSS_SELECTOR, f"a.place-link[href$='place/{KUPIANSK}']").click()
    wait_until(lambda: "Claims about Kupiansk" in driver.find_element(By.TAG_NAME, "h1").text, message="history")
    text = driver.find_element(By.ID, "place-history").text
    assert both_columns(text)
    headers = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#place-history thead th")]
    assert headers == ["Date", "Ukraine's claims", "Russia's claims"]
    assert driver.find_element(By.CSS_SELECTOR, "td.side-UA.contradicted")
    driver.save_screenshot(str(output_dir / "desk-place-history.png"))
    # by URL, as a reader: only the reviewed (added) claim
    driver.delete_all_cookies()
    driver.get(base + f"place/{KUPIANSK}")
    assert "Russia repelled attack at Kupiansk" in driver.find_element(By.ID, "place-history").text
    assert "Ukraine captured" not in driver.page_source
    # from a marker of the desk view: the panel, both columns
    sign_in(browser, base)
    open_page(browser, base + "?view=desk")
    assert driver.find_element(By.ID, "review-banner").text.startswith("Desk view: includes unreviewed claims")
    assert driver.find_element(By.ID, "review-banner-switch").get_attribute("href").endswith("?")
    js(
        browser,
        "var gd = document.querySelector('#map .js-plotly-plot');"
        "var lats = gd.data[1].lat, lons = gd.data[1].lon, k = 0;"
        "for (var j = 0; j < lats.length; j++) { if (Math.abs(lats[j] - 49.71003) < 1e-4) { k = j; } }"
        "gd.emit('plotly_click', {points: [{curveNumber: 1, pointNumber: k, lon: lons[k], lat: lats[k]}]});",
    )
    wait_until(lambda: driver.find_element(By.ID, "place-panel").is_displayed(), message="the panel")
    wait_until(lambda: both_columns(driver.find_element(By.ID, "place-panel").text), message="both columns")
    driver.save_screenshot(str(output_dir / "desk-place-panel.png"))
    driver.find_element(By.ID, "place-panel-close").click()
    wait_until(lambda: not driver.find_element(By.ID, "place-panel").is_displayed(), message="panel closed")
    # from a table row, by keyboard: focus a cell of Kupiansk's row, space selects it
    cell = driver.find_element(By.XPATH, "//div[@col-id='place_name' and normalize-space(.)='Kupiansk']")
    driver.execute_script("arguments[0].focus()", cell)
    keys(driver, Keys.SPACE)
    wait_until(lambda: both_columns(driver.find_element(By.ID, "place-panel").text), message="panel from a row")
    assert driver.find_element(By.ID, "place-panel-link").get_attribute("href").endswith(f"place/{KUPIANSK}")


def test_the_banner_in_the_embed_and_the_pages_png(browser, desk, output_dir):
    base, _ = desk
    driver = browser.driver
    driver.delete_all_cookies()
    driver.set_window_size(900, 650)
    try:
        open_page(browser, base + "?embed=1")
        banner = driver.find_element(By.ID, "review-banner")
        assert banner.is_displayed() and banner.text == "Reviewed claims only"  # no switch in the embed
    finally:
        driver.set_window_size(*DESKTOP)
    open_page(browser, base)  # the reader's view (its days: those of the reviewed claims, maybe none)
    label = js(browser, "return document.getElementById('day-label').textContent")
    driver.find_element(By.ID, "download-png").click()
    target = browser.download_dir / f"conflict-map-{label}.png"
    wait_until(target.exists, timeout=30, message="downloaded PNG")
    time.sleep(0.5)
    (output_dir / "desk-banner.png").write_bytes(target.read_bytes())
    assert "reviewed claims only" in ocr_words(target)


NEW_PAGES = [
    ("desk-read", "review/read/2", DESKTOP),
    ("desk-read-phone", "review/read/2", PHONE),
    ("desk-place", f"place/{KUPIANSK}", DESKTOP),
    ("desk-place-phone", f"place/{KUPIANSK}", PHONE),
    ("desk-audit", "review/audit", DESKTOP),
    ("desk-accounts", "review/accounts", DESKTOP),
    ("desk-accounts-phone", "review/accounts", PHONE),
    ("desk-queue-phone", "review?order=contradictions", PHONE),
]


@pytest.mark.parametrize("name, path, size", NEW_PAGES, ids=[v[0] for v in NEW_PAGES])
def test_no_axe_violations_on_the_desks_pages(browser, desk, name, path, size, output_dir):
    base, _ = desk
    driver = browser.driver
    driver.delete_all_cookies()
    sign_in(browser, base)
    driver.set_window_size(*size)
    try:
        driver.get(base + path)
        wait_until(lambda: driver.find_element(By.TAG_NAME, "h1"), message="the page")
        found = violations(driver, axe_source())
        assert found == [], f"{name}:\n{describe(found)}"
        driver.save_screenshot(str(output_dir / f"a11y-{name}.png"))
    finally:
        driver.set_window_size(*DESKTOP)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_axe_violations_with_the_place_panel_open(browser, desk, size, output_dir):
    base, _ = desk
    driver = browser.driver
    driver.delete_all_cookies()
    sign_in(browser, base)
    driver.set_window_size(*size)
    try:
        open_page(browser, base + "?view=desk&date=2022-09-12")
        cell = driver.find_element(By.XPATH, "//div[@col-id='place_name' and normalize-space(.)='Kupiansk']")
        driver.execute_script("arguments[0].focus()", cell)
        keys(driver, Keys.SPACE)
        wait_until(lambda: driver.find_element(By.ID, "place-panel").is_displayed(), message="the panel")
        found = violations(driver, axe_source())
        assert found == [], f"panel {size}:\n{describe(found)}"
        driver.save_screenshot(str(output_dir / f"a11y-desk-panel-{size[0]}.png"))
    finally:
        driver.set_window_size(*DESKTOP)
