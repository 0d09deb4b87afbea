"""Ingesting files into a real database, each test on SQLite and on PostgreSQL (``store`` and ``new_database``
from tests/conftest.py): bad input, duplicates, two loaders at once, the command line.

Atomicity (an article with all its events or neither) is tested with faults injected: tests/test_atomicity.py."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from dashboard.loader.ingest import ingest
from dashboard.review.read import read_events
from dashboard.store.rows import Store, to_geojson

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_TEXT = (SEEDS / "000_8487cce70d14cdeb.txt").read_text(encoding="utf-8")
GOOD = "Ukrainian forces captured Lyman on Sunday, the defence ministry said."


def write_batch(folder: Path, files: dict[str, bytes], published="2022-11-15"):
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    rows = "".join(f"{name},{published},Test Outlet,https://example.org/{name}\n" for name in files)
    (folder / "manifest.csv").write_text("file,published,outlet,url\n" + rows, encoding="utf-8")


def many_articles(folder: Path, count: int) -> Path:
    """A batch of distinct articles cut from a seed article, each with claims."""
    sentences = SEED_TEXT.split("\n\n")
    write_batch(
        folder,
        {f"{i:05d}.txt": ("\n\n".join(sentences[i % 7 :]) + f"\n\nArticle {i}.").encode() for i in range(count)},
        published="2022-09-13",
    )
    return folder


def refused_for(summary, name):
    lines = [r for r in summary.refused if name in r]
    assert lines, f"{name} not refused: {summary.refused}"
    return lines[0]


def test_bad_files_are_refused_by_name_and_the_batch_goes_on(tmp_path, store):
    batch = tmp_path / "batch"
    write_batch(
        batch,
        {
            "a_good.txt": GOOD.encode(),
            "b_empty.txt": b"",
            "c_binary.txt": bytes(range(256)) * 40,
            "d_huge.txt": b"x" * 50_000_000,
            "e_latin1.txt": "Ukrainian troops recaptured Izium on Saturday, caf\xe9 owners said.".encode("latin-1"),
            "f_script.html": (
                b"<html><head><title>T</title><script>document.write('Russian troops captured Kyiv')"
                b"</script><style>p{}</style></head><body><article><p>Russian troops entered Hirske "
                b"on Friday.</p><script>alert('captured Odesa')</script></article></body></html>"
            ),
            "g_cyrillic.txt": "Українські війська звільнили Куп'янськ у суботу.".encode(),
            "h_unknown.txt": b"Ukrainian forces captured the village of Zzyzxivka on Sunday.",
            "i_future.txt": b"Ukrainian forces captured Lyman on December 3, 2022.",
        },
    )
    summary = ingest([batch], store, max_bytes=5_000_000)
    assert "empty" in refused_for(summary, "b_empty.txt")
    assert "binary" in refused_for(summary, "c_binary.txt")
    assert "above the limit" in refused_for(summary, "d_huge.txt")
    assert len(summary.refused) == 3
    warnings = "\n".join(summary.warnings)
    assert "e_latin1.txt: not valid UTF-8" in warnings
    assert "g_cyrillic.txt: text is mostly Cyrillic" in warnings
    assert "h_unknown.txt: place 'Zzyzxivka' is not in the gazetteer" in warnings
    assert "i_future.txt: date phrase" in warnings and "after publication" in warnings
    frame = store.events_frame()
    by_source = {Path(s).name: group for s, group in frame.groupby("source")}
    assert set(by_source) == {"a_good.txt", "e_latin1.txt", "f_script.html", "h_unknown.txt", "i_future.txt"}
    html_events = by_source["f_script.html"]
    assert list(html_events["place_name"]) == ["Hirske"]  # nothing from <script>
    stored_html = store.rows("SELECT text FROM articles WHERE source LIKE '%f_script.html'")[0][0]
    assert "alert" not in stored_html and "document.write" not in stored_html
    assert by_source["e_latin1.txt"]["place_name"].iloc[0] == "Izium"
    assert by_source["h_unknown.txt"]["flags"].iloc[0] == "unplaced"
    assert "date-after-publication" in by_source["i_future.txt"]["flags"].iloc[0]


def test_missing_or_impossible_publication_date(tmp_path, store):
    folder = tmp_path / "nodate"
    folder.mkdir()
    (folder / "x.txt").write_text(GOOD, encoding="utf-8")
    summary = ingest([folder], store)
    assert "no publication date" in refused_for(summary, "x.txt") and "--published" in summary.refused[0]
    assert store.counts()["articles"] == 0
    summary = ingest([folder], store, published=date(2022, 11, 15))
    assert summary.stored_articles == 1
    bad = tmp_path / "bad"
    write_batch(bad, {"y.txt": b"Russian troops left Svatove on Monday."}, published="2022-02-30")
    summary = ingest([bad], store)
    assert "'2022-02-30' is not a valid date" in refused_for(summary, "y.txt")


def test_bad_input_loses_nothing_already_stored(tmp_path, store):
    ingest([SEEDS], store)
    before = store.events_frame()
    bad = tmp_path / "bad"
    write_batch(bad, {"empty.txt": b"", "bin.txt": b"\x00\x01\x02" * 100})
    ingest([bad], store)
    after = store.events_frame()
    assert len(before) > 0 and before.equals(after)


def test_reingesting_the_same_text_adds_nothing(tmp_path, store):
    first = ingest([SEEDS], store)
    copy = tmp_path / "copy"
    write_batch(copy, {"renamed.txt": (SEEDS / "000_8487cce70d14cdeb.txt").read_bytes().replace(b"\n", b"\r\n")})
    second = ingest([SEEDS, copy], store)
    assert first.stored_articles == 2 and second.stored_articles == 0 and second.duplicates == 3
    assert store.counts()["articles"] == 2


def test_jsonl_records(tmp_path, store):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(
            [
                json.dumps({"text": GOOD, "published": "2022-11-15", "outlet": "Wire", "url": "https://example.org/1"}),
                "{not json",
                json.dumps({"text": "Russian troops left Svatove on Monday."}),
                json.dumps(
                    {
                        "text": "<html><body><p>Russian troops entered Hirske on Friday.</p></body></html>",
                        "published": "2022-06-25",
                    }
                ),
            ]
        ),
        encoding="utf-8",
    )
    summary = ingest([feed], store)
    assert summary.stored_articles == 2
    assert "feed.jsonl:2: not valid JSON" in refused_for(summary, "feed.jsonl:2")
    assert "no publication date" in refused_for(summary, "feed.jsonl:3")
    frame = store.events_frame()
    assert set(frame["outlet"]) == {"Wire", ""}


def test_exports(tmp_path, store):
    ingest([SEEDS], store)
    frame = store.events_frame()
    geo = to_geojson(frame)
    assert len(geo["features"]) == len(frame)
    placed = [f for f in geo["features"] if f["geometry"]]
    unplaced = [f for f in geo["features"] if not f["geometry"]]
    assert placed and unplaced  # advances have no point, and are still listed
    lon, lat = placed[0]["geometry"]["coordinates"]
    assert 22 < lon < 41 and 44 < lat < 53


def test_cli_ingest_and_export(tmp_path, new_database):
    db = new_database()
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(SEEDS), "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "articles read: 2" in result.stdout and "refused: 0" in result.stdout
    csv_path, geojson_path = tmp_path / "e.csv", tmp_path / "e.geojson"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.loader",
            "export",
            "--db",
            db,
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
    assert len(csv_path.read_text().splitlines()) == len(read_events(db)) + 1
    assert "password" not in result.stdout
    help_text = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", "--help"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert "--published" in help_text and "--max-bytes" in help_text


def _half_stored_articles(db: str) -> list:
    with Store(db) as store:
        return store.rows(
            "SELECT a.id FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id, a.event_count HAVING count(e.id) != a.event_count"
        )


def _tables(db: str):
    with Store(db) as store:
        articles = store.rows(
            "SELECT id, content_hash, source, published, report_day, outlet, url, title, text, "
            "event_count FROM articles ORDER BY id"
        )
        events = store.rows("SELECT * FROM events ORDER BY id")
    return articles, events


def test_extraction_in_worker_processes_gives_the_same_database(tmp_path, new_database):
    batch = tmp_path / "batch"
    sentences = SEED_TEXT.split("\n\n")
    files = {f"{i:03d}.txt": ("\n\n".join(sentences[i % 9 :]) + f"\n\nArticle {i}.").encode() for i in range(120)}
    files["dup.txt"] = files["007.txt"]  # the same text twice in one batch
    files["empty.txt"] = b""  # refused, by name
    write_batch(batch, files, published="2022-09-13")
    results, databases = {}, {1: new_database(), 2: new_database()}
    for jobs in (1, 2):
        with Store(databases[jobs]) as store:
            results[jobs] = ingest([SEEDS, batch], store, jobs=jobs)
    one, two = results[1], results[2]
    assert (
        (two.stored_articles, two.duplicates, two.events_stored, len(two.refused))
        == (one.stored_articles, one.duplicates, one.events_stored, len(one.refused))
        == (122, 1, one.events_stored, 1)
    )
    assert one.events_stored > 500
    assert _tables(databases[1]) == _tables(databases[2])


def test_warnings_many_articles_share_are_one_line(tmp_path, store, new_database):
    batch = tmp_path / "batch"
    write_batch(
        batch,
        {
            f"{i}.txt": f"Ukrainian forces captured the village of Zzyzxivka on Sunday. Item {i}.".encode()
            for i in range(5)
        },
    )
    summary = ingest([batch], store)
    grouped = [line for line in summary.grouped_warnings() if "Zzyzxivka" in line]
    assert len(grouped) == 1 and "[5 articles:" in grouped[0], summary.grouped_warnings()
    assert len([w for w in summary.warnings if "Zzyzxivka" in w]) == 5
    verbose = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.loader",
            "ingest",
            str(batch),
            "--db",
            new_database(),
            "--verbose",
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert verbose.returncode == 0, verbose.stderr
    assert verbose.stdout.count("Zzyzxivka") == 5
    quiet = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(batch), "--db", new_database()],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert quiet.stdout.count("Zzyzxivka") == 1 and "5 articles" in quiet.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(batch), "--jobs", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "positive" in bad.stderr


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def test_worker_processes_end_when_the_loader_is_killed(tmp_path):
    """kill -9 of the loader must not leave its extraction workers waiting for work forever."""
    batch = many_articles(tmp_path / "many", 2000)
    db = tmp_path / "orphans.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(batch), "--db", str(db), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_processes_with(str(db))) < 3:  # the loader and two workers
        time.sleep(0.05)
    assert len(_processes_with(str(db))) >= 3, "the workers should have started"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _processes_with(str(db)):
        time.sleep(0.1)
    assert _processes_with(str(db)) == []


def test_two_loaders_at_once_store_each_article_once(tmp_path, new_database):
    """Two loader processes ingest overlapping batches into one new database at the same moment: both migrate
    it, both race to store the shared articles (in the same order, so they collide on each), and every text
    is stored exactly once, with all its events."""
    sentences = SEED_TEXT.split("\n\n")
    texts = {i: ("\n\n".join(sentences[i % 7 :]) + f"\n\nArticle {i}.").encode() for i in range(360)}
    shared = {f"{i:04d}.txt": texts[i] for i in range(240)}
    write_batch(tmp_path / "a", {**shared, **{f"{i:04d}.txt": texts[i] for i in range(240, 300)}}, "2022-09-13")
    write_batch(tmp_path / "b", {**shared, **{f"{i:04d}.txt": texts[i] for i in range(300, 360)}}, "2022-09-13")
    db = new_database()
    loaders = [
        subprocess.Popen(
            [sys.executable, "-m", "dashboard.loader", "ingest", str(tmp_path / name), "--db", db, "--jobs", "1"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    outputs = [loader.communicate(timeout=300) for loader in loaders]
    assert [loader.returncode for loader in loaders] == [0, 0], outputs
    stored = [int(out.split("stored: ")[1].split(" articles")[0]) for out, _ in outputs]
    duplicates = [int(out.split("skipped as duplicates: ")[1].split()[0]) for out, _ in outputs]
    assert sum(stored) == 360 and sum(duplicates) == 240, outputs
    with Store(db) as store:
        assert store.rows("SELECT count(*), count(DISTINCT content_hash) FROM articles") == [(360, 360)]
        assert store.rows("SELECT sum(event_count) FROM articles") == store.rows("SELECT count(*) FROM events")
    assert _half_stored_articles(db) == []
