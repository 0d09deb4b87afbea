"""The review's rows in the store: decisions (revisions), editors, failed logins, the audit trail.

Reads take a SQLAlchemy connection (the dashboard's read-only one is enough);
writes take the writer engine's connection inside a transaction, and every
write function appends its own audit row in the same transaction, so there is
no write without its record. A database the review migration has not reached
(schema before v2, opened read-only) has no decisions: ``latest_decisions``
answers an empty table.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from dashboard.review.view import STATES
from dashboard.store.rows import DECISION_COLUMNS, has_review_tables
from dashboard.store.tables import ROLES, audit, editor_sessions, editors, failed_logins, revisions

MAX_FAILURE_ROWS = 10_000  # failed-login rows kept (name and address pairs): unauthenticated requests
FAILURE_MEMORY_SECONDS = 24 * 3600  # a pair's failures are forgotten a day after its last one
_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def history(conn: Connection, event_key: str) -> list[dict]:
    """Every decision on one claim, oldest first: state, changes, what was extracted, note, editor, time."""
    if not has_review_tables(conn):
        return []
    rows = conn.execute(select(revisions).where(revisions.c.event_key == event_key).order_by(revisions.c.id))
    return [
        {**row._mapping, "changes": json.loads(row.changes), "extracted": json.loads(row.extracted)} for row in rows
    ]


def all_revisions(conn: Connection) -> pd.DataFrame:
    """Every decision ever made (the history export), oldest first."""
    if not has_review_tables(conn):
        return pd.DataFrame(columns=["id", *DECISION_COLUMNS])
    return pd.read_sql_query(select(revisions).order_by(revisions.c.id), conn)


def record_audit(conn: Connection, editor: str, action: str, detail: dict, remote_addr: str = "") -> None:
    conn.execute(
        audit.insert().values(
            at=now_iso(),
            editor=editor,
            action=action,
            detail=json.dumps(detail, ensure_ascii=False, default=str),
            remote_addr=remote_addr or "",
        )
    )


def add_revision(
    conn: Connection,
    *,
    event_key: str,
    state: str,
    changes: dict,
    extracted: dict,
    note: str,
    editor: str,
    remote_addr: str = "",
) -> int:
    """One decision on one claim, and its audit row."""
    if state not in STATES:
        raise ValueError(f"unknown review state {state!r}: one of {', '.join(STATES)}")
    revision_id = conn.execute(
        revisions.insert()
        .values(
            event_key=event_key,
            state=state,
            changes=json.dumps(changes, ensure_ascii=False, default=str),
            extracted=json.dumps(extracted, ensure_ascii=False, default=str),
            note=note,
            editor=editor,
            created_at=now_iso(),
        )
        .returning(revisions.c.id)
    ).scalar()
    record_audit(
        conn,
        editor,
        f"review:{state}",
        {"event_key": event_key, "revision": revision_id, "changes": changes, "note": note},
        remote_addr,
    )
    return revision_id


# --- editors -------------------------------------------------------------------------------------------
def editor_hash(conn: Connection, name: str) -> str | None:
    if not has_review_tables(conn):
        return None
    # a disabled account has no password that works (its name is refused like an unknown one)
    return conn.execute(
        select(editors.c.password_hash).where(editors.c.name == name, editors.c.disabled_at == "")
    ).scalar()


def editor_count(conn: Connection) -> int:
    if not has_review_tables(conn):
        return 0
    return conn.execute(select(func.count()).select_from(editors)).scalar()


def accounts(conn: Connection) -> list[dict]:
    """Every editor's account: name, role, created_at, disabled_at ('' while active), by name."""
    query = select(editors.c.name, editors.c.role, editors.c.created_at, editors.c.disabled_at).order_by(editors.c.name)
    return [dict(row._mapping) for row in conn.execute(query)]


def editor_role(conn: Connection, name: str) -> str | None:
    """An active editor's role, or None (no such account, or disabled)."""
    return conn.execute(select(editors.c.role).where(editors.c.name == name, editors.c.disabled_at == "")).scalar()


def set_disabled(conn: Connection, name: str, disabled: bool, by: str) -> bool:
    """Disable an account (its sessions end; it cannot sign in; its decisions stay) or enable it again; False
    when there is no such account."""
    changed = (
        conn.execute(
            editors.update().where(editors.c.name == name).values(disabled_at=now_iso() if disabled else "")
        ).rowcount
        > 0
    )
    if changed:
        if disabled:
            end_sessions(conn, name)
        record_audit(conn, by, "editor:disable" if disabled else "editor:enable", {"name": name})
    return changed


def set_role(conn: Connection, name: str, role: str, by: str) -> bool:
    """Give an account a role (``ROLES``); False when there is no such account."""
    if role not in ROLES:
        raise ValueError(f"role: {role!r} is not one of {', '.join(ROLES)}")
    changed = conn.execute(editors.update().where(editors.c.name == name).values(role=role)).rowcount > 0
    if changed:
        record_audit(conn, by, "editor:role", {"name": name, "role": role})
    return changed


def audit_rows(conn: Connection, editor: str | None = None, limit: int = 500) -> list[dict]:
    """The newest audit rows, all editors' (``editor`` None: an admin's view) or one editor's own."""
    query = select(audit).order_by(audit.c.id.desc()).limit(limit)
    if editor is not None:
        query = query.where(audit.c.editor == editor)
    return [dict(row._mapping) for row in conn.execute(query)]


