"""``python -m dashboard.users`` (issue 13): editors' accounts stored as argon2id hashes, changes audited; the
session key file made once, private."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from argon2 import PasswordHasher

from dashboard.review.auth import lock_seconds, secret_key

ROOT = Path(__file__).resolve().parent.parent


def users(db, *args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "dashboard.users", *args, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_an_editor_is_stored_as_an_argon2_hash(tmp_path):
    db = tmp_path / "e.db"
    assert users(db, "add", "olena", stdin="a long enough secret\n").returncode == 0
    (stored,) = sqlite3.connect(db).execute("SELECT password_hash FROM editors WHERE name = 'olena'").fetchone()
    assert stored.startswith("$argon2id$") and "a long enough secret" not in stored
    assert PasswordHasher().verify(stored, "a long enough secret")
    assert users(db, "add", "olena", stdin="another long secret\n").stdout.startswith("new password for olena")
    # name, role, state, creation time (issue 26: accounts a newsroom can run)
    assert users(db, "list").stdout.split("\t")[:3] == ["olena", "editor", "active"]
    short = users(db, "add", "taras", stdin="short\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    assert users(db, "remove", "olena").returncode == 0 and users(db, "list").stdout == ""
    actions = [r[0] for r in sqlite3.connect(db).execute("SELECT action FROM audit ORDER BY id")]
    assert actions == ["editor:add", "editor:password", "editor:remove"]


def test_the_session_key_is_made_once_and_private(tmp_path):
    path = tmp_path / "keys" / "secret-key"
    first = secret_key(path)
    assert len(first) == 64 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(path) == first


def test_the_lock_grows_with_failures():
    assert [lock_seconds(n) for n in (0, 4, 5, 6, 7, 20)] == [0, 0, 30, 60, 120, 900]
