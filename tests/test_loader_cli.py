"""The loader's command line called in-process (``dashboard.loader.__main__.main(argv)``), on a SQLite file in a
temporary folder: what it prints, what it returns, what its options change.

tests/test_ingest.py runs the command line in a subprocess once, as a person does; here each option is
checked on its own, in the same process, so that a mutation run (``bench/mutation.py``) sees these tests
cover the command line. Expected values are written by hand from the help text and README: one short
article with one claim ("... captured Lyman ...") is one article and one event.
"""

import csv
import json
import re

import pytest

from dashboard.loader.__main__ import main
from dashboard.store.rows import Store

CLAIM = "Ukrainian forces captured Lyman on Sunday, the defence ministry said."
OTHER_CLAIM = "Ukrainian forces captured Izium on Saturday, the general staff said."


def batch(folder, files: dict[str, bytes], published="2022-10-03"):
    """A folder of article files with a manifest giving each one a publication date, outlet and URL."""
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    rows = "".join(f"{name},{published},Desk Test,https://example.org/{name}\n" for name in files)
    (folder / "manifest.csv").write_text("file,published,outlet,url\n" + rows, encoding="utf-8")
    return folder


def run(capsys, *argv) -> tuple[int, list[str], str]:
    """(exit code, stdout lines, stderr) of the loader's command line."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def stored(db) -> tuple[int, int]:
    with Store(db) as store:
        counts = store.counts()
    return counts["articles"], counts["events"]


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    """The loader's settings from the defaults, not from the environment the tests happen to run in."""
    for name in ("CONFLICT_MAP_DB", "CONFLICT_MAP_REVIEW", "CONFLICT_MAP_MAX_ARTICLE_BYTES"):
        monkeypatch.delenv(name, raising=False)


def test_ingest_prints_what_it_read_and_stored_and_the_databases_totals(tmp_path, capsys):
    folder = batch(tmp_path / "in", {"lyman.txt": CLAIM.encode()})
    db = tmp_path / "events.db"
    code, out, err = run(capsys, "ingest", folder, "--db", db, "--no-progress", "--jobs", "1")
    assert code == 0
    assert out == [
        "articles read: 1",
        "stored: 1 articles, 1 events",
        "skipped as duplicates: 0",
        "claims placed only at oblast level: 0; left unplaced: 0",
        "refused: 0",
        f"database {db}: 1 articles, 1 events in all",
    ]
    assert err == ""  # no progress bar asked for
    assert stored(db) == (1, 1)
    # the same text again: read, skipped, still a success
    code, out, _ = run(capsys, "ingest", folder, "--db", db, "--no-progress")
    assert code == 0
    assert out[:3] == ["articles read: 1", "stored: 0 articles, 0 events", "skipped as duplicates: 1"]
    assert out[-1] == f"database {db}: 1 articles, 1 events in all"


def test_the_exit_code_says_whether_anything_could_be_read(tmp_path, capsys):
    db = tmp_path / "events.db"
    refused_only = batch(tmp_path / "refused", {"blank.txt": b"  \n"})
    code, out, _ = run(capsys, "ingest", refused_only, "--db", db, "--no-progress")
    assert code == 1
    assert "refused: 1" in out
    assert f"  refused {refused_only / 'blank.txt'}: empty file: no text to read" in out
    mixed = batch(tmp_path / "mixed", {"blank.txt": b"", "lyman.txt": CLAIM.encode()})
    code, out, _ = run(capsys, "ingest", mixed, "--db", db, "--no-progress")
    assert code == 0  # one refused file does not fail a batch that read articles
    assert "articles read: 1" in out and "refused: 1" in out


def test_published_gives_a_date_to_articles_without_one_and_a_bad_one_is_refused_by_name(tmp_path, capsys):
    article = tmp_path / "undated.txt"  # no manifest beside it
    article.write_text(CLAIM, encoding="utf-8")
    db = tmp_path / "events.db"
    code, out, _ = run(capsys, "ingest", article, "--db", db, "--no-progress")
    assert code == 1 and stored(db) == (0, 0)
    assert any("no publication date" in line and "--published YYYY-MM-DD" in line for line in out)
    code, out, _ = run(capsys, "ingest", article, "--db", db, "--no-progress", "--published", "2022-10-02")
    assert code == 0 and stored(db) == (1, 1)
    with Store(db) as store:
        assert store.rows("SELECT published, source FROM articles") == [("2022-10-02", str(article))]
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(article), "--db", str(db), "--published", "2022-02-30"])
    assert exit_.value.code == 2
    assert (
        "argument --published: date '2022-02-30' is not a valid date (expected YYYY-MM-DD, from 1900-01-01 on)"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "1.5", ""])
