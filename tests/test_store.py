"""The store (dashboard/store/rows.py, tables.py, database.py) on both engines: exports keep the schema's types, the
database itself refuses a second copy of an article, migrations, and the dashboard's reader cannot write."""

import csv
import json
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from dashboard.store.engines import Target
from dashboard.store.rows import Reader, Store
from dashboard.store.tables import MIGRATIONS, migrate, schema_version
from tests.servers import ROOT


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded(request):
    return str(request.getfixturevalue("seeded_db" if request.param == "sqlite" else "seeded_pg"))


def test_exported_integer_columns_are_integers(seeded, tmp_path):
    """Issue 10.11: geonameid was exported as a float (701822.0), because a column with gaps read as float."""
    csv_path, geojson_path = tmp_path / "e.csv", tmp_path / "e.geojson"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.loader",
            "export",
            "--db",
            seeded,
            "--csv",
            str(csv_path),
            "--geojson",
            str(geojson_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    ids = [r["geonameid"] for r in rows]
    assert "701822" in ids and "" in ids  # Mariupol, and claims with no place
    assert not any(i.endswith(".0") for i in ids)
    assert {r["settlements"] for r in rows} <= {""} | {str(n) for n in range(100_000)}
    features = json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    values = [f["properties"]["geonameid"] for f in features]
    assert 701822 in values and None in values
    assert all(v is None or type(v) is int for v in values)


def test_both_engines_read_back_the_same_events(seeded_db, seeded_pg):
    sqlite_frame, pg_frame = Reader(seeded_db).events(), Reader(seeded_pg).events()
    assert len(sqlite_frame) > 10
    assert list(sqlite_frame.columns) == list(pg_frame.columns)
    assert dict(sqlite_frame.dtypes) == dict(pg_frame.dtypes)
    assert sqlite_frame.drop(columns=["id", "article_id", "source"]).equals(
        pg_frame.drop(columns=["id", "article_id", "source"])
    )


ARTICLE = dict(
    source="a.txt",
    published="2022-09-13",
    report_day="2022-09-13",
    outlet="",
    url="",
    title="",
    text="Ukrainian forces captured Lyman on Sunday.",
    events=[],
)


def test_the_database_itself_refuses_a_second_copy_of_an_article(store):
    """Not only the Python check: a plain INSERT of a stored hash fails on the UNIQUE index."""
    assert store.add_article(content_hash="h1", **ARTICLE) is not None
    assert store.add_article(content_hash="h1", **ARTICLE) is None
    with pytest.raises(IntegrityError):
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO articles (content_hash, source, published, report_day, text, "
                    "event_count, ingested_at) VALUES ('h1', 'b', 'x', 'x', 'x', 0, 'x')"
                )
            )
    assert store.counts() == {"articles": 1, "events": 0}


def test_a_new_database_is_migrated_to_the_last_version_once(new_database):
    db = new_database()
    with Store(db) as store:
        assert migrate(store.engine) == len(MIGRATIONS)  # again: nothing to do, no error
        with store.engine.connect() as conn:
            assert schema_version(conn) == len(MIGRATIONS) >= 1


OLD_SQLITE_SCHEMA = """
CREATE TABLE articles (id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
  published TEXT NOT NULL, report_day TEXT NOT NULL, outlet TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, event_count INTEGER NOT NULL, ingested_at TEXT NOT NULL);
"""


def test_a_sqlite_file_from_before_postgresql_support_is_used_as_it_is(tmp_path, seeded_db):
    """Files written by the sqlite3-only store (version 1 in PRAGMA user_version) are read and written on,
    and get every later migration (the review's tables, the feeds' tables, ...)."""
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    schema = (
        sqlite3.connect(seeded_db)
        .execute(
            "SELECT group_concat(sql, ';\n') FROM sqlite_master "
            "WHERE sql IS NOT NULL AND tbl_name IN ('articles', 'events')"
        )
        .fetchone()[0]
    )
    conn.executescript(schema + ";\nPRAGMA user_version = 1;")
    conn.close()
    with Store(old) as store:
        assert store.add_article(content_hash="h1", **ARTICLE) is not None
        assert store.add_article(content_hash="h1", **ARTICLE) is None
        assert store.counts()["articles"] == 1
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) > 2
    assert sqlite3.connect(old).execute("SELECT count(*) FROM revisions").fetchone()[0] == 0
    assert sqlite3.connect(old).execute("SELECT count(*) FROM feeds").fetchone()[0] == 0  # (v3)


