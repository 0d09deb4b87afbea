"""The reader's checks at their edges (issue 16's mutation run: survivors in ``dashboard.loader.read``): how many
control bytes make a file binary, bytes that are neither UTF-8 nor Windows-1252, the messages a person reads,
a page with no title or no date of its own, and a feed's line limit (``2 * max_bytes + 64 KiB``) to the byte.
Expected values are written by hand from the module's docstring and messages.
"""

import json
from datetime import date

import pytest

from dashboard.loader.read import Article, ArticleProblem, decode, html_to_text, normalise_text, parse_date, read_path

CLAIM = "Ukrainian forces captured Lyman on Sunday."


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n"])
def test_an_empty_file_is_said_to_be_empty(raw):
    assert decode(raw, "e.txt") == ArticleProblem("e.txt", "empty file: no text to read")


def text_with_controls(count: int, control: bytes = b"\x01") -> bytes:
    """100 bytes of text, ``count`` of them control bytes."""
    return control * count + b"a" * (100 - count)


def test_up_to_one_control_byte_in_a_hundred_is_text_more_is_binary():
    assert decode(text_with_controls(1), "t.txt") == ("\x01" + "a" * 99, [])
    binary = ArticleProblem("t.txt", "binary file, not text (contains NUL or control bytes)")
    assert decode(text_with_controls(2), "t.txt") == binary
    assert decode(text_with_controls(50), "t.txt") == binary
    assert decode(b"a" * 99 + b"\x00", "t.txt") == binary  # one NUL is enough
    for control in (b"\x08", b"\x0e", b"\x1f"):  # backspace, shift out, unit separator
        assert decode(text_with_controls(2, control), "t.txt") == binary
    # tabs, line feeds, vertical tabs, form feeds and carriage returns are text
    assert decode(b"\t\n\x0b\x0c\r" * 10 + b"a" * 50, "t.txt")[1] == []


def test_bytes_undefined_in_windows_1252_become_replacement_characters():
    # 0x81 and 0x8d are neither UTF-8 nor Windows-1252 characters
    text, warnings = decode(b"Lyman \x81 captured \x8d.", "w.txt")
    assert text == "Lyman \ufffd captured \ufffd."
    assert warnings == ["not valid UTF-8 (byte 6); read as Windows-1252/Latin-1"]
    assert decode("\ufeffLyman".encode("utf-8"), "b.txt") == ("Lyman", [])  # the byte-order mark dropped


def test_a_page_without_a_title_is_its_text_alone():
    page = (
        "<html><body><article><p>Ukrainian forces captured Lyman on Sunday, the defence ministry said. "
        "The town had been held since May.</p></article></body></html>"
    )
    text, title, published = html_to_text(page)
    assert title == "" and published == ""
    assert text == (
        "Ukrainian forces captured Lyman on Sunday, the defence ministry said. The town had been held since May."
    )


def test_a_date_in_a_pages_text_is_not_its_publication_date(tmp_path):
    """Only the page's metadata dates it (htmldate without its guesses from the text): an article reporting
    a day is not published that day."""
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>Lyman</title></head><body><article><p>On 12 March 2022 the front was "
        "quiet. Published 12 March 2022.</p><p>Ukrainian forces captured Lyman on Sunday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert html_to_text(page.read_text())[2] == ""
    undated = only(read_path(page))
    assert isinstance(undated, ArticleProblem) and "no publication date" in undated.problem
    dated = only(read_path(page, published=date(2022, 10, 3)))
    assert isinstance(dated, Article) and dated.published == date(2022, 10, 3)


MAX = 300_000
CAP = 2 * MAX + 65_536  # a feed line's bytes, its newline not counted


def feed_line(length: int, text: str = "Kyiv.") -> bytes:
    """A JSON line of exactly ``length`` bytes before its newline (padded with spaces, which JSON allows)."""
    line = json.dumps({"text": text, "published": "2022-10-03"}).encode()
    return line + b" " * (length - len(line)) + b"\n"


