"""The page in headless Chromium when its data is hostile or breaks: markup in a feed, older articles arriving
while a page is open, a corrupt or deleted database (issue 10)."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.browser.test_page import count_events, day_label, js, open_page, shape_count, table_note, wait_until
from tests.servers import ROOT, dashboard_server

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});"""


class OtherHost:
    """An HTTP server on another origin that records every request it gets (the feed's injected image host)."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # the port it bound, read back
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def other_host():
    host = OtherHost()
    yield host
    host.close()


def ingest(db: Path, lines: list[dict], tmp_path: Path) -> None:
    """Feed JSON lines to the real loader (its command line) into ``db``."""
    feed = tmp_path / f"feed-{len(list(tmp_path.glob('feed-*')))}.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(feed), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "stored: 1 articles" in result.stdout, result.stdout + result.stderr


@pytest.fixture
def violations(browser):
    """Content-Security-Policy violations of every page opened from now on (read with violations())."""
    added = browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    yield lambda: js(browser, "return window.__cspViolations || []")
    browser.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def test_a_url_in_a_feed_is_a_link_not_markup_and_nothing_is_fetched_from_another_host(
    browser, seeded_db, tmp_path, other_host, violations, output_dir
):
    """Issue 10.1: a ')' in an article's URL let the feed add an image that every page view fetched."""
    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    url = f"https://ok.example/)![t](http://127.0.0.1:{other_host.port}/t.png)"
    ingest(
        db,
        [
            {
                "text": "Russian forces captured Popasna on Friday.",
                "published": "2022-05-08",
                "outlet": "X <img src=x onerror=alert(1)>",
                "url": url,
            }
        ],
        tmp_path,
    )
    with dashboard_server(db) as base:
        open_page(browser, base + "?date=2022-05-08")
        wait_until(
            lambda: "Popasna" in browser.driver.find_element(By.CSS_SELECTOR, ".ag-center-cols-container").text,
            message="the feed's claim in the table",
        )
        js(browser, "window.scrollTo(0, document.body.scrollHeight)")  # every cell drawn
        wait_until(
            lambda: js(browser, "return document.querySelectorAll('.ag-center-cols-container a').length") >= 1,
            message="outlet links drawn",
        )
        assert other_host.hits == []
        link = js(
            browser,
            """
            var cells = Array.from(document.querySelectorAll('.ag-center-cols-container [col-id=outlet]'));
            var cell = cells.find(c => c.textContent.indexOf('X <img') === 0);
            var a = cell && cell.querySelector('a');
            return a && [a.textContent, a.getAttribute('href'), cell.querySelectorAll('img').length];""",
        )
        assert link == ["X <img src=x onerror=alert(1)>", url, 0]
        assert js(browser, "return document.querySelectorAll('.ag-root img').length") == 0
        browser.driver.save_screenshot(str(output_dir / "feed-markup.png"))
        assert violations() == []  # the page itself needs nothing the policy forbids
    assert other_host.hits == []


def test_the_policy_stops_a_request_to_another_host_whatever_the_markup(browser, seeded_db, other_host, violations):
    """Issue 10.1: a Content-Security-Policy that would have stopped the injected image anyway."""
    with dashboard_server(seeded_db) as base:
        open_page(browser, base)
        js(
            browser,
            f"""var img = document.createElement('img');
                       img.src = 'http://127.0.0.1:{other_host.port}/csp.png';
                       document.body.appendChild(img);
                       fetch('http://127.0.0.1:{other_host.port}/fetch').catch(function () {{}});""",
        )
        wait_until(lambda: len(violations()) >= 2, message="the policy refusing the image and the fetch")
        assert any(v.startswith("img-src") and str(other_host.port) in v for v in violations()), violations()
        assert any(v.startswith("connect-src") for v in violations()), violations()
    assert other_host.hits == []


def test_an_open_page_keeps_its_date_when_older_articles_arrive(browser, seeded_db, tmp_path):
    """Issue 10.3: the slider counted days from the first event; earlier events made it another day."""
    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    with dashboard_server(db) as base:
        open_page(browser, base)
        assert day_label(browser) == "12 Sep 2022"
        thumb = "#day [role=slider]"
        old_min = js(browser, f"return document.querySelector('{thumb}').getAttribute('aria-valuemin')")
        ingest(
            db,
            [{"text": "Russian forces captured Popasna on Friday.", "published": "2022-04-16", "outlet": "Wire"}],
            tmp_path,
        )
        browser.driver.find_element(By.CSS_SELECTOR, "#actors input[value=RU]").click()  # any change of view
        wait_until(lambda: "actors=UA" in browser.driver.current_url, message="the view changed")
        browser.driver.find_element(By.CSS_SELECTOR, "#actors input[value=RU]").click()
        wait_until(lambda: "actors=" not in browser.driver.current_url, message="the view changed back")
        assert day_label(browser) == "12 Sep 2022"
        assert "date=2022-09-12" in browser.driver.current_url
        # the new events come with the settled view (a quarter second after the last change): waited for
        april = (date(2022, 4, 15) - date(1970, 1, 1)).days
        wait_until(
            lambda: (
                int(js(browser, f"return document.querySelector('{thumb}').getAttribute('aria-valuemin')")) == april
            ),
            message="the slider reaching back to April",
        )
        assert april < int(old_min)  # the reader can now go back to April
        wait_until(lambda: table_note(browser).startswith("20 claims in view"), message="the new claim listed")


def test_a_corrupt_then_deleted_database_keeps_the_page_with_a_notice(browser, seeded_db, tmp_path, output_dir):
    """Issue 10.8: corruption gave a blank 'Error loading layout' page, deletion a silently empty map."""
    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    claims = count_events(seeded_db)  # from the file itself, before it is overwritten

    def notice():
        return js(browser, "var n = document.getElementById('data-notice'); return n && !n.hidden && n.textContent")

    with dashboard_server(db) as base:
        open_page(browser, base)
        assert not notice()
        db.write_bytes(b"overwritten by a careless user " * 2000)
        open_page(browser, base)
        assert shape_count(browser) == 30 and f"{claims} claims in view" in table_note(browser)
        assert "cannot be read" in notice() and "last read" in notice()
        browser.driver.save_screenshot(str(output_dir / "corrupt-database.png"))
        db.unlink()
        open_page(browser, base)
        assert f"{claims} claims in view" in table_note(browser)
        assert "missing" in notice()
