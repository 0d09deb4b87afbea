"""An editor's decision reaches readers promptly (issue 24 #21), over real HTTP: gunicorn with two workers and the
app's own reload settings (CONFLICT_MAP_RELOAD_SECONDS unset: 1 s), review on, SQLite and PostgreSQL.

Promised (``dashboard.web.source``): a worker rebuilds its views in the background while it answers from the
views before, and while decisions stream in at most once every ``WRITE_PACE_SECONDS``; so a confirmed claim is
on every worker's reader page within ``reload_seconds`` + ``WRITE_PACE_SECONDS`` + one rebuild, and the first
decision after a quiet spell within ``reload_seconds`` + one rebuild. Here: a confirmation after a quiet spell,
then a second one straight after it (paced), each looked for in the readers' ``_dash-layout`` until eight
answers in a row (both workers) have it.
"""

from __future__ import annotations

import json
import re
import shutil
import time

import pytest
import requests

from dashboard.web.source import WRITE_PACE_SECONDS
from tests.servers import dashboard_server
from tests.test_review_http import add_editor, login, review_env, token

RELOAD_SECONDS = 1.0  # the app's default (dashboard.config)
REBUILD_SLACK = 4.0  # one rebuild of the seed claims' views, on a busy two-core machine, with room to spare


def readers_claims(base: str) -> int:
    """How many claims a reader's page is sent (the events in its layout: the reader's view)."""
    stack = [json.loads(requests.get(base + "_dash-layout", timeout=30).text)]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == "events":
                return len(node["props"]["data"]["day"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise AssertionError("the layout has no events")


def seen_by_every_worker(base: str, claims: int, within: float, started: float) -> float:
    """Seconds from ``started`` until eight answers in a row send readers ``claims`` claims; fails past
    ``within``."""
    in_a_row = 0
    while in_a_row < 8:
        in_a_row = in_a_row + 1 if readers_claims(base) == claims else 0
        elapsed = time.monotonic() - started
        assert elapsed <= within, f"the confirmed claim not on every reader's page {within:.0f} s after"
        time.sleep(0.05)
    return time.monotonic() - started


@pytest.fixture(params=["sqlite", "postgresql"])
def review_db(request, seeded_db, tmp_path):
    if request.param == "sqlite":
        db = tmp_path / "events.db"
        shutil.copy(seeded_db, db)
    else:
        from dashboard.loader.ingest import ingest
        from dashboard.store.rows import Store
        from tests.conftest import ROOT

        db = request.getfixturevalue("postgres_cluster").create_database("reach")
        with Store(db) as store:
            ingest([ROOT / "seeds"], store)
    add_editor(db, "alice")
    return db


def test_a_confirmed_claim_reaches_readers_within_the_promised_time(review_db, tmp_path):
    with dashboard_server(
        review_db, gunicorn=True, workers=2, reload_seconds=None, extra_env=review_env(tmp_path)
    ) as base:
        assert readers_claims(base) == 0  # review on: nothing confirmed, nothing for readers
        session, queue = login(base)
        claims = re.findall(r'data-event="(\d+)"', queue.text)
        time.sleep(RELOAD_SECONDS + 0.5)  # a quiet spell after the workers' first views
        reach = []
        for claim in claims[:2]:  # the first after a quiet spell; the second straight after it, paced
            page = session.get(base + "review").text
            done = session.post(
                base + "review/decide",
                data={"csrf_token": token(page), "event_id": claim, "decision": "confirm", "note": ""},
                allow_redirects=False,
            )
            assert done.status_code == 303
            bound = RELOAD_SECONDS + REBUILD_SLACK + (WRITE_PACE_SECONDS if reach else 0)
            reach.append(seen_by_every_worker(base, len(reach) + 1, bound, time.monotonic()))
        print(f"seconds until every worker's readers had it: {reach[0]:.1f} (quiet), {reach[1]:.1f} (paced)")