def editor_names(conn: Connection) -> list[str]:
    return list(conn.execute(select(editors.c.name).order_by(editors.c.name)).scalars())


def set_editor(conn: Connection, name: str, password_hash: str, by: str) -> bool:
    """Add an editor or replace their password hash; True when the name is new."""
    exists = conn.execute(select(editors.c.id).where(editors.c.name == name)).first() is not None
    if exists:  # a new password ends the sessions the old one opened
        conn.execute(editors.update().where(editors.c.name == name).values(password_hash=password_hash))
        end_sessions(conn, name)
    else:
        conn.execute(editors.insert().values(name=name, password_hash=password_hash, created_at=now_iso()))
    record_audit(conn, by, "editor:password" if exists else "editor:add", {"name": name})
    return not exists


def remove_editor(conn: Connection, name: str, by: str) -> bool:
    """Remove an editor and end every session of theirs."""
    end_sessions(conn, name)
    removed = conn.execute(editors.delete().where(editors.c.name == name)).rowcount > 0
    if removed:
        record_audit(conn, by, "editor:remove", {"name": name})
    return removed


# --- sessions -----------------------------------------------------------------------------------------
def start_session(conn: Connection, editor: str, token_hash: str, now: float, lifetime: float) -> None:
    """A new signed-in session (sessions older than ``lifetime`` are dropped on the way)."""
    conn.execute(editor_sessions.delete().where(editor_sessions.c.created_at < now - lifetime))
    conn.execute(editor_sessions.insert().values(token_hash=token_hash, editor=editor, created_at=now))


def session_editor(conn: Connection, token_hash: str, since: float) -> str | None:
    """The editor of a session started after ``since`` whose account still exists, or None."""
    query = (
        select(editor_sessions.c.editor)
        .join_from(editor_sessions, editors, editors.c.name == editor_sessions.c.editor)
        .where(
            editor_sessions.c.token_hash == token_hash,
            editor_sessions.c.created_at >= since,
            editors.c.disabled_at == "",
        )
    )
    return conn.execute(query).scalar()


def end_session(conn: Connection, token_hash: str) -> None:
    conn.execute(editor_sessions.delete().where(editor_sessions.c.token_hash == token_hash))


def end_sessions(conn: Connection, editor: str) -> int:
    """End every session of an editor (sign out everywhere, removal, new password); how many there were."""
    return conn.execute(editor_sessions.delete().where(editor_sessions.c.editor == editor)).rowcount


# --- failed logins -------------------------------------------------------------------------------------
def count_attempt(
    conn: Connection, name: str, remote_addr: str, now: float, free_failures: int, max_lock_seconds: float
) -> tuple[int, float]:
    """Inside the caller's transaction: lock the (name, address) pair's row and return its (failures, last
    failure) before this attempt. At most ``MAX_FAILURE_ROWS`` rows are kept (pairs not locked are forgotten
    first). The row is made if need be, so two attempts at once queue on it
    (PostgreSQL: ``FOR UPDATE``; SQLite: the writer's ``BEGIN IMMEDIATE`` holds the database)."""
    key = (failed_logins.c.name == name) & (failed_logins.c.remote_addr == remote_addr)
    row = conn.execute(
        select(failed_logins.c.failures, failed_logins.c.last_failure).where(key).with_for_update()
    ).first()
    if row is None:
        conn.execute(failed_logins.delete().where(failed_logins.c.last_failure < now - FAILURE_MEMORY_SECONDS))
        if conn.execute(select(func.count()).select_from(failed_logins)).scalar() >= MAX_FAILURE_ROWS:
            # full (many names tried): forget the pairs that are not locked now first, then the oldest
            conn.execute(
                failed_logins.delete().where(
                    (failed_logins.c.failures < free_failures) | (failed_logins.c.last_failure < now - max_lock_seconds)
                )
            )
            if conn.execute(select(func.count()).select_from(failed_logins)).scalar() >= MAX_FAILURE_ROWS:
                oldest = (
                    select(failed_logins.c.last_failure)
                    .order_by(failed_logins.c.last_failure)
                    .offset(MAX_FAILURE_ROWS // 10)
                    .limit(1)
                    .scalar_subquery()
                )
                conn.execute(failed_logins.delete().where(failed_logins.c.last_failure <= oldest))
        conn.execute(
            _INSERT[conn.dialect.name](failed_logins)
            .values(name=name, remote_addr=remote_addr, failures=0, last_failure=0.0)
            .on_conflict_do_nothing()
        )
        row = conn.execute(
            select(failed_logins.c.failures, failed_logins.c.last_failure).where(key).with_for_update()
        ).first()
    return row[0], row[1]


def add_failure(conn: Connection, name: str, remote_addr: str, failures: int, now: float) -> None:
    """Count a failed (or not yet verified) attempt: ``failures`` in a row now, the last at ``now``."""
    conn.execute(
        failed_logins.update()
        .where((failed_logins.c.name == name) & (failed_logins.c.remote_addr == remote_addr))
        .values(failures=failures, last_failure=now)
    )


def clear_failures(conn: Connection, name: str, remote_addr: str) -> None:
    conn.execute(
        failed_logins.delete().where((failed_logins.c.name == name) & (failed_logins.c.remote_addr == remote_addr))
    )
    record_audit(conn, name, "login", {}, remote_addr)
