"""Who may write: editors' sessions (argon2-hashed passwords) or a trusted single-sign-on proxy's user header.

- ``Editing(settings, engine)`` knows how this instance lets editors in.
  ``editor()`` is the editor of the current request, or None: the user
  header (``CONFLICT_MAP_USER_HEADER``) counts only on a request whose peer
  address is one of ``CONFLICT_MAP_TRUSTED_PROXIES``; from any other address
  it is ignored, and a header naming more than one user (two headers joined
  by a comma) is refused (400). Otherwise the session cookie, signed with the
  instance's secret key, carries a random session id; the server-side
  session it names (``editor_sessions``, checked on every request) names the
  editor until it expires (``CONFLICT_MAP_SESSION_MINUTES``), the editor
  signs out (this session) or signs out everywhere (all of theirs), gets a
  new password, or is removed (``dashboard.users``): a cookie saved before
  any of these is refused at once.
- ``login(name, password)``: argon2 verification (argon2-cffi). Failed logins
  are counted per name AND client address, so nobody can lock an editor out
  from another address. After ``FREE_FAILURES`` failures in a row of a pair,
  it is locked: ``LOCK_SECONDS`` after the last failure, doubling with each
  further failure up to ``MAX_LOCK_SECONDS``; a login during the lock is
  refused without checking the password (HTTP 429). The check and the count
  are one transaction, and every attempt is counted before its password is
  verified (cleared when it was right), so parallel guesses cannot slip
  between them. The counts live in the database with wall-clock times, so
  every worker process sees them. A name over ``MAX_NAME_CHARS`` is refused
  (400) without being stored; at most ``records.MAX_FAILURE_ROWS`` pairs are
  kept.
- ``cookie_secure()``: whether the session cookie gets ``Secure``
  (``CONFLICT_MAP_SECURE_COOKIE``: ``on``, ``off``, or ``auto``: when the
  request came over https, directly or per ``X-Forwarded-Proto`` from a
  trusted proxy).
- ``csrf_token()`` / ``check_csrf()``: a random token per session, sent back
  in every form (``csrf_token``) or header (``X-CSRF-Token``); a write
  without it, or with another, gets 403.
- ``secret_key(path)``: the key that signs session cookies, read from a file
  outside git (``CONFLICT_MAP_SECRET_FILE``), made with 32 random bytes and
  mode 600 on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import flask
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy.engine import Engine

from dashboard.review import records

FREE_FAILURES = 5  # failed logins in a row before a name is locked
LOCK_SECONDS = 30  # the first lock; doubles with every further failure
MAX_LOCK_SECONDS = 15 * 60
MAX_NAME_CHARS = 200  # a login name longer than this is refused, never stored
MAX_PASSWORD_CHARS = 1024
SESSION_ID = "sid"  # the session cookie's key holding the random session id
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
    status: int  # 200 logged in, 401 wrong name or password, 429 locked
    message: str


def lock_seconds(failures: int) -> float:
    """How long a name stays locked after its ``failures``-th failure in a row (0: not locked)."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** (failures - FREE_FAILURES)))


