"""Accounts a newsroom can run (issue 26, item 6), on SQLite and PostgreSQL: ``python -m dashboard.users`` lists,
disables, enables, resets passwords and sets roles; only admins manage accounts on the review page and read every
editor's audit trail; a disabled account cannot sign in and its open session ends; every change is audited; no
write without a login, the admin role and the CSRF token.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests

from dashboard.store.rows import Store
from tests.test_desk_http import desk, desk_db  # noqa: F401  (fixtures)
from tests.test_review_http import PASSWORD, add_editor, login, token

ROOT = Path(__file__).resolve().parent.parent


def users(db, *args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.users", *args, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def audit_actions(db) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [
            tuple(r) for r in store.rows("SELECT editor, action FROM audit WHERE action LIKE 'editor:%' ORDER BY id")
        ]


def test_the_command_line_runs_accounts(desk_db):
    db = desk_db
    assert users(db, "add", "root", "--role", "admin", stdin=PASSWORD + "\n").returncode == 0
    listed = users(db, "list").stdout.splitlines()
    assert [line.split("\t")[:3] for line in listed] == [["alice", "editor", "active"], ["root", "admin", "active"]]
    assert users(db, "role", "alice", "admin").stdout.strip() == "alice is now admin"
    assert users(db, "role", "alice", "boss").returncode == 2  # argparse names the choices
    assert users(db, "disable", "alice").stdout.strip() == "disabled editor alice"
    assert "disabled since" in users(db, "list").stdout.splitlines()[0]
    assert users(db, "enable", "alice").returncode == 0
    assert users(db, "reset-password", "alice", stdin="a new long password\n").returncode == 0
    assert users(db, "reset-password", "nobody", stdin="a new long password\n").returncode == 1
    assert users(db, "disable", "nobody").returncode == 1
    assert audit_actions(db) == [
        ("command line", a)
        for a in (
            "editor:add",
            "editor:add",
            "editor:role",
            "editor:role",
            "editor:disable",
            "editor:enable",
            "editor:password",
        )
    ]


def test_only_admins_manage_accounts_and_read_every_editors_audit(desk):
    base, db = desk
    add_editor(db, "bob")
    assert users(db, "add", "root", "--role", "admin", stdin=PASSWORD + "\n").returncode == 0
    alice, page = login(base)
    # an editor: no accounts page, no account writes, only their own audit rows
    assert alice.get(base + "review/accounts").status_code == 403
    csrf = token(page.text)
    assert (
        alice.post(base + "review/accounts", data={"csrf_token": csrf, "name": "bob", "action": "disable"}).status_code
        == 403
    )
    own = alice.get(base + "review/audit")
    assert own.status_code == 200 and "<td>alice</td>" in own.text and "<td>bob</td>" not in own.text
    # nobody signed in: 403 for both
    assert requests.get(base + "review/audit").status_code == 403
    assert requests.post(base + "review/accounts", data={"name": "bob", "action": "disable"}).status_code == 403
    # the admin: without the CSRF token, refused; with it, bob disabled: his open session ends, he cannot sign in
    bob, _ = login(base, "bob")
    assert bob.get(base + "review").status_code == 200
    root, root_page = login(base, "root")
    accounts = root.get(base + "review/accounts")
    assert accounts.status_code == 200 and ">bob</th>" in accounts.text
    assert root.post(base + "review/accounts", data={"name": "bob", "action": "disable"}).status_code == 403
    done = root.post(
        base + "review/accounts", data={"csrf_token": token(accounts.text), "name": "bob", "action": "disable"}
    )
    assert done.status_code == 200 and "Account bob: disable done." in done.text
    assert bob.get(base + "review", allow_redirects=False).status_code == 302  # to the login
    assert login(base, "bob")[1].status_code == 401
    short = root.post(
        base + "review/accounts",
        data={"csrf_token": token(accounts.text), "name": "alice", "action": "reset-password", "password": "short"},
    )
    assert short.status_code == 400 and "password: at least 10 characters" in short.text
    assert (
        root.post(
            base + "review/accounts",
            data={"csrf_token": token(accounts.text), "name": "alice", "action": "role", "role": "admin"},
        ).status_code
        == 200
    )
    everyone = root.get(base + "review/audit").text
    assert "<td>alice</td>" in everyone and "<td>root</td>" in everyone and "editor:disable" in everyone
    assert audit_actions(db)[-2:] == [("root", "editor:disable"), ("root", "editor:role")]
