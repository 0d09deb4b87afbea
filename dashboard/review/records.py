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
import time
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from dashboard.review.view import STATES
from dashboard.store import DECISION_COLUMNS, has_review_tables
from dashboard.tables import audit, editors, login_failures, revisions


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def history(conn: Connection, event_key: str) -> list[dict]:
    """Every decision on one claim, oldest first: state, changes, what was extracted, note, editor, time."""
    if not has_review_tables(conn):
        return []
    rows = conn.execute(select(revisions).where(revisions.c.event_key == event_key).order_by(revisions.c.id))
    return [{**row._mapping, "changes": json.loads(row.changes), "extracted": json.loads(row.extracted)}
            for row in rows]


def all_revisions(conn: Connection) -> pd.DataFrame:
    """Every decision ever made (the history export), oldest first."""
    if not has_review_tables(conn):
        return pd.DataFrame(columns=["id", *DECISION_COLUMNS])
    return pd.read_sql_query(select(revisions).order_by(revisions.c.id), conn)


def record_audit(conn: Connection, editor: str, action: str, detail: dict, remote_addr: str = "") -> None:
    conn.execute(audit.insert().values(at=now_iso(), editor=editor, action=action,
                                       detail=json.dumps(detail, ensure_ascii=False, default=str),
                                       remote_addr=remote_addr or ""))


def add_revision(conn: Connection, *, event_key: str, state: str, changes: dict, extracted: dict, note: str,
                 editor: str, remote_addr: str = "") -> int:
    """One decision on one claim, and its audit row."""
    if state not in STATES:
        raise ValueError(f"unknown review state {state!r}: one of {', '.join(STATES)}")
    revision_id = conn.execute(revisions.insert().values(
        event_key=event_key, state=state, changes=json.dumps(changes, ensure_ascii=False, default=str),
        extracted=json.dumps(extracted, ensure_ascii=False, default=str), note=note, editor=editor,
        created_at=now_iso()).returning(revisions.c.id)).scalar()
    record_audit(conn, editor, f"review:{state}", {"event_key": event_key, "revision": revision_id,
                                                   "changes": changes, "note": note}, remote_addr)
    return revision_id


# --- editors -------------------------------------------------------------------------------------------
def editor_hash(conn: Connection, name: str) -> str | None:
    if not has_review_tables(conn):
        return None
    return conn.execute(select(editors.c.password_hash).where(editors.c.name == name)).scalar()


def editor_count(conn: Connection) -> int:
    if not has_review_tables(conn):
        return 0
    return conn.execute(select(func.count()).select_from(editors)).scalar()


def editor_names(conn: Connection) -> list[str]:
    return list(conn.execute(select(editors.c.name).order_by(editors.c.name)).scalars())


def set_editor(conn: Connection, name: str, password_hash: str, by: str) -> bool:
    """Add an editor or replace their password hash; True when the name is new."""
    exists = conn.execute(select(editors.c.id).where(editors.c.name == name)).first() is not None
    if exists:
        conn.execute(editors.update().where(editors.c.name == name).values(password_hash=password_hash))
    else:
        conn.execute(editors.insert().values(name=name, password_hash=password_hash, created_at=now_iso()))
    record_audit(conn, by, "editor:password" if exists else "editor:add", {"name": name})
    return not exists


def remove_editor(conn: Connection, name: str, by: str) -> bool:
    removed = conn.execute(editors.delete().where(editors.c.name == name)).rowcount > 0
    if removed:
        record_audit(conn, by, "editor:remove", {"name": name})
    return removed


# --- failed logins -------------------------------------------------------------------------------------
def failures(conn: Connection, name: str) -> tuple[int, float]:
    """(failed logins in a row, time of the last) for a name."""
    row = conn.execute(select(login_failures.c.failures, login_failures.c.last_failure)
                       .where(login_failures.c.name == name)).first()
    return (row[0], row[1]) if row else (0, 0.0)


def add_failure(conn: Connection, name: str, remote_addr: str) -> int:
    count, _ = failures(conn, name)
    if count:
        conn.execute(login_failures.update().where(login_failures.c.name == name)
                     .values(failures=count + 1, last_failure=time.time()))
    else:
        conn.execute(login_failures.insert().values(name=name, failures=1, last_failure=time.time()))
    record_audit(conn, name, "login:failed", {"failures": count + 1}, remote_addr)
    return count + 1


def clear_failures(conn: Connection, name: str, remote_addr: str) -> None:
    conn.execute(login_failures.delete().where(login_failures.c.name == name))
    record_audit(conn, name, "login", {}, remote_addr)
