"""Who may write, over real HTTP against the running dashboard (issue 13): 403 without a login or without the
CSRF token, failed logins locked, the trusted user header only from a configured proxy, sessions that expire,
article text escaped on the review page, and no review page when review is off.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.servers import dashboard_server

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"


def add_editor(db, name: str, password: str = PASSWORD) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.users", "add", name, "--db", str(db)],
        input=password + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0 and f"added editor {name}" in done.stdout, done.stderr


def review_env(tmp_path, **more) -> dict[str, str]:
    return {"CONFLICT_MAP_REVIEW": "on", "CONFLICT_MAP_SECRET_FILE": str(tmp_path / "secret-key"), **more}


@pytest.fixture
def db(seeded_db, tmp_path):
    copy = tmp_path / "events.db"
    shutil.copy(seeded_db, copy)
    add_editor(copy, "alice")
    return copy


@pytest.fixture
def server(db, tmp_path):
    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        yield base


def token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def login(base, name="alice", password=PASSWORD) -> tuple[requests.Session, requests.Response]:
    session = requests.Session()
    csrf = token(session.get(base + "review/login").text)
    answer = session.post(base + "review/login", data={"csrf_token": csrf, "name": name, "password": password})
    return session, answer


def first_claim(html: str) -> str:
    return re.search(r'data-event="(\d+)"', html)[1]


def test_an_editor_logs_in_and_decides(server, db):
    session, answer = login(server)
    assert answer.status_code == 200 and answer.url == server + "review"
    assert 'id="editor-name">alice<' in answer.text
    event = first_claim(answer.text)
    done = session.post(
        server + "review/decide",
        data={"csrf_token": token(answer.text), "event_id": event, "decision": "confirm", "note": "checked"},
    )
    assert done.status_code == 200 and f"Claim {event} confirmed." in done.text
    history = session.get(server + f"review/history/{event}").text
    assert re.search(r"<td>[0-9T:+-]+</td><td>alice</td><td>confirmed</td>", history)
    import sqlite3

    actions = [row[0] for row in sqlite3.connect(db).execute("SELECT action FROM audit ORDER BY id")]
    assert actions == ["editor:add", "login", "review:confirmed"]


def test_writes_without_a_login_get_403(server):
    anonymous = requests.Session()
    csrf = token(anonymous.get(server + "review/login").text)  # a real token of a session with no editor
    for path, data in (
        ("review/decide", {"event_id": "1", "decision": "confirm"}),
        ("review/confirm-article", {"article_id": "1"}),
    ):
        answer = anonymous.post(server + path, data={"csrf_token": csrf, **data})
        assert answer.status_code == 403, path
    assert anonymous.get(server + "review/revisions.csv").status_code == 403
    assert anonymous.get(server + "review", allow_redirects=False).status_code == 302  # to the login


def test_writes_without_the_csrf_token_get_403(server):
    session, answer = login(server)
    event = first_claim(answer.text)
    for data in ({}, {"csrf_token": "forged"}, {"csrf_token": ""}):
        refused = session.post(server + "review/decide", data={"event_id": event, "decision": "reject", **data})
        assert refused.status_code == 403 and "did not come from this page" in refused.text
    # a login form without the token is refused too
    fresh = requests.Session()
    assert fresh.post(server + "review/login", data={"name": "alice", "password": PASSWORD}).status_code == 403
    # nothing was written
    assert "0 claim" not in session.get(server + "review").text


def test_ten_wrong_passwords_lock_the_name(server):
    session = requests.Session()
    statuses = []
    for _ in range(10):
        csrf = token(session.get(server + "review/login").text)
        statuses.append(
            session.post(
                server + "review/login", data={"csrf_token": csrf, "name": "alice", "password": "guess"}
            ).status_code
        )
    assert statuses == [401] * 5 + [429] * 5
    csrf = token(session.get(server + "review/login").text)
    locked = session.post(server + "review/login", data={"csrf_token": csrf, "name": "alice", "password": PASSWORD})
    assert locked.status_code == 429 and "Too many failed logins" in locked.text


def test_the_trusted_header_from_an_address_that_is_no_proxy_is_ignored(db, tmp_path):
    with dashboard_server(db, extra_env=review_env(tmp_path, CONFLICT_MAP_TRUSTED_PROXIES="10.20.30.40")) as base:
        header = {"X-Remote-User": "mallory"}
        assert requests.get(base + "review", headers=header, allow_redirects=False).status_code == 302
        session = requests.Session()
        csrf = token(session.get(base + "review/login", headers=header).text)
        answer = session.post(
            base + "review/decide", headers=header, data={"csrf_token": csrf, "event_id": "1", "decision": "reject"}
        )
        assert answer.status_code == 403


def test_the_trusted_header_from_a_configured_proxy_names_the_editor(db, tmp_path):
    with dashboard_server(db, extra_env=review_env(tmp_path, CONFLICT_MAP_TRUSTED_PROXIES="127.0.0.1")) as base:
        session = requests.Session()
        page = session.get(base + "review", headers={"X-Remote-User": "olena"})
        assert page.status_code == 200 and 'id="editor-name">olena (sso)<' in page.text
        answer = session.post(
            base + "review/decide",
            headers={"X-Remote-User": "olena"},
            data={
                "csrf_token": token(page.text),
                "event_id": first_claim(page.text),
                "decision": "reject",
                "note": "duplicate",
            },
        )
        assert answer.status_code == 200 and "rejected." in answer.text


def test_a_session_expires(db, tmp_path):
    with dashboard_server(db, extra_env=review_env(tmp_path, CONFLICT_MAP_SESSION_MINUTES="0")) as base:
        session, answer = login(base)
        assert answer.url == base + "review/login"  # logged in, and at once out: sent back to the login


def test_article_text_is_escaped_on_the_review_page(tmp_path):
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Kharkiv, 10 September.\n<script>alert(1)</script> Ukrainian forces captured "
        "Kupiansk on Saturday, officials said.\n",
        encoding="utf-8",
    )
    (folder / "manifest.csv").write_text(
        "file,published,outlet,url\na.txt,2022-09-11,<b>Outlet</b>,javascript:alert(1)\n", encoding="utf-8"
    )
    db = tmp_path / "x.db"
    with Store(db) as store:
        assert ingest([folder], store).events_stored >= 1
    add_editor(db, "alice")
    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        _, page = login(base)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text and "<script>alert" not in page.text
        assert "&lt;b&gt;Outlet&lt;/b&gt;" in page.text and "javascript:" not in page.text
        assert (
            "<mark>&lt;script&gt;alert(1)&lt;/script&gt; Ukrainian forces captured Kupiansk on Saturday, "
            "officials said.</mark>"
        ) in page.text
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_without_review_there_is_no_review_page(seeded_db):
    with dashboard_server(seeded_db) as base:
        page = requests.get(base + "review/login")  # Dash answers every other path with its page
        assert 'name="csrf_token"' not in page.text and "Sign in" not in page.text
        assert requests.post(base + "review/decide", data={}).status_code == 405


ARTICLE_TEXT = "Kharkiv, 11 September.\nUkrainian forces captured Kupiansk on Saturday, officials said.\n"


def test_an_article_pasted_on_the_page_is_previewed_and_saved(db, tmp_path):
    with dashboard_server(db, extra_env=review_env(tmp_path, CONFLICT_MAP_MAX_ARTICLE_BYTES="2000")) as base:
        session, queue = login(base)
        csrf = token(queue.text)
        form = {
            "csrf_token": csrf,
            "text": ARTICLE_TEXT,
            "published": "2022-09-11",
            "outlet": "Test Wire",
            "url": "https://example.org/kupiansk",
        }
        preview = session.post(base + "review/article", data={**form, "action": "preview"})
        assert preview.status_code == 200
        claims = re.findall(r"<li>(.*?)</li>", re.search(r'<ol id="preview-claims">(.*?)</ol>', preview.text, re.S)[1])
        assert claims == [
            "2022-09-10 · Ukraine captured Kupiansk (Kharkiv) · “Ukrainian forces captured Kupiansk "
            "on Saturday, officials said.”"
        ]
        saved = session.post(base + "review/article", data={**form, "action": "save"})
        assert saved.status_code == 200 and saved.url == base + "review"
        assert "Article stored with 1 claim(s)" in saved.text and "20 claim(s)" in saved.text
        again = session.post(base + "review/article", data={**form, "action": "save"})
        assert again.status_code == 409 and "stored already" in again.text
        # the loader's own checks and messages, each naming the field
        for change, status, problem in (
            ({"published": "2022-02-30"}, 400, "publication date &#39;2022-02-30&#39; is not a valid date"),
            ({"published": "2999-01-01"}, 400, "publication date 2999-01-01 is in the future"),
            ({"url": "javascript:alert(1)"}, 400, "url: &#39;javascript:alert(1)&#39; is not an http or https"),
            ({"text": "x" * 2001}, 400, "text above the limit"),
            ({"text": "  "}, 400, "no text left"),
        ):
            answer = session.post(base + "review/article", data={**form, **change, "action": "preview"})
            assert answer.status_code == status and problem in answer.text, (change, answer.text[-800:])
        refused = session.post(base + "review/article", data={k: v for k, v in form.items() if k != "csrf_token"})
        assert refused.status_code == 403
    import sqlite3

    assert sqlite3.connect(db).execute("SELECT count(*) FROM audit WHERE action = 'article:add'").fetchone() == (2,)


def test_all_new_claims_of_an_article_are_confirmed_at_once_and_exported(server, db):
    from dashboard.review.read import read_events

    session, queue = login(server)
    article = re.search(r'name="article_id" value="(\d+)"', queue.text)[1]
    expected = int(re.search(r"Confirm all (\d+) new claim", queue.text)[1])
    assert expected == 12  # the VOI article's claims (seeds/), newest article first
    done = session.post(
        server + "review/confirm-article",
        data={"csrf_token": token(queue.text), "article_id": article, "note": "checked"},
    )
    assert done.status_code == 200 and "12 claim(s) of the article confirmed." in done.text
    assert "7 claim(s)" in done.text  # the other article's claims are still new
    reader = read_events(db, "reader")
    assert len(reader) == 12 and set(reader.review_state) == {"confirmed"} and set(reader.review_editor) == {"alice"}
    exported = session.get(server + "review/revisions.csv")
    lines = exported.text.strip().splitlines()
    assert exported.headers["Content-Type"].startswith("text/csv") and len(lines) == 13
    assert lines[0] == "id,event_key,state,changes,extracted,note,editor,created_at"


def test_the_queue_shows_each_claims_claimant_and_counts_them(server):
    """Issue 22, item 4: each claim says its canonical claimant, the phrase as written beside it when it differs;
    the counts at the top are per canonical claimant (the seeds: the general staff's seven claims under three
    spellings count as one)."""
    session, answer = login(server)
    page = session.get(server + "review", params={"state": "all"}).text
    assert (
        'Said by: <span class="claimant">Russian Defence Ministry</span> (as written: “Russia&#39;s Defense Ministry”)'
    ) in page
    assert 'Said by: <span class="claimant">not stated</span> · ' in page  # no claimant, no phrase
    assert '<span class="claimant">Oleksiy Arestovych</span> · ' in page  # as written: the same
    counts = page[page.index('id="queue-counts"') : page.index("</section>", page.index('id="queue-counts"'))]
    assert "<li>Ukrainian General Staff: 7</li>" in counts and "Ukraine&#39;s general staff" not in counts
