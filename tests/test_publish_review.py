"""The static publish with newsroom review on (issue 24 #3 and the guarantee "the static publish excludes unreviewed
claims"): it writes exactly the reviewed claims it reports, with their corrected values, and opens nothing of the
instance's own (no database file, no secret key in the working folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_publish_with_review_on_writes_the_reviewed_claims_it_reports(seeded_db, tmp_path):
    from dashboard.publish import events_in_layout
    from dashboard.review import records
    from dashboard.store.rows import Store

    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    with Store(db) as store:
        keys = list(store.events_frame()["event_key"])
        with store.engine.begin() as conn:
            for key in keys[:3]:
                records.add_revision(
                    conn, event_key=key, state="confirmed", changes={}, extracted={}, note="", editor="alice"
                )
            records.add_revision(
                conn, event_key=keys[3], state="rejected", changes={}, extracted={}, note="", editor="alice"
            )
    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CONFLICT_MAP_REVIEW": "on",
        "CONFLICT_MAP_SECRET_FILE": "secret-key",
        "CONFLICT_MAP_DB": "instance.db",
    }
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.publish", "--db", str(db), "--out", "site"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "published 3 events" in done.stdout, done.stdout + done.stderr
    assert sorted(os.listdir(work)) == ["site"]  # no unused.db, no secret-key, no instance.db
    layout = json.loads((work / "site" / "_dash-layout.json").read_text())
    assert events_in_layout(layout) == 3  # the 3 confirmed; not the 15 new, not the rejected


def test_the_layout_count_is_what_publish_checks(seeded_index):
    from dashboard.publish import events_in_layout
    from dashboard.web.layout import page
    from dashboard.web.source import EventSource

    source = EventSource.from_frame(seeded_index.frame)
    layout = json.loads(
        json.dumps(
            page(source.index(), source.geojson, "/", static=True).to_plotly_json(),
            default=lambda o: o.to_plotly_json(),
        )
    )
    assert events_in_layout(layout) == seeded_index.size == 19


def test_publish_keeps_the_claims_of_its_from_and_to_days(seeded_db, tmp_path):
    """``--from`` and ``--to`` both count (docs/deployment.md: the events between them): the seeds have claims
    ending on 24 Jun (6), 10 Sep (3) and 11 Sep 2022 (1) and on days outside, so a day lost at either end shows;
    and the page's scripts and styles are named relative to it, the licences beside them."""
    from dashboard.publish import events_in_layout

    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONFLICT_MAP_REVIEW": "off"}
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.publish", "--db", str(seeded_db), "--out", str(tmp_path / "site")]
        + ["--from", "2022-06-24", "--to", "2022-09-11"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "published 10 events" in done.stdout, done.stdout + done.stderr
    layout = json.loads((tmp_path / "site" / "_dash-layout.json").read_text())
    assert events_in_layout(layout) == 10
    # docs/deployment.md: paths are relative, so the folder works under any path of a host
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    rooted = re.findall(r'(?:src|href)="/(?!/)[^"]*"', page)
    assert rooted == [] and 'src="./' in page, rooted[:3]
    for licence in ("CREDITS-geodata.md", "assets/vendor/plotly-geo.LICENSE.txt"):  # the map data's, plotly.js's
        assert (tmp_path / "site" / licence).is_file(), licence