def test_the_dashboards_reader_cannot_write(seeded):
    reader = Reader(seeded)
    with pytest.raises(DBAPIError) as error:
        with reader.engine.begin() as conn:
            conn.execute(text("DELETE FROM events"))
    assert "read-only" in str(error.value) or "readonly" in str(error.value)
    assert reader.counts()["events"] > 0


def test_a_postgresql_url_is_parsed_and_its_password_never_printed():
    target = Target.parse("postgresql://maps:s3cret@db.example:5433/events")
    assert target.is_postgres and target.url.drivername == "postgresql+psycopg"
    assert "s3cret" not in str(target) and "db.example:5433/events" in str(target)
    assert Target.parse("postgres://u@h/d").is_postgres
    assert not Target.parse("data/events.db").is_postgres
    assert str(Target.parse("data/events.db")) == "data/events.db"


def test_the_readers_stamp_changes_when_the_loader_stores_an_article(new_database):
    """The dashboard re-reads the store only when ``Reader.stamp()`` changes (mutation survivors: a stamp that
    never changes, or always does, passed the in-process tests)."""
    db = new_database()
    with Store(db) as store:
        reader = Reader(db)
        try:
            first = reader.stamp()
            assert reader.stamp() == first  # nothing written: the same stamp
            store.add_article(content_hash="h1", **ARTICLE)
            second = reader.stamp()
            assert second != first
            assert store.add_article(content_hash="h1", **ARTICLE) is None
            assert reader.stamp() == second  # a duplicate refused: nothing written
            store.add_article(content_hash="h2", **{**ARTICLE, "text": "Russian troops left Svatove."})
            assert reader.stamp() not in (first, second)
        finally:
            reader.close()


def test_geojson_export_of_a_frame_written_by_hand():
    """Points where there are coordinates (longitude first), a null geometry and every other field kept where
    there are none, gaps as null (mutation survivors of to_geojson: only counts were checked)."""
    import pandas as pd

    from dashboard.store.rows import to_geojson

    frame = pd.DataFrame(
        [
            {
                "id": 7,
                "article_id": 1,
                "place_name": "Kupiansk",
                "latitude": 49.7106,
                "longitude": 37.6156,
                "geonameid": 704508,
                "area_km2": float("nan"),
            },
            {
                "id": 8,
                "article_id": 1,
                "place_name": None,
                "latitude": float("nan"),
                "longitude": float("nan"),
                "geonameid": None,
                "area_km2": 500.0,
            },
            {
                "id": 9,
                "article_id": 2,
                "place_name": "Half",
                "latitude": 48.0,
                "longitude": float("nan"),
                "geonameid": None,
                "area_km2": float("nan"),
            },
        ]
    )
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    assert to_geojson(frame) == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 7,
                "geometry": {"type": "Point", "coordinates": [37.6156, 49.7106]},
                "properties": {
                    "id": 7,
                    "article_id": 1,
                    "place_name": "Kupiansk",
                    "geonameid": 704508,
                    "area_km2": None,
                },
            },
            {
                "type": "Feature",
                "id": 8,
                "geometry": None,
                "properties": {"id": 8, "article_id": 1, "place_name": None, "geonameid": None, "area_km2": 500.0},
            },
            {
                "type": "Feature",
                "id": 9,
                "geometry": None,
                "properties": {"id": 9, "article_id": 2, "place_name": "Half", "geonameid": None, "area_km2": None},
            },
        ],
    }
