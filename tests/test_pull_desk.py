"""What the desk sees of the feeds (in-process app, a real SQLite file the real ``pull`` wrote against a local
HTTP server): the health endpoint lists the feeds failing for more than a day, and the review's feeds page
(editors only) shows each feed's last success, last error with its time, and items seen and stored."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from dashboard.config import Settings
from dashboard.web.app import create_app
from tests.feedserver import FeedSite, stories
from tests.test_pull import Clock, feeds_file, pull

PASSWORD = "correct horse battery staple"


@pytest.fixture
def pulled(tmp_path, monkeypatch):
    """A database with a good feed (2 stored) and a feed that has answered 404 since 3 days ago."""
    from dashboard.users import main as users

    with FeedSite() as site:
        good = site.feed("/good.xml", stories("good", 2))
        path = feeds_file(tmp_path, [("good", good), ("gone", f"{site.base}/gone.xml")])
        db = tmp_path / "events.db"
        clock = Clock(datetime.now(UTC) - timedelta(days=3))
        assert pull(db, path, clock).articles.stored_articles == 2
        clock.advance(days=2, hours=12)
        pull(db, path, clock, force=True)
        base = site.base
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert users(["add", "alice", "--db", str(db)]) == 0
    return db, base


def app_client(db, tmp_path, review=True):
    settings = Settings(
        db=str(db),
        prefix="/",
        reload_seconds=0,
        seeds_dir=tmp_path / "none",
        review=review,
        secret_file=tmp_path / "secret-key",
        trusted_proxies=(),
    )
    return create_app(settings).server.test_client()


def test_health_lists_the_feeds_failing_for_more_than_a_day(pulled, tmp_path):
    db, base = pulled
    body = app_client(db, tmp_path, review=False).get("/health").get_json()
    assert body["status"] == "ok" and body["articles"] == 2
    assert [f["name"] for f in body["feeds_failing"]] == ["gone"]
    assert body["feeds_failing"][0]["last_error"] == f"{base}/gone.xml: HTTP 404 Not Found"
    assert body["feeds_failing"][0]["failing_since"] < (datetime.now(UTC) - timedelta(days=2)).isoformat()


def test_the_feeds_page_is_for_editors_and_shows_each_feed(pulled, tmp_path):
    db, base = pulled
    client = app_client(db, tmp_path)
    anonymous = client.get("/review/feeds")
    assert anonymous.status_code == 302 and anonymous.headers["Location"].endswith("/review/login")
    login = client.get("/review/login").get_data(as_text=True)
    token = login.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/review/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD})
    page = client.get("/review/feeds")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    good = html.split('id="feed-2"')[1].split("</tr>")[0]
    gone = html.split('id="feed-1"')[1].split("</tr>")[0]
    assert "good" in good and "Outlet good" in good and "<td>2</td>\n    <td>2</td>" in good  # seen, stored
    assert "<td>none</td>" in good
    assert gone.startswith(' class="failing"') and not good.startswith(' class="failing"')
    assert "HTTP 404 Not Found" in gone and "failing since" in gone and "<td>never</td>" in gone
