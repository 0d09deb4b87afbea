"""Editors' sessions and the login lock, over real HTTP on real servers, on SQLite and PostgreSQL (issue 24, #2, #4,
#5, #8, #11, #20 and the guarantees "sign-out ends the session" and "the lock's clock is shared wall time").

A cookie saved before a logout, a "sign out everywhere", a new password or the editor's removal reads nothing and
writes nothing afterwards; failed logins lock a name only from the address that failed, 30 parallel guesses get no
more password checks than 5 sequential ones, and nothing an anonymous request sends grows the database beyond the
caps.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from tests.servers import dashboard_server
from tests.test_bounds import review_db  # noqa: F401  (the fixture: seeds + alice, on each engine)
from tests.test_review_http import PASSWORD, add_editor, first_claim, login, review_env, token

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def server(review_db, tmp_path):  # noqa: F811
    with dashboard_server(review_db, extra_env=review_env(tmp_path)) as base:
        yield base


def copy_of(session: requests.Session) -> requests.Session:
    """Another client holding the same cookies (what an attacker who saved them has)."""
    other = requests.Session()
    other.cookies.update(session.cookies)
    return other


def can_read_and_write(base: str, client: requests.Session, csrf: str, event: str) -> list[int]:
    queue = client.get(base + "review", allow_redirects=False).status_code
    csv = client.get(base + "review/revisions.csv").status_code
    write = client.post(
        base + "review/decide",
        allow_redirects=False,
        data={"csrf_token": csrf, "event_id": event, "decision": "reject", "note": "x"},
    ).status_code
    return [queue, csv, write]


def rows(db: str, sql: str) -> list[tuple]:
    from dashboard.store.rows import Store

    with Store(db) as store:
        return store.rows(sql)


def test_a_cookie_saved_before_logout_is_refused(server, review_db):  # noqa: F811
    session, queue = login(server)
    csrf, event = token(queue.text), first_claim(queue.text)
    saved = copy_of(session)
    assert can_read_and_write(server, saved, csrf, event) == [200, 200, 303]
    assert session.post(server + "review/logout", data={"csrf_token": csrf}).url == server + "review/login"
    assert can_read_and_write(server, saved, csrf, event) == [302, 403, 403]
    assert rows(review_db, "SELECT count(*) FROM revisions") == [(1,)]  # the one before the logout


def test_a_removed_editors_cookie_is_refused(server, review_db):  # noqa: F811
    add_editor(review_db, "bob")  # the desk still has an editor: the queue asks for a login, not for set-up
    session, queue = login(server)
    csrf, event = token(queue.text), first_claim(queue.text)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.users", "remove", "alice", "--db", review_db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert can_read_and_write(server, session, csrf, event) == [302, 403, 403]


def test_a_disabled_editors_cookie_is_refused(server, review_db):  # noqa: F811
    """docs/review.md: a disabled account cannot sign in and its sessions end."""
    add_editor(review_db, "bob")
    session, queue = login(server)
    csrf, event = token(queue.text), first_claim(queue.text)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.users", "disable", "alice", "--db", review_db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert can_read_and_write(server, session, csrf, event) == [302, 403, 403]
    assert rows(review_db, "SELECT count(*) FROM editor_sessions WHERE editor = 'alice'") == [(0,)]
    assert login(server)[1].url == server + "review/login"  # and it cannot sign in again


def test_sign_out_everywhere_and_a_new_password_end_every_session(server, review_db):  # noqa: F811
    laptop, queue = login(server)
    phone, _ = login(server)
    csrf, event = token(queue.text), first_claim(queue.text)
    assert can_read_and_write(server, phone, token(phone.get(server + "review").text), event)[:2] == [200, 200]
    laptop.post(server + "review/logout", data={"csrf_token": csrf, "everywhere": "1"})
    assert can_read_and_write(server, phone, csrf, event) == [302, 403, 403]
    assert rows(review_db, "SELECT count(*) FROM editor_sessions") == [(0,)]
    again, _ = login(server)
    add_editor_password = subprocess.run(
        [sys.executable, "-m", "dashboard.users", "add", "alice", "--db", review_db],
        input="another long password\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert add_editor_password.returncode == 0
    assert again.get(server + "review", allow_redirects=False).status_code == 302


class FromAddress(HTTPAdapter):
    """Connect from another loopback address (127.0.0.2): another client as far as the server can tell."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def attempt(base: str, name: str, password: str, address: str = "127.0.0.1") -> int:
    client = requests.Session()
    client.mount("http://", FromAddress(address))
    csrf = token(client.get(base + "review/login").text)
    return client.post(
        base + "review/login", data={"csrf_token": csrf, "name": name, "password": password}, allow_redirects=False
    ).status_code


