"""The compiled rule engine (dashboard/loader/claimcore): its own tests, and the door Python uses."""
import shutil
import subprocess
from datetime import date

import pytest

from dashboard.loader.rules import CRATE, reader

PUBLISHED = date(2022, 11, 15)


@pytest.mark.skipif(not shutil.which("cargo"), reason="cargo is not installed (bash .ci/setup installs it)")
def test_rust_unit_tests_pass():
    done = subprocess.run(["cargo", "test", "--release", "--quiet"], cwd=CRATE, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "test result: ok" in done.stdout


def test_offsets_are_python_offsets_after_non_ascii_text():
    text = "«Слава Україні» — “quoted” ünïcode.\n\nUkrainian forces captured Lyman on Sunday, the ministry said."
    events = reader().extract(text, PUBLISHED).events
    assert len(events) == 1
    event = events[0]
    assert text[event.sentence_start:event.sentence_end] == event.sentence
    assert event.sentence.startswith("Ukrainian forces captured Lyman")
    assert (event.place_name, event.event_date) == ("Lyman", "2022-11-13")


def test_date_phrase_offsets_after_non_ascii_text():
    text = "Ще — “on Saturday” and in May."
    phrases, _ = reader().date_phrases(text, PUBLISHED)
    assert [text[p.start:p.end] for p in phrases] == ["on Saturday", "in May"]


def test_lone_surrogates_and_control_characters_do_not_break_the_reader():
    text = "Ukrainian forces \ud800captured Lyman\x00 on Sunday.\x1f\x1e \"quoted\" back\\slash."
    extraction = reader().extract(text, PUBLISHED)
    assert all(text[e.sentence_start:e.sentence_end] == e.sentence for e in extraction.events)


@pytest.mark.parametrize("size", [0, 1, 7, 4096])
def test_arbitrary_text_is_read_without_crashing(size):
    import random
    rng = random.Random(size)
    alphabet = "ab AZ.,;:'’“”-\n\tКиїв0123456789sqkm"
    text = "".join(rng.choice(alphabet) for _ in range(size))
    extraction = reader().extract(text, PUBLISHED)
    assert isinstance(extraction.events, list)


def test_a_degenerate_article_is_read_in_linear_time():
    """Megabytes of one "sentence" (a scraper's failure) must not stall a batch: the reader is linear.

    Run in a child process with a deadline far above the linear cost (under a second here) and far
    below the quadratic one (minutes), so this checks the algorithm, not the machine's speed.
    """
    import sys
    code = ("from datetime import date; from dashboard.loader.rules import reader; "
            "e = reader().extract('Ukrainian forces captured Lyman and ' * 130000, date(2022, 9, 13)).events; "
            "print(len(e), e[0].place_name)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=CRATE.parent.parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", "Lyman"]
