"""The newsroom review in headless Chromium (issue 13): an editor signs in, confirms one claim (by keyboard),
corrects another's place, rejects a third; the reader's view then shows exactly the confirmed and the corrected
claim, the corrected place on the map; the history says who, when and why; the desk sees all with states.

Expected places and coordinates are written by hand from the seed articles and geodata/places.csv.
"""

from __future__ import annotations

import re

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from tests.browser.test_page import js, open_page, table_note, wait_until
from tests.test_review_http import PASSWORD

IZIUM_LAT, SVATOVE_LAT = 49.20697, 49.40926


def sign_in(browser, base):
    driver = browser.driver
    driver.get(base + "review")
    wait_until(lambda: driver.find_element(By.ID, "login-name"), message="login form")
    driver.find_element(By.ID, "login-name").send_keys("alice")
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    wait_until(lambda: driver.find_element(By.ID, "editor-name").text == "alice", message="signed in")


def claim_titled(browser, text):
    return browser.driver.find_element(By.XPATH, f"//article[contains(@class,'claim')][.//h3[contains(., '{text}')]]")


def message(browser):
    return " ".join(e.text for e in browser.driver.find_elements(By.CSS_SELECTOR, "p.message"))


def test_an_editors_decisions_make_the_readers_view(browser, review_server, output_dir):
    driver = browser.driver
    sign_in(browser, review_server)
    assert "19 claim(s)" in driver.find_element(By.ID, "queue-count").text

    # confirm Svatove's withdrawal with the keyboard: focus the claim, press c
    svatove = claim_titled(browser, "Russia withdrew from Svatove")
    svatove_id = svatove.get_attribute("data-event")
    js(browser, f"document.getElementById('claim-{svatove_id}').focus()")
    ActionChains(driver).send_keys("c").perform()
    wait_until(lambda: f"Claim {svatove_id} confirmed." in message(browser), message="confirmed")

    # correct Kupiansk's capture: the place is Izium
    kupiansk = claim_titled(browser, "Ukraine captured Kupiansk")
    kupiansk_id = kupiansk.get_attribute("data-event")
    kupiansk.find_element(By.CSS_SELECTOR, "details.correct summary").click()
    place = kupiansk.find_element(By.CSS_SELECTOR, "input.place")
    place.clear()
    place.send_keys("Izium")
    kupiansk.find_element(By.CSS_SELECTOR, "input.why").send_keys("the town named is Izium")
    driver.save_screenshot(str(output_dir / "review-correcting.png"))
    kupiansk.find_element(By.CSS_SELECTOR, "button.save-correction").click()
    wait_until(lambda: f"Claim {kupiansk_id} corrected." in message(browser), message="corrected")

    # reject the repelled attack at Bakhmut, with a note
    bakhmut = claim_titled(browser, "Ukraine repelled attack at Bakhmut")
    bakhmut_id = bakhmut.get_attribute("data-event")
    bakhmut.find_element(By.CSS_SELECTOR, "input.note").send_keys("no second source")
    bakhmut.find_element(By.CSS_SELECTOR, "button.reject").click()
    wait_until(lambda: f"Claim {bakhmut_id} rejected." in message(browser), message="rejected")
    assert "16 claim(s)" in driver.find_element(By.ID, "queue-count").text  # the new ones left
    driver.save_screenshot(str(output_dir / "review-queue.png"))

    # the reader's view (the default with review on): exactly the confirmed and the corrected claim
    open_page(browser, review_server)
    wait_until(lambda: table_note(browser).startswith("2 claims in view"), message="2 claims for readers")
    cells = driver.find_elements(By.CSS_SELECTOR, ".ag-center-cols-container [col-id=place_name]")
    places = sorted(e.text for e in cells)
    assert places == ["Izium", "Svatove"]
    marker_lats = js(browser, "var gd = document.querySelector('#map .js-plotly-plot'); return gd.data[1].lat;")
    assert sorted(round(v, 5) for v in marker_lats) == [IZIUM_LAT, SVATOVE_LAT]
    driver.save_screenshot(str(output_dir / "review-reader-view.png"))

    # the desk: every claim, with its state on the map (hover) and in the table
    open_page(browser, review_server + "?view=desk")
    wait_until(lambda: table_note(browser).startswith("19 claims in view"), message="19 claims at the desk")
    hovers = js(browser, "return document.querySelector('#map .js-plotly-plot').data[1].hovertext;")
    # one marker per place, its hover the latest claim there in view (assets/view.js, markerHover)
    states = {re.search(r"<b>(.*?)</b>", h).group(1): re.search(r"<br>Review: (\w+)", h).group(1) for h in hovers}
    assert states["Bakhmut"] == "rejected"
    assert states["Svatove"] == "confirmed"
    assert states["Mariupol"] == "new"
    statuses = js(
        browser,
        "return Array.from(document.querySelectorAll('.ag-center-cols-container .ag-row'))"
        ".map(r => r.textContent).join('\\n');",
    )
    assert "review: rejected" in statuses

    # the history of the corrected claim: who, when, why, what changed
    driver.get(review_server + f"review/history/{kupiansk_id}")
    row = driver.find_element(By.CSS_SELECTOR, "table.history tbody tr").text
    assert re.match(
        r"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00 alice corrected .*place_name: Kupiansk → Izium.*"
        r"the town named is Izium$",
        row,
    ), row
    driver.save_screenshot(str(output_dir / "review-history.png"))

    # signed out, asking for the desk gets the reader's view: unreviewed claims never reach a reader
    driver.delete_all_cookies()
    open_page(browser, review_server + "?view=desk")
    wait_until(lambda: table_note(browser).startswith("2 claims in view"), message="the reader's 2 claims")
    hovers = js(browser, "return document.querySelector('#map .js-plotly-plot').data[1].hovertext;")
    assert not any("Review: new" in h or "Review: rejected" in h for h in hovers)
