"""``pull`` (dashboard/loader/pull.py, fetch.py, feeds.py) against a real HTTP server on 127.0.0.1 that the tests
start and control (tests/feedserver.py): feeds read, items fetched, stored once, errors recorded per feed with
backoff and recovery, and the safety rules. Time is injected (a clock the tests move), nothing sleeps to wait.

Storing tests run on SQLite and PostgreSQL (``new_database``). Expected values are written by hand from the
stories each test serves: one story is one article with one claim ("Ukrainian forces captured PLACE ...").
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dashboard.loader.feeds import ConfigProblem, load_config
from dashboard.loader.pull import NO_DATE, Puller
from dashboard.store.rows import Store
from tests.feedserver import FeedSite, Story, page_html, rss, stories

AGENT = "conflict-map test (Test desk; desk@example.org)"


class Clock:
    """The wall clock a Puller reads, moved on by the test."""

    def __init__(self, start=datetime(2026, 3, 2, 8, 0, tzinfo=UTC)):
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def site():
    with FeedSite() as running:
        yield running


def feeds_file(folder: Path, feeds: list[tuple[str, str]], allow=("127.0.0.1",), **settings) -> Path:
    """A feeds.toml with these (name, url) feeds (outlet: 'Outlet NAME') and settings; its path."""
    lines = [
        "[settings]",
        f'user_agent = "{AGENT}"',
        "host_delay = 0",
        f"allow_hosts = [{', '.join(repr(h).replace(chr(39), chr(34)) for h in allow)}]",
    ]
    lines += [f"{key} = {value!r}".replace("'", '"') for key, value in settings.items()]
    for name, url in feeds:
        lines += ["", "[[feeds]]", f'name = "{name}"', f'outlet = "Outlet {name}"', f'url = "{url}"', 'interval = "1h"']
    path = folder / "feeds.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pull(db, path: Path, clock=None, jobs: int = 1, force: bool = False):
    with Store(db) as store, Puller(load_config(path), store, jobs=jobs, now=clock or Clock()) as puller:
        return puller.pull_once(force=force)


def feed_row(db, name: str) -> dict:
    with Store(db) as store:
        rows = store.rows(
            "SELECT name, failures, last_error, last_error_at, failing_since, last_success_at, "
            "items_seen, items_stored, next_pull_at, etag FROM feeds WHERE name = :n",
            n=name,
        )
    keys = [
        "name",
        "failures",
        "last_error",
        "last_error_at",
        "failing_since",
        "last_success_at",
        "items_seen",
        "items_stored",
        "next_pull_at",
        "etag",
    ]
    return dict(zip(keys, rows[0]))


def stored(db) -> list[tuple]:
    """(url, published, outlet, place of its one claim) of every stored article, by URL."""
    with Store(db) as store:
        return sorted(
            store.rows(
                "SELECT a.url, a.published, a.outlet, e.place_name FROM articles a JOIN events e ON e.article_id = a.id"
            )
        )


def item_states(db, feed: str) -> dict[str, str]:
    with Store(db) as store:
        return dict(store.rows("SELECT item_key, status FROM feed_items WHERE feed = :f", f=feed))


# --- feeds read and stored ----------------------------------------------------------------------------------
def test_an_rss_feeds_items_are_fetched_read_and_stored_once(site, tmp_path, new_database):
    items = stories("wire", 3)
    url = site.feed("/rss.xml", items)
    db, path = new_database(), feeds_file(tmp_path, [("wire", url)])
    summary = pull(db, path)
    assert (summary.feeds_read, summary.new_items, summary.articles.stored_articles) == (1, 3, 3)
    assert summary.articles.events_stored == 3 and not summary.failed
    base = site.base
    # the URL normalised (courlan: the tracking parameter dropped), the page's date, the feed's outlet
    assert stored(db) == [
        (f"{base}/news/wire-0", "2022-09-13", "Outlet wire", "Lyman"),
        (f"{base}/news/wire-1", "2022-09-13", "Outlet wire", "Izium"),
        (f"{base}/news/wire-2", "2022-09-13", "Outlet wire", "Kupiansk"),
    ]
    row = feed_row(db, "wire")
    assert (row["items_seen"], row["items_stored"], row["failures"], row["last_error"]) == (3, 3, 0, None)
    assert row["last_success_at"] == "2026-03-02T08:00:00+00:00" and row["next_pull_at"] == "2026-03-02T09:00:00+00:00"
    # a second pull (forced: the interval has not passed) fetches the feed, no page again, stores nothing
    again = pull(db, path, force=True)
    assert (again.new_items, again.articles.stored_articles) == (0, 0)
    assert [site.hits(f"/news/{s.slug}") for s in items] == [1, 1, 1]
    assert len(stored(db)) == 3 and feed_row(db, "wire")["items_seen"] == 3


def test_an_atom_feed_and_a_json_feed(site, tmp_path):
    url_atom = site.feed("/atom.xml", stories("atom", 2), kind="atom")
    url_json = site.feed("/feed.json", stories("json", 2, start=5), kind="json")
    db = tmp_path / "e.db"
    summary = pull(db, feeds_file(tmp_path, [("atom", url_atom), ("json", url_json)]))
    assert (summary.feeds_read, summary.articles.stored_articles) == (2, 4)
    assert [row[3] for row in stored(db)] == ["Lyman", "Izium", "Popasna", "Bakhmut"]


def test_a_feed_unchanged_since_the_last_pull_answers_304_and_nothing_is_fetched(site, tmp_path):
    url = site.feed("/rss.xml", stories("wire", 2), etag='"v1"')
    db, path, clock = tmp_path / "e.db", feeds_file(tmp_path, [("wire", url)]), Clock()
    assert pull(db, path, clock).articles.stored_articles == 2
    assert feed_row(db, "wire")["etag"] == '"v1"'
    clock.advance(hours=1)
    again = pull(db, path, clock)
    assert (again.feeds_due, again.not_modified, again.new_items) == (1, 1, 0)
    assert site.hits("/rss.xml") == 2 and site.hits("/news/wire-0") == 1
    assert feed_row(db, "wire")["last_success_at"] == "2026-03-02T09:00:00+00:00"


def test_a_full_content_feed_needs_no_page(site, tmp_path):
    url = site.feed("/full.xml", stories("full", 2), full=True)
    db = tmp_path / "e.db"
    assert pull(db, feeds_file(tmp_path, [("full", url)])).articles.stored_articles == 2
    assert [row[3] for row in stored(db)] == ["Lyman", "Izium"]
    assert [p for p in site.log if p.startswith("/news/")] == []


def test_an_item_without_a_date_takes_the_pull_s_day_and_says_so(site, tmp_path):
    undated = Story("undated", "Soledar", published=None, item_date=None)
    item_dated = Story("item-dated", "Avdiivka", published=None, item_date="2022-09-12")
    url = site.feed("/rss.xml", [undated, item_dated])
    db = tmp_path / "e.db"
    today = datetime.now(UTC).replace(hour=12)
    summary = pull(db, feeds_file(tmp_path, [("wire", url)]), Clock(today))
    assert summary.articles.stored_articles == 2, (summary.line(), summary.failed)
    assert {row[3]: row[1] for row in stored(db)} == {
        "Soledar": today.date().isoformat(),  # the pull's day
        "Avdiivka": "2022-09-12",
    }  # the item's own
    assert summary.articles.warnings == [f"{site.base}/news/undated?utm_source=rss: {NO_DATE}"]


def test_the_same_story_in_two_feeds_is_stored_once(site, tmp_path, new_database):
    shared = stories("shared", 1)
    url_a = site.feed("/a.xml", shared + stories("only-a", 1, start=1))
    url_b = site.feed("/b.xml", shared + stories("only-b", 1, start=2))
    db = new_database()
    summary = pull(db, feeds_file(tmp_path, [("a", url_a), ("b", url_b)]))
    assert (summary.new_items, summary.articles.stored_articles, summary.articles.duplicates) == (4, 3, 1)
    assert [row[3] for row in stored(db)] == ["Izium", "Kupiansk", "Lyman"]
    key = f"{site.base}/news/shared-0"
    assert item_states(db, "a")[key] == "stored" and item_states(db, "b")[key] == "duplicate"
    assert (feed_row(db, "b")["items_seen"], feed_row(db, "b")["items_stored"]) == (2, 1)


def test_the_same_text_at_another_address_is_stored_once(site, tmp_path):
    story = stories("twin", 1)[0]
    site.fixed("/mirror/twin", page_html(story))
    body = rss(site.base, [story]).replace(
        b"</channel>",
        (
            f"<item><title>mirror</title><link>{site.base}/mirror/twin</link>"
            "<pubDate>Tue, 13 Sep 2022 09:00:00 GMT</pubDate></item></channel>"
        ).encode(),
    )
    site.fixed("/rss.xml", body, "application/rss+xml")
    site.pages([story])
    db = tmp_path / "e.db"
    summary = pull(db, feeds_file(tmp_path, [("wire", f"{site.base}/rss.xml")]))
    assert (summary.articles.stored_articles, summary.articles.duplicates) == (1, 1)  # the content hash
    assert sorted(item_states(db, "wire").values()) == ["duplicate", "stored"]


def test_jobs_two_stores_the_same(site, tmp_path):
    url = site.feed("/rss.xml", stories("wire", 6))
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert pull(one, feeds_file(tmp_path, [("wire", url)])).articles.stored_articles == 6
    assert pull(two, feeds_file(tmp_path, [("wire", url)]), jobs=2).articles.stored_articles == 6
    assert stored(one) == stored(two)


# --- errors, backoff, recovery --------------------------------------------------------------------------
def test_a_failing_feed_backs_off_doubling_up_to_a_day_and_recovers_by_itself(site, tmp_path):
    state = {"status": 404}
    good = rss(site.base, stories("back", 1))
    site.route(
        "/rss.xml",
        lambda request: (
            state["status"],
            {"Content-Type": "application/rss+xml"},
            good if state["status"] == 200 else b"gone",
        ),
    )
    site.pages(stories("back", 1))
    other = site.feed("/other.xml", stories("other", 1, start=4))
    db, path, clock = (
        tmp_path / "e.db",
        feeds_file(tmp_path, [("flaky", f"{site.base}/rss.xml"), ("other", other)]),
        Clock(),
    )
    first = pull(db, path, clock)
    assert first.failed == [f"flaky: {site.base}/rss.xml: HTTP 404 Not Found"]
    assert first.articles.stored_articles == 1  # the other feed went on
    row = feed_row(db, "flaky")
    assert (row["failures"], row["failing_since"], row["last_error_at"]) == (
        1,
        "2026-03-02T08:00:00+00:00",
        "2026-03-02T08:00:00+00:00",
    )
    assert row["next_pull_at"] == "2026-03-02T10:00:00+00:00"  # 2 x the interval of 1 h
    state["status"] = 500
    clock.advance(hours=1, minutes=59)
    early = pull(db, path, clock)
    assert (early.not_due, early.failed) == (1, [])  # not before its backoff (the other feed is due)
    waits = []
    for _ in range(5):
        clock.moment = datetime.fromisoformat(feed_row(db, "flaky")["next_pull_at"])
        before = clock.moment
        summary = pull(db, path, clock)
        assert summary.failed == [f"flaky: {site.base}/rss.xml: HTTP 500 Internal Server Error"]
        waits.append(datetime.fromisoformat(feed_row(db, "flaky")["next_pull_at"]) - before)
    assert waits == [
        timedelta(hours=4),
        timedelta(hours=8),
        timedelta(hours=16),
        timedelta(hours=24),
        timedelta(hours=24),
    ]
    assert feed_row(db, "flaky")["failing_since"] == "2026-03-02T08:00:00+00:00"
    state["status"] = 200
    clock.moment = datetime.fromisoformat(feed_row(db, "flaky")["next_pull_at"])
    recovered = pull(db, path, clock)
    assert not recovered.failed and recovered.articles.stored_articles == 1
    row = feed_row(db, "flaky")
    assert (row["failures"], row["failing_since"], row["last_success_at"]) == (0, None, clock.moment.isoformat())
    assert row["last_error"] == f"{site.base}/rss.xml: HTTP 500 Internal Server Error"  # kept, with its time


def test_a_feed_that_does_not_answer_in_time_is_a_timeout(site, tmp_path):
    release = threading.Event()

    def slow(request):
        release.wait(10)
        return 200, {"Content-Type": "application/rss+xml"}, rss(site.base, [])

    site.route("/slow.xml", slow)
    db = tmp_path / "e.db"
    try:
        summary = pull(db, feeds_file(tmp_path, [("slow", f"{site.base}/slow.xml")], read_timeout=0.3))
    finally:
        release.set()
    assert summary.failed == [f"slow: {site.base}/slow.xml: timed out (reading)"]
    assert feed_row(db, "slow")["failures"] == 1


def test_refused_and_unresolvable_hosts_are_named(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "e.db"
    summary = pull(
        db,
        feeds_file(
            tmp_path,
            [("closed", f"http://127.0.0.1:{port}/rss.xml"), ("nowhere", "http://no-such-host.invalid/rss.xml")],
            allow=("127.0.0.1", "no-such-host.invalid"),
        ),
    )
    assert summary.failed == [
        f"closed: http://127.0.0.1:{port}/rss.xml: connection refused",
        "nowhere: http://no-such-host.invalid/rss.xml: the host name does not resolve",
    ]


def test_a_feed_that_is_an_html_page_is_not_a_feed(site, tmp_path):
    site.fixed("/news", b"<!doctype html><html><body><h1>News</h1></body></html>")
    db = tmp_path / "e.db"
    summary = pull(db, feeds_file(tmp_path, [("page", f"{site.base}/news")]))
    assert summary.failed == [
        "page: " + site.base + "/news: not a feed: the address serves an HTML page (look for its RSS or Atom link)"
    ]


def test_a_page_over_the_size_cap_is_refused_and_the_others_stored(site, tmp_path):
    small, big, bomb = stories("size", 3)
    url = site.feed("/rss.xml", [small, big, bomb])
    site.fixed(f"/news/{big.slug}", page_html(big, padding=400))
    site.fixed(f"/news/{bomb.slug}", page_html(bomb, padding=400), gzipped=True)  # small on the wire
    db = tmp_path / "e.db"
    summary = pull(db, feeds_file(tmp_path, [("wire", url)], max_page_bytes=8000))
    assert summary.articles.stored_articles == 1
    assert summary.articles.refused == [
        f"{site.base}/news/size-1?utm_source=rss: more than 8,000 bytes (the limit), not read further"
        if "more than" in summary.articles.refused[0]
        else f"{site.base}/news/size-1?utm_source=rss: {len(page_html(big, padding=400)):,} bytes, above the limit of 8,000",
        f"{site.base}/news/size-2?utm_source=rss: more than 8,000 bytes (the limit), not read further",
    ]
    assert feed_row(db, "wire")["last_error"] == summary.articles.refused[1]
    assert item_states(db, "wire")[f"{site.base}/news/size-1"] == "refused"  # not fetched again


def test_an_item_page_that_is_not_html_is_refused(site, tmp_path):
    story = stories("pdf", 1)[0]
    url = site.feed("/rss.xml", [story], with_pages=False)
    site.fixed(f"/news/{story.slug}", b"%PDF-1.4 ...", "application/pdf")
    summary = pull(tmp_path / "e.db", feeds_file(tmp_path, [("wire", url)]))
    assert summary.articles.refused == [f"{site.base}/news/pdf-0?utm_source=rss: not an HTML page (application/pdf)"]


def test_a_redirect_loop_and_too_many_redirects_are_refused(site, tmp_path):
    for path, target in (("/loop-a", "/loop-b"), ("/loop-b", "/loop-a")):
        site.route(path, lambda request, target=target: (302, {"Location": target}, b""))
    for n in range(7):
        site.route(f"/hop{n}", lambda request, n=n: (301, {"Location": f"{site.base}/hop{n + 1}"}, b""))
    site.fixed("/hop6", rss(site.base, []), "application/rss+xml")
    site.route("/five", lambda request: (301, {"Location": "/hop2"}, b""))  # 5 redirects to /hop6: allowed
    summary = pull(
        tmp_path / "e.db",
        feeds_file(
            tmp_path, [("loop", f"{site.base}/loop-a"), ("long", f"{site.base}/hop0"), ("five", f"{site.base}/five")]
        ),
    )
    assert summary.failed == [
        f"loop: {site.base}/loop-a: redirect loop (back to {site.base}/loop-a)",
        f"long: {site.base}/hop0: more than 5 redirects",
    ]
    assert summary.feeds_read == 1


def test_a_redirect_to_an_address_not_allowed_is_refused_before_connecting(site, tmp_path):
    """The allow-list names the host ``localhost`` (the feed's host); its redirect to 127.0.0.1, the same server
    by address, is refused: the address is loopback and that host is not in the list."""
    url = site.feed("/rss.xml", stories("intra", 1)).replace("127.0.0.1", "localhost")
    site.route("/jump.xml", lambda request: (302, {"Location": f"{site.base}/rss.xml"}, b""))
    path = feeds_file(
        tmp_path, [("intranet", url), ("jump", url.replace("/rss.xml", "/jump.xml"))], allow=("localhost",)
    )
    summary = pull(tmp_path / "e.db", path)
    assert summary.failed == [
        f"jump: {site.base}/rss.xml: 127.0.0.1 resolves to 127.0.0.1, a loopback address "
        "(put the host in allow_hosts if it is an intranet feed)"
    ]
    assert site.hits("/rss.xml") == 1  # the intranet feed's own request, not the redirect's
    # the intranet feed's items link to 127.0.0.1 too: refused the same way, never fetched
    assert summary.articles.refused == [
        f"{site.base}/news/intra-0?utm_source=rss: 127.0.0.1 resolves to 127.0.0.1, "
        "a loopback address (put the host in allow_hosts if it is an intranet feed)"
    ]
    assert site.hits("/news/intra-0") == 0


def test_without_the_allow_list_a_loopback_feed_is_refused(site, tmp_path):
    url = site.feed("/rss.xml", stories("x", 1))
    summary = pull(tmp_path / "e.db", feeds_file(tmp_path, [("local", url)], allow=()))
    assert summary.failed == [
        f"local: {url}: 127.0.0.1 resolves to 127.0.0.1, a loopback address (put the host "
        "in allow_hosts if it is an intranet feed)"
    ]
    assert site.log == []  # not even robots.txt


def test_robots_txt_disallowing_a_path_is_respected(site, tmp_path):
    allowed, private = stories("open", 1)[0], Story("private-1", "Izium")
    url = site.feed("/rss.xml", [allowed, private])
    site.fixed("/robots.txt", b"User-agent: *\nDisallow: /news/private\n", "text/plain")
    summary = pull(tmp_path / "e.db", feeds_file(tmp_path, [("wire", url)]))
    assert summary.articles.stored_articles == 1
    assert summary.articles.refused == [
        f"{site.base}/news/private-1?utm_source=rss: the site's robots.txt does not allow fetching it"
    ]
    assert site.hits("/news/private-1") == 0 and site.hits("/robots.txt") == 1  # read once, kept


def test_credentials_in_a_feed_url_are_sent_but_never_shown(site, tmp_path):
    seen = []
    site.route(
        "/secret.xml",
        lambda request: (
            seen.append(request.headers.get("authorization")) or 401,
            {"Content-Type": "text/plain"},
            b"no",
        ),
    )
    url = f"http://desk:s3cret@127.0.0.1:{site.port}/secret.xml"
    db = tmp_path / "e.db"
    summary = pull(db, feeds_file(tmp_path, [("secret", url)]))
    assert seen == ["Basic ZGVzazpzM2NyZXQ="]  # desk:s3cret
    assert summary.failed == [f"secret: {site.base}/secret.xml: HTTP 401 Unauthorized"]
    with Store(db) as store:
        dump = repr(store.rows("SELECT * FROM feeds"))
    assert "s3cret" not in dump and "s3cret" not in summary.line()


# --- bounded documents ------------------------------------------------------------------------------------------
def test_a_feed_document_over_the_cap_or_with_too_many_items_is_refused_with_a_message(site, tmp_path):
    many = b"".join(b"<item><title>t</title><link>http://x/%d</link></item>" % n for n in range(100_000))
    site.fixed(
        "/many.xml",
        b'<?xml version="1.0"?><rss version="2.0"><channel>' + many + b"</channel></rss>",
        "application/rss+xml",
    )
    site.fixed("/huge.xml", b"<rss>" + b" " * 60_000_000 + b"</rss>", "application/rss+xml")
    summary = pull(
        tmp_path / "e.db", feeds_file(tmp_path, [("many", f"{site.base}/many.xml"), ("huge", f"{site.base}/huge.xml")])
    )
    assert summary.failed == [
        f"many: {site.base}/many.xml: the feed lists 100,000 items, above the limit of 5,000 (max_items)",
        f"huge: {site.base}/huge.xml: 60,000,011 bytes, above the limit of 10,000,000",
    ]


# --- the feeds file --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, message",
    [
        ("[[feeds]]\nname = 'a'\noutlet = 'A'\n", "feed 1: url is missing (each feed needs name, outlet and url)"),
        (
            "[[feeds]]\nname = 'a'\noutlet = 'A'\nurl = 'ftp://x/feed'\n",
            "feed 1 (a): url 'ftp://x/feed' is not an http:// or https:// URL",
        ),
        (
            "[[feeds]]\nname = 'a'\noutlet = 'A'\nurl = 'http://x/'\ninterval = 'soon'\n",
            "feed 1 (a): interval: 'soon' is not a duration",
        ),
        (
            "[settings]\nhost_delay = -1\n[[feeds]]\nname = 'a'\noutlet = 'A'\nurl = 'http://x/'\n",
            "[settings]: host_delay: -1 is not a duration",
        ),
        ("[settings]\nuser_agnt = 'x'\n", "[settings]: unknown key 'user_agnt'"),
        (
            "[[feeds]]\nname = 'a'\noutlet = 'A'\nurl = 'http://x/'\n[[feeds]]\nname = 'a'\noutlet = 'B'\n"
            "url = 'http://y/'\n",
            "feed 2: the name 'a' is used twice",
        ),
        ("feeds = [", "not valid TOML"),
        ("", "no feeds: add [[feeds]] tables with name, outlet and url"),
    ],
)
def test_a_mistake_in_the_feeds_file_is_named(tmp_path, text, message):
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigProblem) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}: {message}")


def test_the_feeds_file_gives_intervals_languages_and_settings(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text(
        '[settings]\nuser_agent = "Desk (x@example.org)"\nhost_delay = "2s"\ninterval = "30m"\n'
        'allow_hosts = ["Wires.Intranet."]\n\n[[feeds]]\nname = "a"\noutlet = "A"\n'
        'url = "https://a.example/rss"\nlanguage = "uk"\n\n[[feeds]]\nname = "b"\noutlet = "B"\n'
        'url = "https://b.example/rss"\ninterval = "2h"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.settings.user_agent, config.settings.host_delay, config.settings.allow_hosts) == (
        "Desk (x@example.org)",
        2.0,
        frozenset({"wires.intranet"}),
    )
    assert [(f.name, f.interval, f.language) for f in config.feeds] == [("a", 1800.0, "uk"), ("b", 7200.0, "")]


def test_the_docs_example_feeds_file_loads_as_written(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "docs" / "loader.md").read_text(encoding="utf-8")
    section = readme.split("## Pulling articles from news feeds", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "feeds.toml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert config.settings.user_agent.startswith("conflict-map/1.0 (Example Newsroom")
    assert (config.settings.host_delay, config.settings.interval, config.settings.max_items) == (2.0, 900.0, 5000)
    assert config.settings.allow_hosts == frozenset({"wires.intranet.example.org"})
    assert [(f.name, f.interval, f.language) for f in config.feeds] == [
        ("kyiv-independent", 900.0, "en"),
        ("intranet-wire", 300.0, ""),
    ]


# --- politeness -------------------------------------------------------------------------------------------------
def test_requests_to_one_host_wait_the_delay_and_a_longer_crawl_delay_wins(site):
    """A fake monotonic clock and sleep: the fetcher asks to sleep exactly what is left of the delay."""
    from dashboard.loader.feeds import Settings
    from dashboard.loader.fetch import Fetcher

    moment, slept = [100.0], []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        moment[0] += seconds

    site.fixed("/a", b"<html><body>a</body></html>")
    fetcher = Fetcher(
        Settings(host_delay=2.0, allow_hosts=frozenset({"127.0.0.1", "localhost"})),
        clock=lambda: moment[0],
        sleep=sleep,
    )
    fetcher.get(f"{site.base}/a", 10_000)  # robots.txt (404: everything allowed), then /a: 2 s apart
    assert slept == [2.0]
    moment[0] += 0.5
    fetcher.get(f"{site.base}/a", 10_000)  # 0.5 s after the last request: 1.5 s left
    assert slept == [2.0, 1.5]
    moment[0] += 5
    fetcher.get(f"{site.base}/a", 10_000)  # the delay has passed: no wait
    assert slept == [2.0, 1.5]
    site.fixed("/robots.txt", b"User-agent: *\nCrawl-delay: 7\n", "text/plain")
    other = Fetcher(
        Settings(host_delay=2.0, allow_hosts=frozenset({"127.0.0.1"})), clock=lambda: moment[0], sleep=sleep
    )
    slept.clear()
    other.get(f"{site.base}/a", 10_000)
    assert slept == [7.0]  # the site's Crawl-delay, longer than ours


def test_a_feed_unchanged_by_its_last_modified_date_answers_304(site, tmp_path):
    stamp = "Tue, 13 Sep 2022 09:00:00 GMT"
    body = rss(site.base, stories("lm", 1))

    def by_date(request):
        if request.headers.get("if-modified-since") == stamp:
            return 304, {}, b""
        return 200, {"Content-Type": "application/rss+xml", "Last-Modified": stamp}, body

    site.route("/rss.xml", by_date)
    site.pages(stories("lm", 1))
    db, path = tmp_path / "e.db", feeds_file(tmp_path, [("wire", f"{site.base}/rss.xml")])
    assert pull(db, path).articles.stored_articles == 1
    assert pull(db, path, force=True).not_modified == 1


def test_a_gzip_compressed_page_is_read(site, tmp_path):
    story = stories("zip", 1)[0]
    url = site.feed("/rss.xml", [story], with_pages=False)
    site.fixed(f"/news/{story.slug}", page_html(story), gzipped=True)
    summary = pull(tmp_path / "e.db", feeds_file(tmp_path, [("wire", url)]))
    assert summary.articles.stored_articles == 1 and [row[3] for row in stored(tmp_path / "e.db")] == ["Lyman"]


def test_every_pulls_what_is_due_prints_a_line_each_time_and_waits_the_rest_of_the_period(site, tmp_path):
    from dashboard.loader.pull import run_every

    url = site.feed("/rss.xml", stories("every", 2), etag='"e1"')
    clock, lines, waits = Clock(), [], []

    def wait(seconds):
        waits.append(seconds)
        clock.advance(minutes=30)  # the feed's interval is 1 h: due every other pull

    with (
        Store(tmp_path / "e.db") as store,
        Puller(load_config(feeds_file(tmp_path, [("wire", url)])), store, now=clock) as puller,
    ):
        run_every(puller, 900, pulls=4, report=lines.append, sleep=wait)
    assert len(lines) == 4 and len(waits) == 3 and all(880 < w <= 900 for w in waits)
    assert [line.split(": ", 1)[1].split(" new items")[0] for line in lines] == [
        "1 feeds due (1 read, 0 unchanged; 0 not due), 2",
        "0 feeds due (0 read, 0 unchanged; 1 not due), 0",
        "1 feeds due (0 read, 1 unchanged; 0 not due), 0",
        "0 feeds due (0 read, 0 unchanged; 1 not due), 0",
    ]


def test_a_page_in_the_charset_its_header_or_meta_names_is_read_in_it(site, tmp_path):
    by_header, by_meta = Story("cp1251-header", "Izium"), Story("cp1251-meta", "Lyman")
    url = site.feed("/rss.xml", [by_header, by_meta], with_pages=False)
    words = "Українські війська звільнили Лиман. "
    for story, content_type, meta in (
        (by_header, "text/html; charset=windows-1251", ""),
        (by_meta, "text/html", '<meta charset="windows-1251">'),
    ):
        body = page_html(story).decode().replace("<head>", f"<head>{meta}").replace("<p>", f"<p>{words}")
        site.fixed(f"/news/{story.slug}", body.encode("cp1251"), content_type)
    db = tmp_path / "e.db"
    assert pull(db, feeds_file(tmp_path, [("wire", url)])).articles.stored_articles == 2
    with Store(db) as store:
        texts = [row[0] for row in store.rows("SELECT text FROM articles")]
    assert all(words.strip() in text for text in texts), texts


def test_a_redirect_to_another_scheme_is_refused(site, tmp_path):
    site.route("/to-file", lambda request: (302, {"Location": "file:///etc/passwd"}, b""))
    summary = pull(tmp_path / "e.db", feeds_file(tmp_path, [("file", f"{site.base}/to-file")]))
    assert summary.failed == ["file: file:///etc/passwd: only http:// and https:// addresses are fetched"]


def test_every_goes_on_after_a_pull_that_failed_whole(site, tmp_path):
    from sqlalchemy.exc import OperationalError

    from dashboard.loader.pull import run_every

    url = site.feed("/rss.xml", stories("on", 1))
    lines = []
    with (
        Store(tmp_path / "e.db") as store,
        Puller(load_config(feeds_file(tmp_path, [("wire", url)])), store, now=Clock()) as puller,
    ):
        real, calls = puller.pull_once, []

        def flaky():
            calls.append(1)
            if len(calls) == 1:
                raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))
            return real()

        puller.pull_once = flaky
        run_every(puller, 60, pulls=2, report=lines.append, sleep=lambda seconds: None)
    assert lines[0] == (
        "pull 2026-03-02T08:00:00+00:00: failed (OperationalError: (builtins.Exception) server "
        "closed the connection unexpectedly); trying again in 60 s"
    )
    assert "1 new items: 1 stored" in lines[1]


def test_progress_asked_for_shows_a_bar_on_stderr(site, tmp_path, capsys):
    from dashboard.loader.__main__ import main

    url = site.feed("/rss.xml", stories("bar", 2))
    code = main(
        ["pull", "--feeds", str(feeds_file(tmp_path, [("wire", url)])), "--db", str(tmp_path / "e.db"), "--progress"]
    )
    out, err = capsys.readouterr()
    assert code == 0 and len(out.splitlines()) == 1 and "2 stored" in out
    assert "pull: 100%" in err and "2/2" in err and "items" in err
