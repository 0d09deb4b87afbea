"""Headless Debian Chromium driven by chromedriver, with every request it makes recorded."""

from __future__ import annotations

import json
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--window-size=1400,1100",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


class RecordingBrowser:
    """A Chrome session that keeps the URL of every request the page made."""

    def __init__(self, download_dir):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.execute_cdp_cmd(
            "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
        )
        self.requests: list[str] = []
        self.download_dir = download_dir

    def collect(self) -> list[str]:
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])
        return self.requests

    def quit(self):
        self.collect()
        self.driver.quit()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.fail("Debian's chromium and chromium-driver are needed for browser tests: run 'bash .ci/setup'")
    recording = RecordingBrowser(tmp_path_factory.mktemp("downloads"))
    yield recording
    recording.quit()


@pytest.fixture(scope="module")
def review_server(seeded_db, tmp_path_factory):
    """A dashboard with newsroom review on over a copy of the seeded database, and an editor, alice."""
    from tests.servers import dashboard_server
    from tests.test_review_http import add_editor, review_env

    folder = tmp_path_factory.mktemp("review")
    db = folder / "events.db"
    shutil.copy(seeded_db, db)
    add_editor(db, "alice")
    with dashboard_server(db, extra_env=review_env(folder)) as base:
        yield base
