"""The store's smaller promises, each checked on a SQLite file with events written by hand (issue 16's mutation
run: survivors and functions no in-process test ran): adding and replacing an article's events, the counts,
the reader's stamp, the one-article queries, the typed frame, the empty table, the exports, the test-only
pause point. Expected values are written here, not computed by the store.
"""

import csv
import errno
import json
import os
import threading
from datetime import UTC, datetime

import pandas as pd
import pytest

from dashboard.review.read import read_events
from dashboard.store import rows as store_module
from dashboard.store.rows import (
    FRAME_COLUMNS,
    PAUSE_FIFO_ENV,
    Reader,
    Store,
    _file_stamp,
    article_events,
    article_of_event,
    article_texts,
    empty_events,
    export_csv,
    export_geojson,
    pause_point,
    read_counts,
)
from tests.events import made_event as event

LYMAN = event("Lyman", geonameid=702320, oblast_iso="UA-14", latitude=48.98, longitude=37.80, place_precision="point")
IZIUM = event(
    "Izium",
    date_start="2022-09-10",
    date_end="2022-09-10",
    event_date="2022-09-10",
    hedged=True,
    actor="RU",
    action="withdrew",
)
KUPIANSK = event("Куп'янськ", settlements=3)


def article(text: str, **changes) -> dict:
    return dict(
        source="a.txt",
        published="2022-10-03",
        report_day="2022-10-03",
        outlet="Desk",
        url="https://example.org/a",
        title="A title",
        text=text,
        **changes,
    )


@pytest.fixture
def db(tmp_path):
    return tmp_path / "events.db"


def test_an_article_is_added_once_with_its_events(db):
    with Store(db) as store:
        assert not store.has_article("h1")
        before = datetime.now(UTC).replace(microsecond=0)
        first = store.add_article(content_hash="h1", events=[LYMAN, IZIUM], **article("One."))
        assert isinstance(first, int)
        assert store.has_article("h1") and not store.has_article("h2")
        assert store.add_article(content_hash="h1", events=[KUPIANSK], **article("One again.")) is None
        second = store.add_article(content_hash="h2", events=[], **article("Two."))
        assert second not in (None, first)
        assert store.counts() == {"articles": 2, "events": 2}
        rows = store.rows("SELECT id, event_count, text, title, outlet, url, ingested_at FROM articles ORDER BY id")
        assert [r[:6] for r in rows] == [
            (first, 2, "One.", "A title", "Desk", "https://example.org/a"),
            (second, 0, "Two.", "A title", "Desk", "https://example.org/a"),
        ]
        stored_at = datetime.fromisoformat(rows[0][6])
        assert rows[0][6].endswith("+00:00") and "." not in rows[0][6]  # UTC, to the second
        assert before <= stored_at <= datetime.now(UTC)
        assert store.rows("SELECT article_id, place_name FROM events ORDER BY id") == [
            (first, "Lyman"),
            (first, "Izium"),
        ]
        assert store.rows("SELECT count(*) FROM events WHERE article_id = :a", a=second) == [(0,)]


def test_replacing_an_articles_events(db):
    with Store(db) as store:
        first = store.add_article(content_hash="h1", events=[LYMAN, IZIUM], **article("One."))
        other = store.add_article(content_hash="h2", events=[LYMAN], **article("Two."))
        assert store.replace_events("no-such-hash", [KUPIANSK]) is None
        assert store.counts() == {"articles": 2, "events": 3}
        assert store.replace_events("h1", [KUPIANSK]) == first
        assert store.rows("SELECT article_id, place_name FROM events ORDER BY id") == [
            (other, "Lyman"),
            (first, "Куп'янськ"),
        ]
        assert store.rows("SELECT id, event_count FROM articles ORDER BY id") == [(first, 1), (other, 1)]
        assert store.replace_events("h1", []) == first
        assert store.rows("SELECT id, event_count FROM articles ORDER BY id") == [(first, 0), (other, 1)]
        assert store.counts() == {"articles": 2, "events": 1}


def test_the_frame_is_typed_and_sorted_by_last_day(db):
    with Store(db) as store:
        store.add_article(content_hash="h1", events=[LYMAN, IZIUM, KUPIANSK], **article("One."))
        frame = store.events_frame()
    assert list(frame["place_name"]) == ["Izium", "Lyman", "Куп'янськ"]  # 10 September first, then by id
    assert list(frame.columns[: len(FRAME_COLUMNS)]) == FRAME_COLUMNS
    assert frame["hedged"].dtype == bool and list(frame["hedged"]) == [True, False, False]
    assert str(frame["geonameid"].dtype) == "Int64" and str(frame["settlements"].dtype) == "Int64"
    assert frame["geonameid"].isna().tolist() == [True, False, True] and frame["geonameid"][1] == 702320
    assert frame["settlements"].tolist()[2] == 3
    assert list(frame["outlet"]) == ["Desk"] * 3 and list(frame["published"]) == ["2022-10-03"] * 3
    assert frame["event_key"].str.len().min() > 0 and frame["event_key"].is_unique


