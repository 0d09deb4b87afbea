"""Who may write: editors' sessions (argon2-hashed passwords) or a trusted single-sign-on proxy's user header.

- ``Editing(settings, engine)`` knows how this instance lets editors in.
  ``editor()`` is the editor of the current request, or None: the user
  header (``CONFLICT_MAP_USER_HEADER``) counts only on a request whose peer
  address is one of ``CONFLICT_MAP_TRUSTED_PROXIES``; from any other address
  it is ignored. Otherwise the Flask session, signed with the instance's
  secret key, names the editor until it expires
  (``CONFLICT_MAP_SESSION_MINUTES``; the login time is in the signed cookie and
  checked here, so an old cookie is refused even if a browser keeps it).
- ``login(name, password)``: argon2 verification (argon2-cffi). After
  ``FREE_FAILURES`` failed logins in a row for a name, that name is locked:
  ``LOCK_SECONDS`` after the last failure, doubling with each further
  failure up to ``MAX_LOCK_SECONDS``; a login during the lock is refused
  without checking the password (HTTP 429). The counts live in the database,
  so every worker process sees them.
- ``csrf_token()`` / ``check_csrf()``: a random token per session, sent back
  in every form (``csrf_token``) or header (``X-CSRF-Token``); a write
  without it, or with another, gets 403.
- ``secret_key(path)``: the key that signs session cookies, read from a file
  outside git (``CONFLICT_MAP_SECRET_FILE``), made with 32 random bytes and
  mode 600 on first use.
"""
from __future__ import annotations

import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import flask
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Engine

from dashboard.review import records

FREE_FAILURES = 5          # failed logins in a row before a name is locked
LOCK_SECONDS = 30          # the first lock; doubles with every further failure
MAX_LOCK_SECONDS = 15 * 60
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_HASHER = PasswordHasher()
# verified when the name is unknown, so a wrong name costs as much time as a wrong password
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def secret_key(path: Path) -> bytes:
    """The instance's session-signing key, made on first use (32 random bytes, hex, mode 600)."""
    path = Path(path)
    if path.is_file():
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise ValueError(f"{path}: the secret key is shorter than 32 characters; delete the file to make one")
        return key.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key.encode()


@dataclass
class LoginResult:
    editor: str | None
    status: int          # 200 logged in, 401 wrong name or password, 429 locked
    message: str


def lock_seconds(failures: int) -> float:
    """How long a name stays locked after its ``failures``-th failure in a row (0: not locked)."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** (failures - FREE_FAILURES)))


class Editing:
    def __init__(self, engine: Engine, trusted_proxies: tuple[str, ...], user_header: str, session_minutes: int):
        self.engine = engine
        self.trusted_proxies = frozenset(trusted_proxies)
        self.user_header = user_header
        self.session_seconds = session_minutes * 60

    def configured(self) -> bool:
        """Whether anyone can write: a trusted proxy is named, or an editor account exists."""
        if self.trusted_proxies:
            return True
        with self.engine.connect() as conn:
            return records.editor_count(conn) > 0

    def editor(self) -> str | None:
        request = flask.request
        if request.remote_addr in self.trusted_proxies:
            name = (request.headers.get(self.user_header) or "").strip()
            if name:
                return f"{name} (sso)"
        name, logged_in = flask.session.get("editor"), flask.session.get("logged_in", 0)
        if isinstance(name, str) and isinstance(logged_in, (int, float)) \
                and 0 <= time.time() - logged_in < self.session_seconds:
            return name
        return None

    def login(self, name: str, password: str) -> LoginResult:
        name = name.strip()
        remote = flask.request.remote_addr or ""
        if not name or not password:
            return LoginResult(None, 401, "Give your name and password.")
        with self.engine.begin() as conn:
            failures, last = records.failures(conn, name)
            wait = last + lock_seconds(failures) - time.time()
            if wait > 0:
                records.record_audit(conn, name, "login:locked", {"failures": failures}, remote)
                return LoginResult(None, 429, f"Too many failed logins for this name: try again in "
                                              f"{int(wait) + 1} seconds.")
            stored = records.editor_hash(conn, name)
        try:
            _HASHER.verify(stored or _DUMMY_HASH, password)
            ok = stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        with self.engine.begin() as conn:
            if not ok:
                records.add_failure(conn, name, remote)
                return LoginResult(None, 401, "Wrong name or password.")
            records.clear_failures(conn, name, remote)
        flask.session.clear()
        flask.session.permanent = True
        flask.session["editor"] = name
        flask.session["logged_in"] = time.time()
        flask.session[CSRF_FIELD] = secrets.token_urlsafe(32)
        return LoginResult(name, 200, "")

    @staticmethod
    def logout() -> None:
        flask.session.clear()


def csrf_token() -> str:
    token = flask.session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = flask.session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """403 unless the request carries this session's CSRF token."""
    expected = flask.session.get(CSRF_FIELD)
    sent = flask.request.form.get(CSRF_FIELD) or flask.request.headers.get(CSRF_HEADER) or ""
    if not isinstance(expected, str) or not hmac.compare_digest(expected.encode(), sent.encode()):
        flask.abort(403, "This form has expired or did not come from this page: reload the page and try again.")
