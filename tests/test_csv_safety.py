"""CSV cells a spreadsheet would run as formulas are neutralised (issue 24 #9): outlet, sentence and note cells
starting with = + - @, a tab or a carriage return get a leading single quote in ``loader export`` and in the review
desk's ``revisions.csv``; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from tests.servers import dashboard_server
from tests.test_review_http import add_editor, first_claim, login, review_env, token

ROOT = Path(__file__).resolve().parent.parent
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_the_loader_export_neutralises_formula_cells(tmp_path, new_database):
    db = new_database()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps(
                {
                    "text": f"Ukrainian forces captured Kupiansk on Saturday, report {n}.",
                    "published": "2022-09-11",
                    "outlet": outlet,
                }
            )
            + "\n"
            for n, outlet in enumerate(FORMULAS)
        )
    )
    for command in (["ingest", str(feed)], ["export", "--csv", str(tmp_path / "out.csv"), "--view", "all"]):
        done = subprocess.run(
            [sys.executable, "-m", "dashboard.loader", *command, "--db", db],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((tmp_path / "out.csv").open(newline="")))
    assert sorted(row["outlet"] for row in rows) == sorted("'" + f for f in FORMULAS)
    assert all(row["settlements"] == "" or row["settlements"].isdigit() for row in rows)


def test_revisions_csv_neutralises_formula_cells(seeded_db, tmp_path):
    import shutil

    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    add_editor(db, "alice")
    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        session.post(
            base + "review/decide",
            data={
                "csrf_token": token(queue.text),
                "event_id": first_claim(queue.text),
                "decision": "reject",
                "note": "=cmd|' /C calc'!A0",
            },
        )
        exported = session.get(base + "review/revisions.csv").text
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [row["note"] for row in rows] == ["'=cmd|' /C calc'!A0"]