def test_jobs_must_be_a_positive_whole_number(tmp_path, capsys, jobs):
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(tmp_path), "--db", str(tmp_path / "e.db"), f"--jobs={jobs}"])
    assert exit_.value.code == 2
    assert f"argument --jobs: {jobs!r} is not a positive whole number" in capsys.readouterr().err


def test_two_jobs_store_what_one_job_stores(tmp_path, capsys):
    folder = batch(tmp_path / "in", {"a.txt": CLAIM.encode(), "b.txt": OTHER_CLAIM.encode()})
    code, out, _ = run(capsys, "ingest", folder, "--db", tmp_path / "two.db", "--no-progress", "--jobs", "2")
    assert code == 0 and out[:2] == ["articles read: 2", "stored: 2 articles, 2 events"]
    assert stored(tmp_path / "two.db") == (2, 2)


def test_max_bytes_and_its_default_from_the_environment(tmp_path, capsys, monkeypatch):
    folder = batch(tmp_path / "in", {"lyman.txt": CLAIM.encode()})  # 69 bytes
    code, out, _ = run(capsys, "ingest", folder, "--db", tmp_path / "a.db", "--no-progress", "--max-bytes", "60")
    assert code == 1 and any("above the limit" in line and "lyman.txt" in line for line in out)
    code, out, _ = run(capsys, "ingest", folder, "--db", tmp_path / "b.db", "--no-progress", "--max-bytes", "69")
    assert code == 0 and "stored: 1 articles, 1 events" in out
    monkeypatch.setenv("CONFLICT_MAP_MAX_ARTICLE_BYTES", "60")
    code, out, _ = run(capsys, "ingest", folder, "--db", tmp_path / "c.db", "--no-progress")
    assert code == 1 and "refused: 1" in out


def test_the_database_defaults_to_the_environments(tmp_path, capsys, monkeypatch):
    folder = batch(tmp_path / "in", {"lyman.txt": CLAIM.encode()})
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    code, out, _ = run(capsys, "ingest", folder, "--no-progress")
    assert code == 0 and out[-1] == f"database {db}: 1 articles, 1 events in all"
    assert stored(db) == (1, 1)
    code, out, _ = run(capsys, "export", "--csv", tmp_path / "out.csv")
    assert code == 0 and out == [f"wrote 1 events to {tmp_path / 'out.csv'}"]


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    folder = batch(tmp_path / "in", {"lyman.txt": CLAIM.encode()})
    _, _, err = run(capsys, "ingest", folder, "--db", tmp_path / "b.db", "--progress")
    assert "1 articles" in err  # tqdm's bar: "1 articles [00:00, ...]"
    _, _, err = run(capsys, "ingest", folder, "--db", tmp_path / "c.db")
    assert err == ""  # the tests' stderr is not a terminal


def test_reread_reads_stored_articles_again(tmp_path, capsys):
    folder = batch(tmp_path / "in", {"lyman.txt": CLAIM.encode()})
    db = tmp_path / "events.db"
    run(capsys, "ingest", folder, "--db", db, "--no-progress")
    code, out, _ = run(capsys, "ingest", folder, "--db", db, "--no-progress", "--reread")
    assert code == 0
    assert out[:4] == [
        "articles read: 1",
        "stored: 0 articles, 1 events",
        "skipped as duplicates: 0",
        "read again: 1 articles",
    ]
    assert stored(db) == (1, 1)


def test_verbose_lists_each_articles_warning_instead_of_one_line(tmp_path, capsys):
    # two articles not in UTF-8, their first byte the bad one: the same warning for both
    folder = batch(
        tmp_path / "in", {"a.txt": b"\xe9t\xe9. " + CLAIM.encode(), "b.txt": b"\xe9t\xe9. " + OTHER_CLAIM.encode()}
    )
    warning = "not valid UTF-8 (byte 0); read as Windows-1252/Latin-1"
    a, b = folder / "a.txt", folder / "b.txt"
    _, out, _ = run(capsys, "ingest", folder, "--db", tmp_path / "a.db", "--no-progress")
    assert f"  warning {warning} [2 articles: {a}, {b}]" in out
    assert f"  warning {a}: {warning}" not in out
    _, out, _ = run(capsys, "ingest", folder, "--db", tmp_path / "b.db", "--no-progress", "--verbose")
    assert f"  warning {a}: {warning}" in out and f"  warning {b}: {warning}" in out
    assert not any("[2 articles" in line for line in out)


