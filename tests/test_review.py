"""Review in the data layer (issue 13), on SQLite and PostgreSQL: decisions as revisions, the reader / desk /
all views, corrections checked against the gazetteer, and decisions kept across a re-ingest and a re-read.

Expected values are written by hand from the seed articles (seeds/) and geodata/places.csv.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.loader.extract import EventExtractor
from dashboard.loader.ingest import ingest
from dashboard.review import records
from dashboard.review.corrections import correction, parse_date
from dashboard.review.read import read_events
from dashboard.review.view import DESK, READER, REREAD_DIFFERS, resolve_view
from dashboard.store.rows import article_events

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
IZIUM = {
    "place_name": "Izium",
    "geonameid": 707292,
    "oblast_iso": "UA-63",
    "latitude": 49.20697,
    "longitude": 37.27679,
    "place_precision": "point",
}


def claim(frame, actor, action, place_as_written):
    rows = frame[(frame.actor == actor) & (frame.action == action) & (frame.place_as_written == place_as_written)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def decide(store, row, state, changes=None, extracted=None, note="", editor="alice"):
    with store.engine.begin() as conn:
        return records.add_revision(
            conn,
            event_key=row.event_key,
            state=state,
            changes=changes or {},
            extracted=extracted or {},
            note=note,
            editor=editor,
        )


@pytest.fixture
def reviewed(store):
    """The seeds, with Svatove's withdrawal confirmed, Kupiansk's capture corrected to Izium, Bakhmut rejected."""
    assert ingest([SEEDS], store).stored_articles == 2
    frame = store.events_frame()
    decide(store, claim(frame, "RU", "withdrew", "Svatove"), "confirmed", note="two outlets agree")
    kupiansk = claim(frame, "UA", "captured", "Kupiansk")
    decide(
        store,
        kupiansk,
        "corrected",
        changes=IZIUM,
        note="the town named is Izium",
        extracted={"place_name": "Kupiansk", "geonameid": 703656, "latitude": 49.71003, "longitude": 37.61581},
    )
    decide(store, claim(frame, "UA", "repelled", "Bakhmut"), "rejected", note="no source for it")
    return store


def test_the_reader_sees_exactly_the_confirmed_and_corrected_claims(reviewed):
    frame = read_events(reviewed.target, READER)
    assert sorted(zip(frame.actor, frame.action, frame.place_name)) == [
        ("RU", "withdrew", "Svatove"),
        ("UA", "captured", "Izium"),
    ]
    izium = frame[frame.place_name == "Izium"].iloc[0]
    assert (izium.geonameid, izium.latitude, izium.longitude, izium.oblast_iso) == (707292, 49.20697, 37.27679, "UA-63")
    assert izium.place_as_written == "Kupiansk"  # the extraction is kept: only the effective value changes
    assert dict(zip(frame.place_name, frame.review_state)) == {"Svatove": "confirmed", "Izium": "corrected"}
    assert set(frame.review_editor) == {"alice"}


def test_the_desk_sees_every_claim_with_its_state_and_all_is_unlabelled(reviewed):
    desk = read_events(reviewed.target, DESK)
    assert len(desk) == 19
    assert desk.review_state.value_counts().to_dict() == {"new": 16, "confirmed": 1, "corrected": 1, "rejected": 1}
    assert (desk.review_label == desk.review_state).all()
    everything = read_events(reviewed.target)
    assert len(everything) == 19 and set(everything.review_label) == {""}
    # the stored extraction is never overwritten
    assert reviewed.rows("SELECT count(*) FROM events WHERE place_name = 'Kupiansk'") == [(1,)]


def test_a_claims_history_has_every_decision_in_order(reviewed):
    frame = reviewed.events_frame()
    svatove = claim(frame, "RU", "withdrew", "Svatove")
    decide(reviewed, svatove, "rejected", note="the report was withdrawn", editor="bob")
    with reviewed.engine.connect() as conn:
        steps = records.history(conn, svatove.event_key)
    assert [(s["state"], s["editor"], s["note"]) for s in steps] == [
        ("confirmed", "alice", "two outlets agree"),
        ("rejected", "bob", "the report was withdrawn"),
    ]
    assert all(s["created_at"].endswith("+00:00") for s in steps)
    assert "Svatove" not in set(read_events(reviewed.target, READER).place_name)  # the latest decision counts
    # every decision is in the audit trail
    assert reviewed.rows("SELECT count(*) FROM audit WHERE action LIKE 'review:%'") == [(4,)]


def test_a_reingest_of_the_seeds_keeps_every_decision(reviewed):
    before = read_events(reviewed.target, DESK)[["event_key", "review_state", "place_name"]]
    summary = ingest([SEEDS], reviewed)
    assert summary.duplicates == 2 and summary.stored_articles == 0
    after = read_events(reviewed.target, DESK)[["event_key", "review_state", "place_name"]]
    assert before.sort_values("event_key").values.tolist() == after.sort_values("event_key").values.tolist()


def test_a_reread_keeps_every_decision_on_new_rows(reviewed):
    old_ids = set(reviewed.events_frame().id)
    summary = ingest([SEEDS], reviewed, reread=True)
    assert summary.reread_articles == 2 and summary.events_stored == 19
    desk = read_events(reviewed.target, DESK)
    assert not old_ids & set(desk.id)  # every event row is new
    assert desk.review_state.value_counts().to_dict() == {"new": 16, "confirmed": 1, "corrected": 1, "rejected": 1}
    reader = read_events(reviewed.target, READER)
    assert sorted(reader.place_name) == ["Izium", "Svatove"] and set(reader.review_flag) == {""}


class MovedSvatove(EventExtractor):
    """'Improved rules' that read Svatove's withdrawal as Starobilsk's."""

    def extract(self, text, published):
        extraction = super().extract(text, published)
        for event in extraction.events:
            if event.place_as_written == "Svatove":
                event.place_name = "Starobilsk"
        return extraction


def test_a_reread_that_disagrees_with_a_decision_is_flagged(reviewed):
    frame = reviewed.events_frame()
    decide(
        reviewed,
        claim(frame, "RU", "withdrew", "Svatove"),
        "confirmed",
        note="again",
        extracted={"actor": "RU", "action": "withdrew", "place_name": "Svatove"},
    )
    ingest([SEEDS], reviewed, reread=True, extractor=MovedSvatove())
    reader = read_events(reviewed.target, READER)
    flags = dict(zip(reader.place_as_written, reader.review_flag))
    assert flags == {"Svatove": REREAD_DIFFERS, "Kupiansk": ""}


def test_keys_are_the_same_for_one_article_and_for_all(reviewed):
    frame = reviewed.events_frame()
    with reviewed.engine.connect() as conn:
        one = article_events(conn, int(frame.article_id.iloc[0]))
    assert set(one.event_key) <= set(frame.event_key) and one.event_key.is_unique and frame.event_key.is_unique


@pytest.mark.parametrize(
    "requested, review_on, embed, expected",
    [
        (None, False, False, "all"),
        ("desk", False, False, "all"),
        (None, True, False, "reader"),
        ("desk", True, False, "desk"),
        ("desk", True, True, "reader"),
        ("reader", True, False, "reader"),
    ],
)
def test_which_view_a_request_gets(requested, review_on, embed, expected):
    assert resolve_view(requested, review_on, embed) == expected


KUPIANSK_CAPTURE = {
    "actor": "UA",
    "action": "captured",
    "event_date": "2022-09-10",
    "place_name": "Kupiansk",
    "geonameid": 703656,
    "oblast_iso": "UA-63",
    "latitude": 49.71003,
    "longitude": 37.61581,
    "place_precision": "point",
    "area_km2": None,
    "settlements": None,
    "confirmed": "unknown",
}


def test_a_correction_records_only_what_changed_and_what_was_extracted():
    changes, extracted, problems = correction(KUPIANSK_CAPTURE, {"place": "Izium", "date": "2022-09"})
    assert problems == []
    # Izium lies in Kharkiv oblast too, and is a point like Kupiansk: those fields are no change
    assert changes == {
        "place_name": "Izium",
        "geonameid": 707292,
        "latitude": 49.20697,
        "longitude": 37.27679,
        "event_date": "2022-09",
        "date_start": "2022-09-01",
        "date_end": "2022-09-30",
        "date_precision": "month",
    }
    assert extracted["place_name"] == "Kupiansk" and extracted["geonameid"] == 703656
    assert correction(KUPIANSK_CAPTURE, {})[0] == {}  # nothing changed: no change


def test_a_place_can_be_set_to_its_oblast_only():
    changes, _, problems = correction(KUPIANSK_CAPTURE, {"place": "", "oblast": "UA-09"})
    assert problems == [] and changes["place_precision"] == "oblast" and changes["oblast_iso"] == "UA-09"
    assert changes["latitude"] is None and changes["place_name"] is None


@pytest.mark.parametrize(
    "form, problem",
    [
        ({"place": "Atlantis"}, "place: 'Atlantis' is not in the gazetteer"),
        ({"date": "2022-02-30"}, "date: '2022-02-30' is not a day"),
        ({"date": "2022-09-12/2022-09-01"}, "date: '2022-09-12/2022-09-01' is not a day"),
        ({"actor": "US"}, "actor: 'US' is not one of UA, RU"),
        ({"area_km2": "lots"}, "area_km2: 'lots' is not a number"),
        ({"oblast": "UA-99"}, "oblast: 'UA-99' is not an oblast code"),
    ],
)
def test_a_bad_correction_names_the_field(form, problem):
    _, _, problems = correction(KUPIANSK_CAPTURE, form)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_a_range_date():
    assert parse_date("2022-09-01/2022-09-12")[0] == {
        "event_date": "2022-09-01/2022-09-12",
        "date_start": "2022-09-01",
        "date_end": "2022-09-12",
        "date_precision": "range",
    }


def test_a_database_before_review_has_no_decisions(tmp_path, seeded_db):
    """A read-only dashboard on a file the review migration never reached shows every claim, as before."""
    import shutil
    import sqlite3

    old = tmp_path / "v1.db"
    shutil.copy(seeded_db, old)
    conn = sqlite3.connect(old)
    conn.executescript(
        "DROP TABLE revisions; DROP TABLE editors; DROP TABLE audit; DROP TABLE editor_sessions;"
        "DROP TABLE failed_logins; PRAGMA user_version = 1;"
    )
    conn.close()
    desk = read_events(old, DESK)
    assert len(desk) == 19 and set(desk.review_state) == {"new"}
    assert len(read_events(old, READER)) == 0


def test_exports_carry_the_review_and_use_the_readers_view(reviewed, engine_name, tmp_path):
    """CSV/GeoJSON from the loader's export and the PNG's text alternative, with review on: the reader's view."""
    import csv
    import os
    import subprocess
    import sys

    env = {**os.environ, "CONFLICT_MAP_REVIEW": "on"}
    db = (
        str(reviewed.target.url.render_as_string(hide_password=False)).replace("+psycopg", "")
        if reviewed.target.is_postgres
        else str(reviewed.target.path)
    )
    out = tmp_path / "events.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.loader",
            "export",
            "--db",
            db,
            "--csv",
            str(out),
            "--geojson",
            str(tmp_path / "events.geojson"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted((r["place_name"], r["review_state"]) for r in rows) == [
        ("Izium", "corrected"),
        ("Svatove", "confirmed"),
    ]
    features = json.loads((tmp_path / "events.geojson").read_text())["features"]
    assert sorted(f["geometry"]["coordinates"][1] for f in features) == [49.20697, 49.40926]
    desk = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "export", "--db", db, "--csv", str(out), "--view", "desk"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert desk.returncode == 0 and len(list(csv.DictReader(out.open(encoding="utf-8")))) == 19
    if engine_name == "sqlite":  # the PNG once is enough: its data comes through the same view
        png = tmp_path / "map.png"
        done = subprocess.run(
            [sys.executable, "-m", "dashboard.export", "--db", db, "--out", str(png)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        assert (
            png.with_suffix(".txt")
            .read_text(encoding="utf-8")
            .startswith("Up to 12 Sep 2022: 2 claims from 1 article.")
        )


def test_a_corrected_attribution_names_its_claimant_again(store):
    """Issue 22, item 4: an editor who corrects who said a claim corrects its claimant too (the loader's claimants
    lexicon reads the corrected phrase); the stored extraction keeps the loader's."""
    assert ingest([SEEDS], store).stored_articles == 2
    frame = store.events_frame()
    svatove = claim(frame, "RU", "withdrew", "Svatove")
    assert svatove.claimant != "Russian Defence Ministry"
    decide(
        store,
        svatove,
        "corrected",
        changes={"attribution": "Russia's defence ministry spokesman Igor Konashenkov"},
        extracted={"attribution": svatove.attribution},
    )
    decide(
        store,
        claim(frame, "UA", "captured", "Kupiansk"),
        "corrected",
        changes={"attribution": ""},
        extracted={"attribution": "x"},
    )
    desk = read_events(store.target, DESK)
    said = dict(zip(desk.place_as_written, zip(desk.claimant, desk.claimant_side)))
    assert said["Svatove"] == ("Russian Defence Ministry", "RU") and said["Kupiansk"] == (None, None)
    assert read_events(store.target)["claimant"].tolist() == desk["claimant"].tolist()  # every view the same
    assert store.events_frame().set_index("id").loc[svatove.id, "claimant"] == svatove.claimant


def test_a_claim_an_editor_adds_gets_the_claimant_its_attribution_names():
    from dashboard.review.claims import added_claim

    text = "Ukrainian forces captured Balakliia on Saturday."
    form = {
        "span": f"0-{len(text)}",
        "actor": "UA",
        "claim_action": "captured",
        "place": "Balakliia",
        "oblast": "UA-63",
        "confirmed": "unknown",
        "attribution": "Ukraine's general staff",
    }
    event, problems = added_claim(text, "2022-09-12", "2022-09-12", form)
    assert not problems, problems
    assert (event.claimant, event.claimant_side, event.attribution) == (
        "Ukrainian General Staff",
        "UA",
        "Ukraine's general staff",
    )
    event, _ = added_claim(text, "2022-09-12", "2022-09-12", {**form, "attribution": ""})
    assert (event.claimant, event.claimant_side, event.claimant_person) == (None, None, None)
