"""Every number and date that enters the store meets the schema's bounds (issue 24, #1 and #6): the loader refuses a
claim out of bounds and loads the rest of the batch, an editor's correction out of bounds is answered 400 and never
stored, the pasted article with one answers 400, and a value stored before the bounds existed never takes the page
down. Real servers, on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import dashboard_server
from tests.test_review_http import add_editor, first_claim, login, review_env, token

ROOT = Path(__file__).resolve().parent.parent
HUGE = "Ukrainian forces liberated 99999999999999999999999 settlements in the Kharkiv region, officials said.\n"
PLAIN = "Kharkiv, 11 September.\nUkrainian forces captured Kupiansk on Saturday, officials said.\n"


@pytest.fixture
def review_db(engine_name, request, tmp_path):
    """A database of this test's engine with the seed articles and the editor alice."""
    if engine_name == "sqlite":
        db = tmp_path / "events.db"
        shutil.copy(request.getfixturevalue("seeded_db"), db)
        db = str(db)
    else:
        from dashboard.loader.ingest import ingest
        from dashboard.store.rows import Store

        db = request.getfixturevalue("postgres_cluster").create_database("bounds")
        with Store(db) as store:
            ingest([ROOT / "seeds"], store)
    add_editor(db, "alice")
    return db


@pytest.mark.parametrize(
    "name, value, problem",
    [
        ("settlements", 10**30, "settlements: 1e+30 is outside 0 to 50,000"),
        ("settlements", -1, "settlements: -1 is outside"),
        ("area_km2", float("nan"), "area_km2: nan is not a number"),
        ("area_km2", float("inf"), "area_km2: inf is not a finite number"),
        ("area_km2", 5e6, "area_km2: 5,000,000.0 is outside 0.0 to 1,000,000.0"),
        ("latitude", 91.0, "latitude: 91.0 is outside"),
        ("date_start", "0001-01-01", "date_start: 0001-01-01 is outside 2014-01-01"),
        ("date_end", "9999-12-31", "date_end: 9999-12-31 is outside"),
        ("settlements", "12", "settlements: '12' is not a number"),
    ],
)
def test_the_schema_names_each_bound_broken(name, value, problem):
    from dashboard.schema import event_problems, field_problem

    assert problem in field_problem(name, value)
    assert event_problems({"settlements": 3, "date_end": "2022-09-10", name: value}) == [field_problem(name, value)]
    assert field_problem(name, None) is None


def test_a_huge_number_refuses_that_claim_and_the_batch_loads(tmp_path, store):
    from dashboard.loader.ingest import ingest

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a_huge.txt").write_text(HUGE + "Ukrainian forces liberated 12 settlements near Izium.\n")
    (batch / "b_plain.txt").write_text(PLAIN)
    summary = ingest([batch], store, published=__import__("datetime").date(2022, 9, 11))
    assert summary.stored_articles == 2 and not summary.refused, summary.lines()
    assert any(
        "a_huge.txt: claim refused (settlements: 1e+23 is outside 0 to 50,000)" in w for w in summary.warnings
    ), summary.warnings
    assert sorted(row[0] for row in store.rows("SELECT settlements FROM events WHERE settlements IS NOT NULL")) == [12]
    assert store.rows("SELECT count(*) FROM events WHERE place_name = 'Kupiansk'") == [(1,)]


def test_the_store_refuses_an_event_out_of_bounds_and_writes_nothing(store):
    from datetime import date

    from dashboard.loader.extract import EventExtractor
    from dashboard.store.rows import EventOutOfBounds

    events = EventExtractor().extract(HUGE, date(2022, 9, 11)).events
    assert events and events[0].settlements > 10**20
    with pytest.raises(EventOutOfBounds, match="settlements: 1e\\+23 is outside"):
        store.add_article(
            content_hash="x" * 64,
            source="t",
            published="2022-09-11",
            report_day="2022-09-11",
            outlet="",
            url="",
            title="",
            text=HUGE,
            events=events,
        )
    assert store.counts() == {"articles": 0, "events": 0}


def test_a_correction_out_of_bounds_is_answered_400_and_never_stored(review_db, tmp_path):
    with dashboard_server(review_db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        event = first_claim(queue.text)
        for field, value, problem in (
            ("settlements", "1000000000000000000000000000000", "settlements: 1e+30"),
            ("area_km2", "nan", "area_km2: nan is not a number"),
            ("area_km2", "inf", "area_km2: inf is not a finite number"),
            ("date", "0001-01-01", "date_start: 0001-01-01 is outside"),
        ):
            answer = session.post(
                base + "review/decide",
                data={
                    "csrf_token": token(queue.text),
                    "event_id": event,
                    "decision": "correct",
                    "note": "typo",
                    field: value,
                },
            )
            assert answer.status_code == 400 and problem in answer.text, (field, answer.status_code, answer.text[-600:])
        for path in ("_dash-layout", "health", "review"):
            assert session.get(base + path).status_code == 200, path
        assert "review:corrected" not in session.get(base + "review/revisions.csv").text
        assert len(session.get(base + "review/revisions.csv").text.strip().splitlines()) == 1


def test_the_pasted_article_with_a_huge_number_is_answered_400(review_db, tmp_path):
    with dashboard_server(review_db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        form = {"csrf_token": token(queue.text), "text": HUGE, "published": "2022-09-11", "outlet": "Wire", "url": ""}
        for action in ("preview", "save"):
            answer = session.post(base + "review/article", data={**form, "action": action})
            assert answer.status_code == 400 and "claim 1 refused: settlements: 1e+23 is outside" in answer.text
    from dashboard.store.rows import Store

    with Store(review_db) as store:
        assert store.counts()["articles"] == 2  # nothing stored


def test_values_stored_before_the_bounds_do_not_take_the_page_down(review_db, tmp_path):
    """Decisions stored by an earlier version with a huge count, nan, inf and a date in year 1: the page, the
    health check, the queue, the export and publish still work; the values are left out with a log line."""
    from dashboard.review import records
    from dashboard.review.read import read_events
    from dashboard.store.rows import Store

    with Store(review_db) as store:
        keys = list(store.events_frame()["event_key"][:4])
        with store.engine.begin() as conn:
            for key, changes in zip(
                keys,
                (
                    {"settlements": 10**30},
                    {"area_km2": float("nan")},
                    {"area_km2": float("inf")},
                    {"date_start": "0001-01-01", "event_date": "0001-01-01"},
                ),
            ):
                conn.execute(
                    records.revisions.insert().values(
                        event_key=key,
                        state="corrected",
                        changes=json.dumps(changes),
                        extracted="{}",
                        note="old",
                        editor="alice",
                        created_at=records.now_iso(),
                    )
                )
    reader = read_events(review_db, "reader")
    assert len(reader) == 4 and not (reader["settlements"].fillna(0) > 50_000).any()
    assert reader["area_km2"].isna().all() and (reader["date_start"] >= "2014-01-01").all()  # extracted values kept
    with dashboard_server(review_db, extra_env=review_env(tmp_path), capture=True) as (base, log):
        session, _ = login(base)
        for path in ("_dash-layout", "health", "review", "review?state=all"):
            assert session.get(base + path).status_code == 200, path
        assert "is not applied to settlements: 1e+30 is outside" in log()
    out = tmp_path / "out.csv"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "export", "--db", review_db, "--csv", str(out), "--view", "reader"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0 and "wrote 4 events" in done.stdout, done.stderr