def test_a_feed_line_may_be_twice_the_article_limit_and_64_kib_and_not_a_byte_more(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(
        feed_line(CAP) + feed_line(CAP + 1) + feed_line(40, CLAIM) + feed_line(5 * CAP) + feed_line(40, CLAIM)
    )
    items = list(read_path(feed, max_bytes=MAX))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleProblem", "Article", "ArticleProblem", "Article"]
    assert [i.source for i in items] == [f"{feed}:{n}" for n in range(1, 6)]
    too_long = "line above the limit of 0.3 MB per article (raise it with --max-bytes)"
    assert items[1].problem == too_long and items[3].problem == too_long
    assert items[0].text == "Kyiv." and items[2].text == items[4].text == CLAIM


def test_a_feed_ending_in_a_line_too_long_without_a_newline(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(feed_line(40, CLAIM) + feed_line(3 * CAP)[:-1])
    first, second = read_path(feed, max_bytes=MAX)
    assert isinstance(first, Article) and first.text == CLAIM
    assert second == ArticleProblem(
        f"{feed}:2", "line above the limit of 0.3 MB per article (raise it with --max-bytes)"
    )


def test_text_is_normalised_before_it_is_hashed_and_read():
    assert normalise_text("\ufeffLyman\r\nIzium\rKupiansk \t\nSvatove\ufeff  ") == "Lyman\nIzium\nKupiansk\nSvatove"
    assert (
        Article("a", "Lyman\r\n", date(2022, 10, 3)).content_hash
        == Article("b", "Lyman\n", date(2022, 10, 3)).content_hash
    )


def test_the_earliest_publication_date_is_the_first_of_1900():
    assert parse_date("1900-01-01", "a.txt", "publication date") == date(1900, 1, 1)
    assert parse_date("2022-10-03T08:30:00+03:00", "a.txt", "publication date") == date(2022, 10, 3)
    assert parse_date("1899-12-31", "a.txt", "publication date") == ArticleProblem(
        "a.txt", "publication date '1899-12-31' is not a valid date (expected YYYY-MM-DD, from 1900-01-01 on)"
    )


def test_missing_paths_and_folders_without_articles_are_named(tmp_path):
    assert only(read_path(tmp_path / "nothing-here")) == ArticleProblem(
        str(tmp_path / "nothing-here"), "no such file or folder"
    )
    (tmp_path / "notes.md").write_text("Lyman", encoding="utf-8")
    assert only(read_path(tmp_path)) == ArticleProblem(
        str(tmp_path), "no article files (.htm, .html, .jsonl, .ndjson, .text, .txt) in folder"
    )


def test_a_page_of_markup_only_has_no_text(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text(
        "<html><head><script>var captured = 'Lyman';</script></head><body><script>draw()</script></body></html>",
        encoding="utf-8",
    )
    assert only(read_path(page, published=date(2022, 10, 3))) == ArticleProblem(
        str(page), "no text left after removing markup"
    )


@pytest.mark.parametrize("name", ["story.html", "STORY.HTM"])
def test_a_file_named_as_a_page_is_read_as_one_whatever_it_starts_with(tmp_path, name):
    page = tmp_path / name
    page.write_text(
        "<title>Lyman</title><p>Ukrainian forces captured Lyman on Sunday, the defence ministry said "
        "in a statement on Monday.</p><p>The town had been held by Russian troops since May.</p>",
        encoding="utf-8",
    )  # no <html>: not recognisable as a page by its first characters
    read = only(read_path(page, published=date(2022, 10, 3)))
    assert isinstance(read, Article) and "<" not in read.text and read.title == "Lyman"
    assert read.text.startswith("Lyman\n\nUkrainian forces captured Lyman on Sunday")


def test_a_manifest_gives_outlet_and_url_and_nothing_when_it_has_none(tmp_path):
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLAIM + " Again.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,published,outlet,url\na.txt,2022-10-03,Desk,https://example.org/a\nb.txt,2022-10-04,,\n", encoding="utf-8"
    )
    a, b = read_path(tmp_path)
    assert (a.outlet, a.url, a.published) == ("Desk", "https://example.org/a", date(2022, 10, 3))
    assert (b.outlet, b.url, b.published) == ("", "", date(2022, 10, 4))
    assert (only(read_path(tmp_path / "a.txt")).url, only(read_path(tmp_path / "b.txt")).url) == (
        "https://example.org/a",
        "",
    )  # one file: its folder's manifest still read


def test_a_feed_line_without_a_date_takes_the_published_flags(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": CLAIM}) + "\n" + json.dumps({"text": CLAIM + " Again.", "published": "2022-10-04"}) + "\n"
    )
    first, second = read_path(feed, published=date(2022, 10, 3))
    assert (first.published, second.published) == (date(2022, 10, 3), date(2022, 10, 4))


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1_050_000)
    assert only(read_path(big, published=date(2022, 10, 3), max_bytes=1_000_000)) == ArticleProblem(
        str(big),
        "file is 1.1 MB, above the limit of 1.0 MB (raise it with --max-bytes or CONFLICT_MAP_MAX_ARTICLE_BYTES)",
    )
    default = tmp_path / "default.txt"  # the default limit: 5,000,000 bytes
    default.write_bytes(b"a " * 2_500_000)
    assert isinstance(only(read_path(default, published=date(2022, 10, 3))), Article)
    default.write_bytes(b"a " * 2_500_000 + b"a")
    assert "above the limit of 5.0 MB" in only(read_path(default, published=date(2022, 10, 3))).problem
