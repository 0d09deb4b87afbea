"""Reading files into articles (dashboard/loader/read.py): manifests, feeds, dates, as an attacker would feed them."""

import json
import subprocess
import sys
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import pytest

from dashboard.loader.ingest import ingest
from dashboard.loader.read import Article, ArticleProblem, read_path
from dashboard.store.rows import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOOD = "Russian forces captured Popasna on Friday."


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.db") as s:
        yield s


def split(items):
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, ArticleProblem)]
    return articles, problems


def test_published_flag_never_overrides_a_date_the_article_carries(tmp_path):
    """Issue 10.2: `--published 2022-09-12` re-dated 7 of the 19 seed events (2022-06-24 became 2022-09-09)."""
    with Store(tmp_path / "plain.db") as plain, Store(tmp_path / "flag.db") as flagged:
        ingest([SEEDS], plain)
        ingest([SEEDS], flagged, published=date(2022, 9, 12))
        columns = ["source", "published", "event_date", "sentence"]
        assert plain.events_frame()[columns].equals(flagged.events_frame()[columns])
    undated = tmp_path / "undated"
    undated.mkdir()
    (undated / "a.txt").write_text(GOOD, encoding="utf-8")
    articles, _ = split(list(read_path(undated, published=date(2022, 5, 8))))
    assert [a.published for a in articles] == [date(2022, 5, 8)]  # still the date of articles without one


