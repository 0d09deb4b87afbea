"""The loader's learned check (issue 22, item 6): the stored model loads from the repo's file and scores the same
features the same way every time; it scores a known-false reading below a true capture; the loader keeps the
scores on its events (stored, exported, migrated into an older database) and drops and traces the claims below
the threshold; the training script runs on a tiny slice of dev and retraining reproduces the stored model.

The sentences are made up; the dev split is read only by the training runs.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import inspect, text

from bench import train_check
from dashboard.loader import check
from dashboard.loader.extract import EventExtractor
from dashboard.schema import field_problem
from dashboard.store.rows import Store, export_csv
from dashboard.store.tables import MIGRATIONS

DAY = date(2024, 9, 2)
TRUE_CAPTURE = (
    "Russia's Defence Ministry said its forces had liberated the village of Krasnohorivka in the Donetsk region."
)
# "..., Ukraine says": the side that says it read as the side that struck (the rules read a Ukrainian strike on
# Kharkiv); the regions read as their cities this test first used ("the eastern regions of Luhansk and Donetsk")
# are regions to the rules now
SPEAKER_AS_ACTOR = "Eight more die in a subsequent air strike on a Kharkiv residential building, Ukraine says."


def _scored(sentence: str) -> dict[str, float]:
    """Each event the rules read from a sentence (no check), by place, with the stored model's score."""
    extraction = EventExtractor(checker=False, describe=True).extract(sentence, DAY)
    return {e.place_name: check.default().score(f) for e, f in zip(extraction.events, extraction.features, strict=True)}


def test_the_stored_model_loads_from_the_repo_and_scores_deterministically():
    model = check.Check()
    assert model.path == check.MODEL_PATH and check.MODEL_PATH.parent.name == "loader"
    # 0 when no threshold keeps the rules' own cross-validated recall (after the third round of rules, issue 22)
    assert model.kind in ("logistic", "trees") and 0 <= model.threshold < 1
    assert check.default() is check.default()  # read once per process
    first = EventExtractor(checker=True).extract(TRUE_CAPTURE, DAY).events
    again = EventExtractor(checker=True).extract(TRUE_CAPTURE, DAY).events
    assert [e.score for e in first] == [e.score for e in again] and first[0].score > model.threshold
    extraction = EventExtractor(checker=False, describe=True).extract(TRUE_CAPTURE, DAY)
    assert [e.score for e in extraction.events] == [None]  # without the check, no score
    assert first[0].score == round(check.Check().score(extraction.features[0]), 4)
    stored = json.loads(check.MODEL_PATH.read_text(encoding="utf-8"))
    assert stored["trained_on"]["split"] == "dev"


def test_a_bad_model_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"model\.json: not a check model"):
        check.Check(path)
    stored = json.loads(check.MODEL_PATH.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**stored, "kind": "forest"}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"model\.json: .*unknown kind 'forest'"):
        check.Check(path)
    del stored["threshold"]
    path.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(ValueError, match=r"model\.json: not a check model \(KeyError: 'threshold'\)"):
        check.Check(path)


def test_a_speaker_read_as_the_actor_scores_below_a_true_capture():
    true = _scored(TRUE_CAPTURE)["Krasnohorivka"]
    false = _scored(SPEAKER_AS_ACTOR)["Kharkiv"]
    assert false < true - 0.3, (false, true)


def test_claims_below_the_threshold_are_dropped_and_the_trace_says_so():
    stored = json.loads(check.MODEL_PATH.read_text(encoding="utf-8"))
    strict = EventExtractor(checker=check.Check(model={**stored, "threshold": 0.999}))
    trace: list = []
    assert strict.extract(SPEAKER_AS_ACTOR, DAY, trace).events == []
    dropped = [t for t in trace if t.step == "drop_low_score"]
    assert len(dropped) == 1 and all("scored 0." in t.detail for t in dropped)
    lenient = EventExtractor(checker=check.Check(model={**stored, "threshold": 0.0})).extract(SPEAKER_AS_ACTOR, DAY)
    assert len(lenient.events) == 1 and all(0 <= e.score <= 1 for e in lenient.events)
    assert field_problem("score", 1.5) == "score: 1.5 is outside 0.0 to 1.0"


def test_the_score_is_stored_exported_and_added_to_an_older_database(new_database, tmp_path):
    target = new_database()
    with Store(target) as store:
        with store.engine.begin() as conn:
            conn.execute(text("ALTER TABLE events DROP COLUMN score"))
            before = next(i for i, step in enumerate(MIGRATIONS) if "score" in step.__name__)
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA user_version = {before}")
            else:
                conn.exec_driver_sql(f"UPDATE schema_version SET version = {before}")
    with Store(target) as store:  # opening migrates
        with store.engine.connect() as conn:
            assert "score" in {c["name"] for c in inspect(conn).get_columns("events")}
        events = EventExtractor(checker=True).extract(TRUE_CAPTURE, DAY).events
        assert store.add_article(
            content_hash="h",
            source="a.txt",
            published=DAY.isoformat(),
            report_day=DAY.isoformat(),
            outlet="",
            url="",
            title="",
            text=TRUE_CAPTURE,
            events=events,
        )
        frame = store.events_frame()
    assert frame["score"].tolist() == [events[0].score]
    export_csv(frame, tmp_path / "events.csv")
    header, row = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert row.split(",")[header.split(",").index("score")] == str(events[0].score)


def test_the_training_script_runs_on_a_tiny_slice(tmp_path, capsys):
    out = tmp_path / "model.json"
    assert train_check.main(["--articles", "12", "--out", str(out)]) == 0
    model = check.Check(out)
    stored = json.loads(out.read_text(encoding="utf-8"))
    assert stored["trained_on"]["articles"] == 12 and stored["trained_on"]["split"] == "dev"
    assert 0 <= model.threshold < 1 and "cross-validated" in capsys.readouterr().out
    assert train_check.main(["--articles", "1", "--out", str(out)]) == 2
    assert "at least 5 articles" in capsys.readouterr().err


def test_retraining_on_dev_reproduces_the_stored_model(capsys):
    assert train_check.main(["--verify"]) == 0, capsys.readouterr().out


def test_explain_names_the_canonical_claimant(tmp_path):
    import io

    from dashboard.loader.__main__ import explain

    path = tmp_path / "article.txt"
    path.write_text(TRUE_CAPTURE + "\n", encoding="utf-8")
    out = io.StringIO()
    assert explain(path, DAY, out) == 0
    line = "RU captured Krasnohorivka (UA-14) 2024-09-02  said by Russia's Defence Ministry = Russian Defence Ministry"
    assert line in out.getvalue()  # explain names the canonical claimant after the words as written
    assert "score" not in out.getvalue()  # the loader runs without the check (it did not earn its place)


def test_the_loader_runs_without_the_check_by_default():
    """The check drops nothing with today's rules (the threshold kept is 0): the loader does not run it."""
    assert EventExtractor().checker is None
    assert EventExtractor().extract(TRUE_CAPTURE, DAY).features == []  # nor are the check's features computed
    assert all(e.score is None for e in EventExtractor().extract(TRUE_CAPTURE, DAY).events)
