"""The review desk when the store fails under it (issue 24 #10, #12, #14), on real servers: the SQLite file deleted
and restored from a backup while serving, PostgreSQL restarted or down, the disk full. No decision is acknowledged
that was not stored, the pages say what is wrong (503 with a message, never a bare 500), and once the store is back
the next request works.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from tests.servers import dashboard_server
from tests.test_bounds import review_db  # noqa: F401
from tests.test_review_http import add_editor, first_claim, login, review_env, token

UNAVAILABLE = "The event database cannot be read or written now"


def decide(base, session, csrf, event, decision="confirm"):
    return session.post(
        base + "review/decide",
        allow_redirects=False,
        data={"csrf_token": csrf, "event_id": event, "decision": decision, "note": "n"},
    )


def test_a_sqlite_file_replaced_while_serving_gets_the_decisions(seeded_db, tmp_path):
    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    add_editor(db, "alice")
    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        csrf, event = token(queue.text), first_claim(queue.text)
        assert decide(base, session, csrf, event).status_code == 303
        backup = tmp_path / "backup.db"
        with sqlite3.connect(db) as source, sqlite3.connect(backup) as copy:
            source.backup(copy)
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"events.db{suffix}").unlink(missing_ok=True)
        missing = session.get(base + "review")
        assert missing.status_code == 503 and UNAVAILABLE in missing.text
        refused = decide(base, session, csrf, event, "reject")
        assert refused.status_code == 503 and "nothing was saved" in refused.text
        assert not db.exists()  # no empty file made in its place
        shutil.copy(backup, db)  # restored from the backup
        assert decide(base, session, csrf, event, "reject").status_code == 303
        assert session.get(base + "review").status_code == 200
    assert sqlite3.connect(db).execute("SELECT state FROM revisions ORDER BY id").fetchall() == [
        ("confirmed",),
        ("rejected",),
    ]


def test_postgresql_restarted_or_down(postgres_cluster, tmp_path):
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store
    from tests.conftest import ROOT

    db = postgres_cluster.create_database("restart")
    with Store(db) as store:
        ingest([ROOT / "seeds"], store)
    add_editor(db, "alice")
    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        csrf, event = token(queue.text), first_claim(queue.text)
        assert decide(base, session, csrf, event).status_code == 303  # the writer's pooled connection is open
        postgres_cluster._pg("pg_ctl", "-D", str(postgres_cluster.data), "-m", "fast", "-w", "stop")
        try:
            down = session.get(base + "review")
            assert down.status_code == 503 and UNAVAILABLE in down.text
            assert decide(base, session, csrf, event, "reject").status_code == 503
        finally:
            postgres_cluster._start()
        # every pooled connection is stale now: pinged and replaced, not a 500
        assert decide(base, session, csrf, event, "reject").status_code == 303
        assert session.get(base + "review").status_code == 200
    with Store(db) as store:
        assert store.rows("SELECT state FROM revisions ORDER BY id") == [("confirmed",), ("rejected",)]


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_full_disk_answers_a_message_and_acknowledges_nothing(seeded_db, small_disk, tmp_path):
    db = small_disk / "events.db"
    shutil.copy(seeded_db, db)
    add_editor(db, "alice")
    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        csrf, event = token(queue.text), first_claim(queue.text)
        with open(small_disk / "filler", "wb") as filler:  # the disk full, as far as it goes
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        statuses = [decide(base, session, csrf, event, "reject") for _ in range(3)]
        assert {a.status_code for a in statuses} == {503}, [a.status_code for a in statuses]
        assert "nothing was saved" in statuses[0].text
        (small_disk / "filler").unlink()
        assert decide(base, session, csrf, event, "reject").status_code == 303
    states = sqlite3.connect(db).execute("SELECT state FROM revisions").fetchall()
    assert states == [("rejected",)]