def test_the_reader_sees_what_the_loader_stored_and_cannot_find_a_missing_file(db, tmp_path):
    with pytest.raises(FileNotFoundError):
        read_counts(tmp_path / "missing.db")
    with pytest.raises(FileNotFoundError):
        read_events(tmp_path / "missing.db")
    with Store(db) as store:
        store.add_article(content_hash="h1", events=[LYMAN, IZIUM], **article("One."))
    assert read_counts(db) == {"articles": 1, "events": 2}
    assert sorted(read_events(db)["place_name"]) == ["Izium", "Lyman"]
    assert len(read_events(db, "reader")) == 0  # nothing confirmed by an editor
    reader = Reader(db)
    try:
        assert reader.counts() == {"articles": 1, "events": 2}
        extracted, decisions = reader.events_and_decisions()
        assert sorted(extracted["place_name"]) == ["Izium", "Lyman"] and len(decisions) == 0
        assert len(read_events(db, "desk")) == 2 and len(reader.events()) == 2
    finally:
        reader.close()


def test_one_articles_events_texts_and_an_events_article(db):
    with Store(db) as store:
        first = store.add_article(content_hash="h1", events=[LYMAN, IZIUM], **article("One."))
        second = store.add_article(content_hash="h2", events=[KUPIANSK], **article("Two."))
        everything = store.events_frame()
        with store.engine.connect() as conn:
            events = article_events(conn, second)
            assert list(events["place_name"]) == ["Куп'янськ"] and list(events["article_id"]) == [second]
            assert str(events["settlements"].dtype) == "Int64"
            assert (
                events["event_key"].tolist() == everything.loc[everything["article_id"] == second, "event_key"].tolist()
            )
            lyman_id = int(everything.loc[everything["place_name"] == "Lyman", "id"].iloc[0])
            assert article_of_event(conn, lyman_id) == first
            assert article_of_event(conn, 10_000) is None
            assert article_texts(conn, []) == {}
            assert article_texts(conn, [second, first]) == {first: "One.", second: "Two."}
            assert article_texts(conn, [second]) == {second: "Two."}


def test_the_file_stamp_is_the_files_and_its_write_ahead_logs(tmp_path):
    path = tmp_path / "events.db"
    assert _file_stamp(path) == (0, 0, 0, 0, 0, 0)
    path.write_bytes(b"12345")
    own = os.stat(path)
    assert _file_stamp(path) == (own.st_mtime_ns, 5, own.st_ino, 0, 0, 0)
    (tmp_path / "events.db-wal").write_bytes(b"123")
    wal = os.stat(tmp_path / "events.db-wal")
    assert _file_stamp(path) == (own.st_mtime_ns, 5, own.st_ino, wal.st_mtime_ns, 3, wal.st_ino)


def test_the_empty_table_has_the_columns_and_types_of_a_full_one(db):
    empty = empty_events()
    assert len(empty) == 0
    with Store(db) as store:
        store.add_article(content_hash="h1", events=[LYMAN], **article("One."))
        full = store.events_frame()
    assert list(empty.columns) == list(full.columns)
    assert list(empty.columns[: len(FRAME_COLUMNS)]) == FRAME_COLUMNS
    for name in ("hedged", "geonameid", "settlements", "sentence_start", "latitude", "id"):
        assert empty[name].dtype == full[name].dtype, name
    assert empty["hedged"].dtype == bool and str(empty["sentence_start"].dtype) == "Int64"
    assert empty["latitude"].dtype == "float64" and empty["place_name"].dtype == object


def test_exports_write_the_frame_as_it_is(db, tmp_path):
    with Store(db) as store:
        store.add_article(content_hash="h1", events=[LYMAN, KUPIANSK], **article("One."))
        frame = store.events_frame()
    export_csv(frame, tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "id"  # no index column
    assert [r[rows[0].index("place_name")] for r in rows[1:]] == ["Lyman", "Куп'янськ"]
    assert [r[rows[0].index("geonameid")] for r in rows[1:]] == ["702320", ""]  # integers stay integers
    export_geojson(frame.assign(published=pd.to_datetime(frame["published"]).dt.date), tmp_path / "e.geojson")
    text = (tmp_path / "e.geojson").read_text(encoding="utf-8")
    assert "Куп'янськ" in text  # written as text, not \u escapes
    features = json.loads(text)["features"]
    assert [f["geometry"] for f in features] == [{"type": "Point", "coordinates": [37.80, 48.98]}, None]
    assert features[0]["properties"]["published"] == "2022-10-03"  # a date written as its ISO text


def test_the_pause_point_waits_on_the_nth_fifo_only_when_asked(tmp_path, monkeypatch):
    prefix = str(tmp_path / "pause")
    monkeypatch.delenv(PAUSE_FIFO_ENV, raising=False)
    count = store_module._pauses
    pause_point()  # not asked: nothing, not even counted
    assert store_module._pauses == count
    monkeypatch.setenv(PAUSE_FIFO_ENV, prefix)
    pause_point()  # asked, but no FIFO for this pause: goes on
    n = count + 2
    opened = []

    def let_go(number):
        # opening the FIFO's writing end returns only once pause_point has opened its reading end
        with open(f"{prefix}.{number}", "wb") as fifo:
            opened.append(number)
            fifo.write(b"go")

    for number in (n, n + 1):
        os.mkfifo(f"{prefix}.{number}")
        helper = threading.Thread(target=let_go, args=(number,), daemon=True)
        helper.start()
        pause_point()
        helper.join(timeout=30)
        assert not helper.is_alive() and opened[-1] == number
    os.mkfifo(f"{prefix}.{n + 3}")  # the next pause is n + 2: this one is never opened
    pause_point()
    with pytest.raises(OSError) as nobody:
        os.open(f"{prefix}.{n + 3}", os.O_WRONLY | os.O_NONBLOCK)
    assert nobody.value.errno == errno.ENXIO  # no reader at the other end
