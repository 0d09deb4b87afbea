"""Ingest's summary and its bookkeeping, checked on values written by hand (issue 16's mutation run: the counts and
grouped warnings were checked on few values): the grouped warning lines, the summary's lines, what storing one
extraction adds to the summary (with events written by hand), reading again, one article at a time, the
worker's side called in this process, and a bug on one article refusing that article only.
"""

import os
from datetime import date

import pytest

from dashboard.loader import ingest as ingest_module
from dashboard.loader.extract import EventExtractor, Extraction
from dashboard.loader.ingest import (
    Summary,
    _extract_here,
    _extract_in_worker,
    _start_worker,
    _store,
    default_jobs,
    extract_one,
    ingest,
    store_one,
)
from dashboard.loader.read import Article
from dashboard.store.rows import Store
from tests.events import made_event as event

CLAIM = "Ukrainian forces captured Lyman on Sunday, the defence ministry said."


def test_grouped_warnings_most_frequent_first_with_three_examples():
    summary = Summary()
    for source in ("a", "b", "c", "d"):
        summary.warn(source, "date far before publication")
    for source in ("e", "f"):
        summary.warn(source, "place not in the gazetteer")
    for source in ("g", "h"):
        summary.warn(source, "attribution unclear")
    summary.warn("i", "one of a kind")
    summary.warn("j", "also one")
    assert summary.grouped_warnings() == [
        "date far before publication [4 articles: a, b, c, ...]",
        "attribution unclear [2 articles: g, h]",  # a tie: in the order of the words
        "place not in the gazetteer [2 articles: e, f]",
        "j: also one",
        "i: one of a kind",
    ]
    assert summary.warnings[:2] == ["a: date far before publication", "b: date far before publication"]
    assert len(summary.warnings) == 10


def test_three_examples_and_no_dots_when_there_are_exactly_three_and_thousands_with_a_comma():
    summary = Summary()
    for source in ("x", "y", "z"):
        summary.warn(source, "three")
    for number in range(1_200):
        summary.warn(f"s{number}", "many")
    assert summary.grouped_warnings() == ["many [1,200 articles: s0, s1, s2, ...]", "three [3 articles: x, y, z]"]


def test_the_summarys_lines():
    summary = Summary(
        articles_read=7,
        duplicates=2,
        stored_articles=4,
        events_stored=9,
        unplaced=3,
        oblast_only=1,
        refused=["bad.txt: empty file: no text to read"],
    )
    summary.warn("a.txt", "w1")
    summary.warn("b.txt", "w1")
    assert summary.lines() == [
        "articles read: 7",
        "stored: 4 articles, 9 events",
        "skipped as duplicates: 2",
        "claims placed only at oblast level: 1; left unplaced: 3",
        "refused: 1",
        "  refused bad.txt: empty file: no text to read",
        "  warning w1 [2 articles: a.txt, b.txt]",
    ]
    assert summary.lines(verbose=True)[-2:] == ["  warning a.txt: w1", "  warning b.txt: w1"]
    summary.reread_articles = 5
    assert summary.lines()[3] == "read again: 5 articles"


def article(text: str, source: str = "a.txt", warnings=None) -> Article:
    return Article(source, text, date(2022, 10, 3), "Desk", "https://example.org/a", "A title", warnings or [])


def test_storing_an_extraction_counts_what_a_reader_must_know(tmp_path):
    events = [
        event("Lyman", place_precision="point"),
        event(None, place_precision="none"),  # unplaced
        event(None, place_precision="none", action="advanced", area_km2=40.0),  # an advance needs no place
        event("Donetsk oblast", place_precision="oblast", flags="oblast-only"),  # placed at oblast level
        event("Kharkiv oblast", place_precision="oblast"),
    ]  # an oblast claim as such
    extraction = Extraction(events, date(2022, 10, 2), ["date far before publication"])
    summary = Summary()
    with Store(tmp_path / "e.db") as store:
        _store(article("One."), extraction, store, summary)
        assert (summary.stored_articles, summary.events_stored, summary.unplaced, summary.oblast_only) == (1, 5, 1, 1)
        assert summary.warnings == ["a.txt: date far before publication"]
        assert store.rows("SELECT report_day, published, outlet, url, title, source FROM articles") == [
            ("2022-10-02", "2022-10-03", "Desk", "https://example.org/a", "A title", "a.txt")
        ]
        _store(article("One."), extraction, store, summary)  # the same text: a duplicate, nothing counted
        assert (summary.stored_articles, summary.events_stored, summary.duplicates) == (1, 5, 1)
        _store(article("One."), Extraction(events[:2], date(2022, 10, 2)), store, summary, reread=True)
        assert (summary.reread_articles, summary.events_stored, summary.duplicates) == (1, 7, 1)
        assert store.counts() == {"articles": 1, "events": 2}
        _store(article("Two.", "b.txt"), "ValueError: a bug", store, summary)
        assert summary.refused == ["b.txt: could not be read for claims (ValueError: a bug)"]
        assert store.counts() == {"articles": 1, "events": 2}