def write_folder(folder: Path, manifest: bytes, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_bytes(manifest)
    return folder


def test_a_manifest_in_windows_1252_is_read_with_a_warning_and_the_batch_goes_on(tmp_path, store):
    """Issue 10.4: a manifest that is not UTF-8 stopped the batch with a traceback; later paths were not read."""
    first = write_folder(
        tmp_path / "first",
        "file,published,outlet,url\na.txt,2022-05-08,Dzerkalo Tyzhnia – Kyïv,\n".encode("cp1252"),
        {"a.txt": GOOD},
    )
    second = write_folder(
        tmp_path / "second",
        b"file,published,outlet,url\nb.txt,2022-06-25,Y,\n",
        {"b.txt": "Russian troops entered Hirske on Friday."},
    )
    summary = ingest([first, second], store)
    assert summary.stored_articles == 2 and summary.refused == []
    assert any("manifest.csv" in w and "Windows-1252" in w for w in summary.warnings), summary.warnings
    outlets = {row[0] for row in store.rows("SELECT outlet FROM articles")}
    assert outlets == {"Dzerkalo Tyzhnia – Kyïv", "Y"}


def test_a_manifest_that_is_not_text_refuses_its_folder_by_name(tmp_path, store):
    broken = write_folder(tmp_path / "broken", b"\x00\x01\x02binary\x00" * 50, {"a.txt": GOOD})
    second = write_folder(
        tmp_path / "second",
        b"file,published,outlet,url\nb.txt,2022-06-25,Y,\n",
        {"b.txt": "Russian troops entered Hirske on Friday."},
    )
    summary = ingest([broken, second], store)
    assert summary.stored_articles == 1
    assert any(str(broken / "manifest.csv") in r for r in summary.refused), summary.refused


@pytest.mark.parametrize("published", ["0001-01-01", "0000-01-01", "1899-12-31", "2022-02-30"])
def test_impossible_manifest_dates_get_the_same_clear_message(tmp_path, store, published):
    """Issue 10.6: 0001-01-01 ended in 'year 0 is out of range' from deep inside the reader."""
    folder = write_folder(
        tmp_path / "f", f"file,published,outlet,url\na.txt,{published},X,\n".encode(), {"a.txt": GOOD}
    )
    summary = ingest([folder], store)
    assert len(summary.refused) == 1, summary.refused
    assert f"publication date {published!r} is not a valid date" in summary.refused[0]
    assert "out of range" not in summary.refused[0] and "Error" not in summary.refused[0]


def test_published_flag_refuses_an_impossible_date(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.loader",
            "ingest",
            str(SEEDS),
            "--db",
            str(tmp_path / "x.db"),
            "--published",
            "0001-01-01",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "not a valid date" in result.stderr and "Traceback" not in result.stderr


def small_feed(path: Path, count: int, size: int = 1200) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            text = f"Russian forces captured Popasna on Friday. Report {i}. " + "Filler words here. " * (size // 19)
            handle.write(
                json.dumps({"text": text, "published": "2022-05-08", "outlet": "X", "url": f"https://ok.example/{i}"})
                + "\n"
            )
    return path


def test_the_size_limit_applies_per_article_in_a_feed_read_in_bounded_memory(tmp_path):
    """Issue 10.5: a 6 MB feed of 4,888 small articles was refused whole; it must be read line by line."""
    feed = small_feed(tmp_path / "feed.jsonl", 4888)
    assert feed.stat().st_size > 5_000_000
    tracemalloc.start()
    try:
        count = problems = 0
        for item in read_path(feed, max_bytes=5_000_000):
            count += isinstance(item, Article)
            problems += isinstance(item, ArticleProblem)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (count, problems) == (4888, 0)
    assert peak < 1_000_000, f"peak {peak:,} bytes while reading a {feed.stat().st_size:,}-byte feed"


def test_one_article_over_the_limit_refuses_that_line_only(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": GOOD, "published": "2022-05-08"}),
        json.dumps({"text": "x" * 30_000, "published": "2022-05-08"}),
        json.dumps({"text": "Russian troops entered Hirske on Friday.", "published": "2022-06-25"}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = split(list(read_path(feed, max_bytes=10_000)))
    assert [a.source for a in articles] == [f"{feed}:1", f"{feed}:3"]
    assert [p.source for p in problems] == [f"{feed}:2"] and "above the limit" in problems[0].problem


def test_a_nul_byte_refuses_its_line_not_the_file(tmp_path):
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"text": GOOD, "published": "2022-05-08"}).encode()
    nul = json.dumps({"text": "Russian troops entered Hirske on Friday.", "published": "2022-06-25"}).encode()
    nul = nul.replace(b"Hirske", b"Hir\x00ske")
    third = json.dumps({"text": "Ukrainian forces captured Lyman on Sunday.", "published": "2022-10-02"}).encode()
    feed.write_bytes(b"\n".join([good, nul, third]) + b"\n")
    articles, problems = split(list(read_path(feed)))
    assert [a.source for a in articles] == [f"{feed}:1", f"{feed}:3"]
    assert [p.source for p in problems] == [f"{feed}:2"] and "NUL" in problems[0].problem


def test_a_feed_line_not_in_utf8_is_read_as_windows_1252_with_a_warning(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(
        b'{"text": "Russian forces captured Popasna on Friday, caf\xe9 owners said.", "published": "2022-05-08"}\n'
    )
    articles, problems = split(list(read_path(feed)))
    assert problems == [] and "café" in articles[0].text
    assert any("Windows-1252" in w for w in articles[0].warnings)


CLUTTERED_PAGE = """<!doctype html><html lang="en"><head><title>Ukraine retakes Lyman - Example News</title>
<meta property="article:published_time" content="2022-10-01T09:30:00+00:00"></head><body>
<nav><a href="/world">World</a> <a href="/live">Russia captured Kharkiv: live</a> <a href="/opinion">Opinion</a></nav>
<article><h1>Ukraine retakes Lyman</h1>
<p>Ukrainian forces recaptured the eastern town of Lyman on Saturday, the defence ministry in Kyiv said,
in one of the biggest gains of the counteroffensive.</p>
<p>Russia's defence ministry said its troops had withdrawn to more favourable lines. The claim could not be
independently verified.</p>
<p>Residents who stayed through months of occupation described shortages of food and water, and officials
said demining the roads around the town would take weeks before aid convoys could move freely.</p></article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Russia says it captured Bakhmut</a></li>
<li><a href="/b">Russian troops seized Vuhledar, Moscow says</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><div class="comment"><p>Russia will take Odesa by summer, mark my words.</p></div>
<div class="comment"><p>Ukrainian forces liberated Kherson yesterday, my cousin says.</p></div></section>
<footer><p>© Example News. Russian forces captured Sumy, says nobody.</p></footer></body></html>"""


def test_a_saved_page_gives_its_article_not_its_menus_related_links_or_comments(tmp_path):
    from dashboard.loader.extract import EventExtractor

    page = tmp_path / "page.html"
    page.write_text(CLUTTERED_PAGE, encoding="utf-8")
    articles = [item for item in read_path(page) if not isinstance(item, ArticleProblem)]
    assert len(articles) == 1
    article = articles[0]
    assert article.published == date(2022, 10, 1)  # from article:published_time
    assert article.text.startswith("Ukraine retakes Lyman")  # the headline is a sentence of its own
    for clutter in ("Bakhmut", "Vuhledar", "Odesa", "Kherson", "Sumy", "Kharkiv", "Opinion"):
        assert clutter not in article.text, clutter
    events = EventExtractor().extract(article.text, article.published).events
    places = {(e.actor, e.action, e.place_name) for e in events}
    assert ("UA", "captured", "Lyman") in places
    assert {p for _, _, p in places} == {"Lyman"}


def test_a_publication_date_in_the_future_is_refused_by_name(tmp_path):
    """Issue 16: a future publication date accepted passed. Tomorrow, from a manifest, a feed line and
    --published alike (htmldate itself never reads a page's date that is in the future)."""
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    folder = write_folder(
        tmp_path / "f",
        f"file,published,outlet,url\na.txt,{tomorrow},X,\n".encode(),
        {"a.txt": GOOD, "b.txt": GOOD + " Again."},
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": GOOD, "published": tomorrow}) + "\n", encoding="utf-8")
    articles, problems = split([*read_path(folder, published=date.today() + timedelta(days=1)), *read_path(feed)])
    assert articles == []
    assert sorted(p.source.rsplit("/", 1)[-1] for p in problems) == ["a.txt", "b.txt", "feed.jsonl:1"]
    assert all(f"publication date {tomorrow} is in the future" in str(p) for p in problems), problems
    today, _ = split(list(read_path(folder, published=date.today())))
    assert [a.source.rsplit("/", 1)[-1] for a in today] == ["b.txt"]  # today is not the future


def test_a_pages_own_published_time_wins_over_the_published_flag(tmp_path):
    """An HTML page's article:published_time dates it even when --published is given and its manifest row
    names only the outlet (a manifest's date, set by a person, would win over both)."""
    folder = write_folder(tmp_path / "p", b"file,published,outlet,url\npage.html,,Example News,\n", {})
    (folder / "page.html").write_text(CLUTTERED_PAGE, encoding="utf-8")
    articles, problems = split(list(read_path(folder, published=date(2022, 10, 5))))
    assert problems == [] and [(a.published, a.outlet) for a in articles] == [(date(2022, 10, 1), "Example News")]


def test_a_pages_headline_comes_first_and_its_tables_and_comments_stay_out(tmp_path):
    """The headline from <title> when the body does not repeat it; a table (a sidebar of live figures) and the
    comments are not article text (mutation survivors: the title dropped, tables or comments let in)."""
    from dashboard.loader.read import html_to_text

    page = (
        "<html><head><title>Kyiv says Lyman retaken</title>"
        '<meta property="article:published_time" content="2022-10-01T09:30:00+00:00"></head><body><article>'
        "<p>Ukrainian forces recaptured the eastern town of Lyman on Saturday, the defence ministry in Kyiv "
        "said, in one of the biggest gains of the counteroffensive in the east of the country.</p>"
        "<p>Officials said demining the roads around the town would take weeks before aid could move.</p>"
        "<table><tr><td>Russian forces captured Kupiansk</td><td>live</td></tr></table></article>"
        '<section class="comments"><div class="comment"><p>Russia will take Odesa by summer.</p></div>'
        "</section></body></html>"
    )
    text, title, published = html_to_text(page)
    assert (title, published) == ("Kyiv says Lyman retaken", "2022-10-01")
    assert text.startswith("Kyiv says Lyman retaken\n\nUkrainian forces recaptured")
    assert "Kupiansk" not in text and "Odesa" not in text


def test_a_feed_line_by_line_with_every_problem_named(tmp_path):
    """One feed with every kind of line: each bad one refused by its line number with its own message, the
    rest read with their outlet, URL and date (mutation survivors: a bad line ending the feed, the messages,
    the outlet and URL, an HTML body, a first line with a byte-order mark). Expected values by hand."""
    feed = tmp_path / "feed.jsonl"
    lines = [
        "\ufeff"
        + json.dumps({"text": GOOD, "published": "2022-05-08", "outlet": "Wire", "url": "https://w.example/1"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "x" * 3_000, "published": "2022-05-08"}),
        "",
        json.dumps(
            {
                "text": "<html><head><title>Hirske falls</title></head><body><article><p>Russian troops "
                "entered Hirske on Friday, the regional governor said.</p></article></body></html>",
                "published": "2022-06-25",
                "outlet": "Paper",
            }
        ),
        json.dumps({"text": "Ukrainian forces captured Lyman on Sunday.", "published": "2022-10-02"}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = split(list(read_path(feed, max_bytes=2_000)))
    assert [(p.source, p.problem) for p in problems] == [
        (f"{feed}:2", "not valid JSON (Expecting property name enclosed in double quotes)"),
        (f"{feed}:3", "JSON line has no 'text' string"),
        (f"{feed}:4", "JSON line has no 'text' string"),
        (f"{feed}:5", "text above the limit of 0.0 MB"),
    ]
    assert [(a.source, a.published, a.outlet, a.url, a.title) for a in articles] == [
        (f"{feed}:1", date(2022, 5, 8), "Wire", "https://w.example/1", ""),
        (f"{feed}:7", date(2022, 6, 25), "Paper", "", "Hirske falls"),
        (f"{feed}:8", date(2022, 10, 2), "", "", ""),
    ]
    assert articles[0].text == GOOD and articles[1].text.startswith("Hirske falls\n\nRussian troops entered Hirske")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert [(p.source, p.problem) for p in read_path(empty)] == [(str(empty), "empty file: no text to read")]
