"""The reader's checks at their edges (issue 16's mutation run: survivors in ``dashboard.loader.read``): how many
control bytes make a file binary, bytes that are neither UTF-8 nor Windows-1252, the messages a person reads,
a page with no title or no date of its own, and a feed's line limit (``2 * max_bytes + 64 KiB``) to the byte.
Expected values are written by hand from the module's docstring and messages.
"""
import json
from datetime import date

import pytest

from dashboard.loader.read import Article, ArticleProblem, decode, html_to_text, read_path

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
    assert decode(b"a" * 99 + b"\x00", "t.txt") == binary   # one NUL is enough
    for control in (b"\x08", b"\x0e", b"\x1f"):   # backspace, shift out, unit separator
        assert decode(text_with_controls(2, control), "t.txt") == binary
    # tabs, line feeds, vertical tabs, form feeds and carriage returns are text
    assert decode(b"\t\n\x0b\x0c\r" * 10 + b"a" * 50, "t.txt")[1] == []


def test_bytes_undefined_in_windows_1252_become_replacement_characters():
    # 0x81 and 0x8d are neither UTF-8 nor Windows-1252 characters
    text, warnings = decode(b"Lyman \x81 captured \x8d.", "w.txt")
    assert text == "Lyman \ufffd captured \ufffd."
    assert warnings == ["not valid UTF-8 (byte 6); read as Windows-1252/Latin-1"]
    assert decode("\ufeffLyman".encode("utf-8"), "b.txt") == ("Lyman", [])   # the byte-order mark dropped


def test_a_page_without_a_title_is_its_text_alone():
    page = ("<html><body><article><p>Ukrainian forces captured Lyman on Sunday, the defence ministry said. "
            "The town had been held since May.</p></article></body></html>")
    text, title, published = html_to_text(page)
    assert title == "" and published == ""
    assert text == ("Ukrainian forces captured Lyman on Sunday, the defence ministry said. "
                    "The town had been held since May.")


def test_a_date_in_a_pages_text_is_not_its_publication_date(tmp_path):
    """Only the page's metadata dates it (htmldate without its guesses from the text): an article reporting
    a day is not published that day."""
    page = tmp_path / "report.html"
    page.write_text("<html><head><title>Lyman</title></head><body><article><p>On 12 March 2022 the front was "
                    "quiet. Published 12 March 2022.</p><p>Ukrainian forces captured Lyman on Sunday.</p>"
                    "</article></body></html>", encoding="utf-8")
    assert html_to_text(page.read_text())[2] == ""
    undated = only(read_path(page))
    assert isinstance(undated, ArticleProblem) and "no publication date" in undated.problem
    dated = only(read_path(page, published=date(2022, 10, 3)))
    assert isinstance(dated, Article) and dated.published == date(2022, 10, 3)


MAX = 300_000
CAP = 2 * MAX + 65_536   # a feed line's bytes, its newline not counted


def feed_line(length: int, text: str = "Kyiv.") -> bytes:
    """A JSON line of exactly ``length`` bytes before its newline (padded with spaces, which JSON allows)."""
    line = json.dumps({"text": text, "published": "2022-10-03"}).encode()
    return line + b" " * (length - len(line)) + b"\n"


def test_a_feed_line_may_be_twice_the_article_limit_and_64_kib_and_not_a_byte_more(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(feed_line(CAP) + feed_line(CAP + 1) + feed_line(40, CLAIM) + feed_line(5 * CAP)
                     + feed_line(40, CLAIM))
    items = list(read_path(feed, max_bytes=MAX))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleProblem", "Article", "ArticleProblem",
                                                 "Article"]
    assert [i.source for i in items] == [f"{feed}:{n}" for n in range(1, 6)]
    too_long = "line above the limit of 0.3 MB per article (raise it with --max-bytes)"
    assert items[1].problem == too_long and items[3].problem == too_long
    assert items[0].text == "Kyiv." and items[2].text == items[4].text == CLAIM


def test_a_feed_ending_in_a_line_too_long_without_a_newline(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(feed_line(40, CLAIM) + feed_line(3 * CAP)[:-1])
    first, second = read_path(feed, max_bytes=MAX)
    assert isinstance(first, Article) and first.text == CLAIM
    assert second == ArticleProblem(f"{feed}:2", "line above the limit of 0.3 MB per article (raise it with "
                                                 "--max-bytes)")