def test_export_writes_the_files_asked_for(tmp_path, capsys):
    folder = batch(tmp_path / "in", {"lyman.txt": CLAIM.encode()})
    db = tmp_path / "events.db"
    run(capsys, "ingest", folder, "--db", db, "--no-progress")
    code, out, err = run(capsys, "export", "--db", db)
    assert code == 2 and out == [] and err == "export: give --csv FILE and/or --geojson FILE\n"
    table, points = tmp_path / "e.csv", tmp_path / "e.geojson"
    code, out, _ = run(capsys, "export", "--db", db, "--csv", table)
    assert code == 0 and out == [f"wrote 1 events to {table}"] and not points.exists()
    with table.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["place_name"], r["published"], r["outlet"]) for r in rows] == [("Lyman", "2022-10-03", "Desk Test")]
    table.unlink()
    code, out, _ = run(capsys, "export", "--db", db, "--geojson", points)
    assert code == 0 and out == [f"wrote 1 events to {points}"] and not table.exists()
    features = json.loads(points.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["place_name"] for f in features] == ["Lyman"]
    code, out, _ = run(capsys, "export", "--db", db, "--csv", table, "--geojson", points)
    assert code == 0 and out == [f"wrote 1 events to {table}", f"wrote 1 events to {points}"]


def test_export_view_defaults_to_the_readers_when_review_is_on(tmp_path, capsys, monkeypatch):
    folder = batch(tmp_path / "in", {"lyman.txt": CLAIM.encode()})
    db, table = tmp_path / "events.db", tmp_path / "e.csv"
    run(capsys, "ingest", folder, "--db", db, "--no-progress")
    _, out, _ = run(capsys, "export", "--db", db, "--csv", table)
    assert out == [f"wrote 1 events to {table}"]  # review off: every claim
    monkeypatch.setenv("CONFLICT_MAP_REVIEW", "on")
    _, out, _ = run(capsys, "export", "--db", db, "--csv", table)
    assert out == [f"wrote 0 events to {table}"]  # readers see only claims an editor confirmed: none yet
    for view, count in (("all", 1), ("desk", 1), ("reader", 0)):
        _, out, _ = run(capsys, "export", "--db", db, "--csv", table, "--view", view)
        assert out == [f"wrote {count} events to {table}"], view


def said(words: str, text: str) -> bool:
    """Whether the help says ``words`` as they are (whitespace around them, not inside other words)."""
    return re.search(r"(?:^|\s)" + re.escape(words) + r"(?:\s|$)", text) is not None


def test_help_says_what_each_option_does(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert text.startswith("usage: python -m dashboard.loader [-h] {ingest,pull,export,explain}")
    for words in (
        "Turn news articles into a dated table of territorial claims.",
        "read articles (.txt, .html, .jsonl; files or folders) into the database",
        "pull new articles from the news feeds of a feeds file (RSS, Atom, JSON Feed)",
        "write the event table as CSV or GeoJSON",
        "print every candidate claim of an article file and the reading step that kept or dropped it",
    ):
        assert said(words, text), words
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert text.startswith("usage: python -m dashboard.loader ingest [-h]")
    for words in (
        "article files or folders (with manifest.csv)",
        "SQLite file or postgresql://user@host/name URL",
        "publication date for articles without one (YYYY-MM-DD)",
        "refuse files larger than this (default 5,000,000)",
        "progress bar (default: on for a terminal)",
        "processes reading claims (default: the number of cores)",
        "read articles already stored again (new rules) and replace their events; editors' decisions are kept",
        "list every warning of every article (default: one line per distinct warning)",
    ):
        assert said(words, text), words
    with pytest.raises(SystemExit):
        main(["pull", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in (
        "the feeds file (TOML: [settings], [[feeds]])",
        "pull the feeds that are due once, then stop (cron; the default)",
        "keep running: pull the feeds that are due every DURATION (90s, 15m, 1h)",
        "pull every feed now, even those not due yet",
        "processes reading claims (default 1)",
    ):
        assert said(words, text), words
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in (
        "write events to this CSV file",
        "write events to this GeoJSON file",
        "reader: confirmed and corrected claims, corrected values; desk: every claim with its review "
        "state; all: every claim (default: reader when CONFLICT_MAP_REVIEW=on, else all)",
        "SQLite file or postgresql:// URL",
    ):
        assert said(words, text), words