def test_one_article_is_read_and_stored_as_a_batch_would(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "_one_extractor", None)  # as in a new process
    extraction = extract_one(article(CLAIM))
    assert isinstance(extraction, Extraction)
    assert [(e.actor, e.action, e.place_name) for e in extraction.events] == [("UA", "captured", "Lyman")]
    assert extraction.report_day == date(2022, 10, 2)  # "on Sunday" before Monday 3 October
    first = ingest_module._one_extractor
    assert isinstance(first, EventExtractor)
    assert extract_one(article(CLAIM)).events == extraction.events
    assert ingest_module._one_extractor is first  # made once, kept for the next article
    with Store(tmp_path / "e.db") as store:
        summary = store_one(article(CLAIM, warnings=["not valid UTF-8 (byte 3)"]), extraction, store)
        assert summary.lines() == [
            "articles read: 1",
            "stored: 1 articles, 1 events",
            "skipped as duplicates: 0",
            "claims placed only at oblast level: 0; left unplaced: 0",
            "refused: 0",
            "  warning a.txt: not valid UTF-8 (byte 3)",
        ]
        again = store_one(article(CLAIM), extraction, store)
        assert (again.articles_read, again.duplicates, again.stored_articles) == (1, 1, 0)


def test_a_bug_on_one_article_refuses_that_article_only(tmp_path):
    undated = Article("undated.txt", CLAIM, None)  # no date: the rules cannot count days back from it
    problem = _extract_here(EventExtractor(), undated)
    assert problem.startswith("TypeError: unsupported operand type")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lyman.txt").write_text(CLAIM, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published,outlet,url\nlyman.txt,2022-10-03,,\n", encoding="utf-8")
    with Store(tmp_path / "e.db") as store:
        summary = ingest([folder], store, progress=False)
        assert (summary.articles_read, summary.stored_articles, summary.events_stored) == (1, 1, 1)


def test_the_workers_side_in_this_process(monkeypatch):
    monkeypatch.setattr(ingest_module, "_worker_extractor", None)
    _start_worker(os.getppid())  # the watcher thread waits for this process's parent, which stays
    assert isinstance(ingest_module._worker_extractor, EventExtractor)
    extraction = _extract_in_worker((CLAIM, date(2022, 10, 3)))
    assert [(e.action, e.place_name) for e in extraction.events] == [("captured", "Lyman")]
    assert _extract_in_worker((CLAIM, None)).startswith("TypeError: unsupported operand type")


def test_default_jobs_is_the_cores_this_process_may_use():
    assert default_jobs() == len(os.sched_getaffinity(0)) >= 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_reread_replaces_events_and_counts_them(tmp_path, jobs):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lyman.txt").write_text(CLAIM, encoding="utf-8")
    (folder / "other.txt").write_text("Russian troops withdrew from Izium on Saturday.", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,published,outlet,url\nlyman.txt,2022-10-03,,\nother.txt,2022-09-11,,\n", encoding="utf-8"
    )
    with Store(tmp_path / "e.db") as store:
        first = ingest([folder], store, progress=False, jobs=jobs)
        assert (first.articles_read, first.stored_articles, first.events_stored, first.duplicates) == (2, 2, 2, 0)
        plain = ingest([folder], store, progress=False, jobs=jobs)
        assert (plain.articles_read, plain.stored_articles, plain.events_stored, plain.duplicates) == (2, 0, 0, 2)
        again = ingest([folder], store, progress=False, jobs=jobs, reread=True)
        assert (again.articles_read, again.reread_articles, again.events_stored, again.duplicates) == (2, 2, 2, 0)
        assert store.counts() == {"articles": 2, "events": 2}


def test_more_articles_than_the_workers_hold_at_once_are_stored_in_the_order_read(tmp_path):
    """Two jobs hold 2 * 64 articles in flight: 130 articles make the writer store while it still reads."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = [f"{number:03d}.txt" for number in range(130)]
    for number, name in enumerate(names):
        (folder / name).write_text(f"Ukrainian forces captured Lyman on Sunday. Report {number}.", encoding="utf-8")
    with Store(tmp_path / "e.db") as store:
        summary = ingest([folder], store, published=date(2022, 10, 3), progress=False, jobs=2)
        assert (summary.articles_read, summary.stored_articles, summary.events_stored, summary.refused) == (
            130,
            130,
            130,
            [],
        )
        assert [row[0] for row in store.rows("SELECT source FROM articles ORDER BY id")] == [
            str(folder / name) for name in names
        ]