def _token_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class Editing:
    def __init__(
        self,
        engine: Engine,
        trusted_proxies: tuple[str, ...],
        user_header: str,
        session_minutes: int,
        read_engine: Engine | None = None,
        secure_cookie: str = "auto",
    ):
        self.engine = engine
        self.read_engine = read_engine or engine  # session checks on every request: the read-only engine
        self.trusted_proxies = frozenset(trusted_proxies)
        self.user_header = user_header
        self.session_seconds = session_minutes * 60
        self.secure_cookie = secure_cookie

    def configured(self) -> bool:
        """Whether anyone can write: a trusted proxy is named, or an editor account exists."""
        if self.trusted_proxies:
            return True
        with self.read_engine.connect() as conn:
            return records.editor_count(conn) > 0

    def from_proxy(self) -> bool:
        return flask.request.remote_addr in self.trusted_proxies

    def cookie_secure(self) -> bool:
        if self.secure_cookie in ("on", "off"):
            return self.secure_cookie == "on"
        request = flask.request
        forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        return request.scheme == "https" or (self.from_proxy() and forwarded == "https")

    def editor(self) -> str | None:
        """The editor of this request (looked up once per request), or None."""
        if "conflict_map_editor" not in flask.g:
            flask.g.conflict_map_editor = None  # a request refused while looking (a bad header): nobody
            flask.g.conflict_map_editor = self._editor()
        return flask.g.conflict_map_editor

    def _editor(self) -> str | None:
        request = flask.request
        if self.from_proxy():
            values = request.headers.getlist(self.user_header)
            names = [part.strip() for value in values for part in value.split(",")]
            if len([n for n in names if n]) > 1:
                flask.abort(400, f"The {self.user_header} header names more than one user.")
            name = names[0] if names else ""
            if name:
                if len(name) > MAX_NAME_CHARS or any(ord(c) < 32 for c in name):
                    flask.abort(400, f"The {self.user_header} header is not a user name.")
                return f"{name} (sso)"
        session_id = flask.session.get(SESSION_ID)
        if not isinstance(session_id, str):
            return None
        # a store that cannot be read raises (the review pages answer 503; the map falls back to the reader's view)
        with self.read_engine.connect() as conn:
            return records.session_editor(conn, _token_hash(session_id), time.time() - self.session_seconds)

    def login(self, name: str, password: str) -> LoginResult:
        name = name.strip()
        remote = flask.request.remote_addr or ""
        if not name or not password:
            return LoginResult(None, 401, "Give your name and password.")
        if len(name) > MAX_NAME_CHARS or len(password) > MAX_PASSWORD_CHARS:
            return LoginResult(
                None,
                400,
                f"A name has at most {MAX_NAME_CHARS} characters and a password at most {MAX_PASSWORD_CHARS}.",
            )
        now = time.time()  # wall time: every worker process compares the same clock with the stored times
        with self.engine.begin() as conn:  # check and count in one transaction
            failures, last = records.count_attempt(conn, name, remote, now, FREE_FAILURES, MAX_LOCK_SECONDS)
            wait = last + lock_seconds(failures) - now
            if wait > 0:
                records.record_audit(conn, name, "login:locked", {"failures": failures}, remote)
                return LoginResult(
                    None, 429, f"Too many failed logins for this name: try again in {int(wait) + 1} seconds."
                )
            # counted as failed before the password is checked: an attempt running beside this one sees it
            records.add_failure(conn, name, remote, failures + 1, now)
            stored = records.editor_hash(conn, name)
        try:
            _HASHER.verify(stored or _DUMMY_HASH, password)
            ok = stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        session_id = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            if not ok:
                records.record_audit(conn, name, "login:failed", {"failures": failures + 1}, remote)
                return LoginResult(None, 401, "Wrong name or password.")
            records.clear_failures(conn, name, remote)
            records.start_session(conn, name, _token_hash(session_id), time.time(), self.session_seconds)
        flask.session.clear()
        flask.session.permanent = True
        flask.session[SESSION_ID] = session_id
        flask.session[CSRF_FIELD] = secrets.token_urlsafe(32)
        flask.g.conflict_map_editor = name
        return LoginResult(name, 200, "")

    def logout(self, everywhere: bool = False) -> None:
        """End this session (``everywhere``: every session of this editor) on the server, and forget the cookie."""
        session_id = flask.session.get(SESSION_ID)
        editor = self.editor() if everywhere else None
        if isinstance(session_id, str):
            with self.engine.begin() as conn:
                records.end_session(conn, _token_hash(session_id))
                if editor and not self.from_proxy():
                    count = records.end_sessions(conn, editor)
                    records.record_audit(
                        conn, editor, "logout:everywhere", {"sessions": count + 1}, flask.request.remote_addr or ""
                    )
        flask.session.clear()
        flask.g.conflict_map_editor = None


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with ``Secure`` decided per request (``Editing.cookie_secure``)."""

    def __init__(self, editing: Editing):
        self.editing = editing

    def get_cookie_secure(self, app) -> bool:
        return self.editing.cookie_secure() if flask.has_request_context() else False


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
