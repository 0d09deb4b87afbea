"""The reading as a whole: offsets in code points, odd text, and cost linear in the text."""

import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.loader.extract import EventExtractor

PUBLISHED = date(2022, 11, 15)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extractor():
    return EventExtractor()


def test_offsets_are_python_offsets_after_non_ascii_text(extractor):
    text = "«Слава Україні» — “quoted” ünïcode.\n\nUkrainian forces captured Lyman on Sunday, the ministry said."
    events = extractor.extract(text, PUBLISHED).events
    assert len(events) == 1
    event = events[0]
    assert text[event.sentence_start : event.sentence_end] == event.sentence
    assert event.sentence.startswith("Ukrainian forces captured Lyman")
    assert (event.place_name, event.event_date) == ("Lyman", "2022-11-13")


def test_date_phrase_offsets_after_non_ascii_text():
    from dashboard.loader.dates import find_date_phrases

    text = "Ще — “on Saturday” and in May."
    phrases, _ = find_date_phrases(text, PUBLISHED)
    assert [text[p.start : p.end] for p in phrases] == ["on Saturday", "in May"]


def test_lone_surrogates_and_control_characters_do_not_break_the_reader(extractor):
    text = 'Ukrainian forces \ud800captured Lyman\x00 on Sunday.\x1f\x1e "quoted" back\\slash.'
    extraction = extractor.extract(text, PUBLISHED)
    assert all(text[e.sentence_start : e.sentence_end] == e.sentence for e in extraction.events)


@pytest.mark.parametrize("size", [0, 1, 7, 4096])
def test_arbitrary_text_is_read_without_crashing(extractor, size):
    rng = random.Random(size)
    alphabet = "ab AZ.,;:'’“”-\n\tКиїв0123456789sqkm"
    text = "".join(rng.choice(alphabet) for _ in range(size))
    extraction = extractor.extract(text, PUBLISHED)
    assert isinstance(extraction.events, list)


def _seconds_to_read(text: str) -> float:
    """CPU seconds of a fresh process reading ``text`` once (after warming up on a short text)."""
    code = (
        "import sys, time; from datetime import date; from dashboard.loader.extract import EventExtractor; "
        "x = EventExtractor(); x.extract('Ukrainian forces captured Lyman.', date(2022, 9, 13)); "
        "text = sys.stdin.read(); t = time.process_time(); e = x.extract(text, date(2022, 9, 13)).events; "
        "print(time.process_time() - t, *sorted({x.place_name for x in e}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seconds, *places = done.stdout.split()
    assert "Lyman" in places  # the claim repeated a thousand times is one event
    return float(seconds)


@pytest.mark.parametrize(
    "unit",
    [
        "Ukrainian forces captured Lyman and ",  # one megabytes-long "sentence" of claims
        "Ukrainian forces captured Lyman, Gen. Smith said, and ",  # commas, abbreviations, speech verbs
        "Ukrainian forces captured Lyman in the Donetsk region and ",  # regions: each claim placed by them
    ],
)
def test_a_degenerate_article_is_read_in_linear_time(unit):
    """Megabytes of one "sentence" (a scraper's failure) must not stall a batch: reading is linear.

    Checked by growth, not by a deadline: reading 4n takes about 4 times reading n (a quadratic reader
    takes 16 times); the bound of 7 leaves room for a noisy machine."""
    small, large = 8000, 32000
    t_small = min(_seconds_to_read(unit * small) for _ in range(2))
    t_large = _seconds_to_read(unit * large)
    assert t_large / t_small < 7, (t_small, t_large)