def test_a_lock_from_another_address_does_not_lock_the_editor_out(server):
    assert [attempt(server, "alice", "guess", "127.0.0.2") for _ in range(7)] == [401] * 5 + [429] * 2
    assert attempt(server, "alice", PASSWORD, "127.0.0.2") == 429
    assert attempt(server, "alice", PASSWORD) == 303  # alice, from her own address


def test_thirty_parallel_guesses_get_no_more_checks_than_five(server):
    """The threaded server: 30 wrong passwords at once get exactly 5 answers 'wrong', the rest 'locked' (the
    check and the count are one transaction); the right password afterwards is locked out too."""
    clients = []
    for _ in range(30):
        client = requests.Session()
        clients.append((client, token(client.get(server + "review/login").text)))
    start, statuses = threading.Barrier(30), []

    def guess(client, csrf):
        start.wait()
        statuses.append(
            client.post(
                server + "review/login",
                allow_redirects=False,
                data={"csrf_token": csrf, "name": "alice", "password": "guess"},
            ).status_code
        )

    threads = [threading.Thread(target=guess, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [401] * 5 + [429] * 25
    assert attempt(server, "alice", PASSWORD) == 429


def test_a_huge_login_name_is_refused_and_not_stored(server, review_db):  # noqa: F811
    assert attempt(server, "n" * 450_000, "guess") == 400
    assert attempt(server, "n" * 201, "guess") == 400
    assert rows(review_db, "SELECT count(*) FROM failed_logins") == [(0,)]
    assert rows(review_db, "SELECT count(*) FROM audit WHERE length(editor) > 200") == [(0,)]


def test_failed_login_rows_are_capped(review_db, monkeypatch):  # noqa: F811
    from dashboard.review import records
    from dashboard.store.rows import Store

    monkeypatch.setattr(records, "MAX_FAILURE_ROWS", 20)
    with Store(review_db) as store:
        now = time.time()
        with store.engine.begin() as conn:  # one pair locked: kept while the unlocked ones are forgotten
            records.count_attempt(conn, "alice", "10.0.0.1", now, 5, 900)
            records.add_failure(conn, "alice", "10.0.0.1", 9, now)
        for n in range(60):
            with store.engine.begin() as conn:
                failures, _ = records.count_attempt(conn, f"name{n}", "10.0.0.2", now + n, 5, 900)
                records.add_failure(conn, f"name{n}", "10.0.0.2", failures + 1, now + n)
        assert store.rows("SELECT count(*) FROM failed_logins") <= [(20,)]
        assert store.rows("SELECT failures FROM failed_logins WHERE name = 'alice'") == [(9,)]


def test_the_locks_clock_is_wall_time_shared_by_every_process(server, review_db):  # noqa: F811
    """A lock written by another worker (seconds since the epoch) holds here; one from two hours ago does not."""
    from dashboard.store.rows import Store

    with Store(review_db) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO failed_logins VALUES ('alice', '127.0.0.1', 6, %s)" % (time.time() - 5))
    assert attempt(server, "alice", PASSWORD) == 429
    with Store(review_db) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE failed_logins SET last_failure = %s" % (time.time() - 7200))
    assert attempt(server, "alice", PASSWORD) == 303


def test_the_cookie_is_secure_over_https_from_a_trusted_proxy_or_when_set(review_db, tmp_path):  # noqa: F811
    def cookie(base, headers=None):
        client = requests.Session()
        answer = client.get(base + "review/login", headers=headers or {})
        return answer.headers["Set-Cookie"]

    with dashboard_server(review_db, extra_env=review_env(tmp_path, CONFLICT_MAP_TRUSTED_PROXIES="127.0.0.1")) as base:
        assert "Secure" not in cookie(base)
        assert "Secure" in cookie(base, {"X-Forwarded-Proto": "https"})
        assert "HttpOnly" in cookie(base) and "SameSite=Lax" in cookie(base)
    with dashboard_server(review_db, extra_env=review_env(tmp_path)) as base:  # 127.0.0.1 is no proxy here
        assert "Secure" not in cookie(base, {"X-Forwarded-Proto": "https"})
    with dashboard_server(review_db, extra_env=review_env(tmp_path, CONFLICT_MAP_SECURE_COOKIE="on")) as base:
        assert "Secure" in cookie(base)


def test_two_user_headers_from_the_proxy_are_refused(review_db, tmp_path):  # noqa: F811
    with dashboard_server(review_db, extra_env=review_env(tmp_path, CONFLICT_MAP_TRUSTED_PROXIES="127.0.0.1")) as base:
        import http.client

        host, port = base.split("//")[1].rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.putrequest("GET", "/review")
        connection.putheader("X-Remote-User", "alice")
        connection.putheader("X-Remote-User", "bob")
        connection.endheaders()
        answer = connection.getresponse()
        assert answer.status == 400 and b"names more than one user" in answer.read()
        one = requests.get(base + "review", headers={"X-Remote-User": "alice"})
        assert one.status_code == 200 and 'id="editor-name">alice (sso)<' in one.text
