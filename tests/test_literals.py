"""LiteralScan (dashboard/loader/literals.py): the same matches as finditer, on made-up and random text."""

import random
import re

import pytest

from dashboard.loader.claims import TRIGGER
from dashboard.loader.literals import LiteralScan, literal_starts, spaced
from dashboard.loader.mentions import SIDE


def test_literal_starts_follow_optional_parts_and_branches():
    # a start runs on over one whitespace run: one space for one whitespace character, two for a longer run
    assert literal_starts(r"\b(?:re-?took|(?:the\s+)?capture\s+of)") == {
        "re-took",
        "retook",
        "the capture",
        "the  ",
        "capture of",
        "capture  ",
    }
    assert literal_starts(r"\b(?=[a-z])fell\s+to") == {"fell to", "fell  "}
    assert literal_starts(r"took\s*back\s+x") == {"tookback", "took back", "took  "}
    assert literal_starts(r"took\s?back") == {"tookback", "took back"}
    assert literal_starts("took\tback") == {"took back"}  # a whitespace literal is read as a space too


def test_spaced_makes_every_whitespace_character_a_space():
    assert spaced("took\tback\n x") == "took back  x"
    assert spaced("took\u00a0back\u3000x\u2009’") == "took back x ’"
    assert spaced("") == ""


def test_a_pattern_with_ignorecase_is_refused():
    with pytest.raises(ValueError):
        LiteralScan(re.compile("took", re.IGNORECASE))


def test_a_pattern_that_can_start_with_a_class_is_refused():
    with pytest.raises(ValueError):
        literal_starts(r"\b(?:took|\d+\s+villages)")


@pytest.mark.parametrize("pattern", [TRIGGER, SIDE], ids=["triggers", "sides"])
def test_same_matches_as_finditer(pattern):
    rng = random.Random(5)
    words = [
        "captured",
        "recaptured",
        "re-took",
        "the",
        "capture",
        "of",
        "Russian",
        "Ukrainians",
        "Kyiv's",
        "xcaptured",
        "captured_",
        "took",
        "back",
        "under",
        "ukrainian",
        "control",
        "fell",
        "to",
        "DPR",
        "West",
        "grouping",
        "’",
        "-",
        ",",
        ".",
        "\n",
        "Zelenskyy",
        "withdrawing",
        "from",
        "shelling",
        "drones",
        "had",
        "has",
        "full",
        "complete",
    ]
    spaces = [" ", "", " ", "  ", "\n", "\t", "\u00a0", " \u2009", "\u3000"]  # runs, tabs, no-break, thin
    texts = ["".join(rng.choice(spaces) + rng.choice(words) for _ in range(300)) for _ in range(60)]
    texts += [
        "".join(rng.choice([" ", "", "  ", "\n", "\t"]) + rng.choice(words[:-2]) for _ in range(300)) for _ in range(30)
    ]  # ASCII only: read on another path
    texts += ["Ukrainian forces captured Lyman, then the capture of Izium; Russian troops fell back."]
    texts += [
        f"Then the{gap}capture{gap}of Izium; Kyiv had{gap}full{gap}control, ukrainians{gap}fell{gap}back."
        for gap in (" ", "  ", "\n", "\t", " \n ", "\u00a0", "\u3000")
    ]
    for text in texts:
        for case in (text, text.lower()):
            want = [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(case)]
            got = [(m.start(), m.end(), m.lastgroup) for m in LiteralScan(pattern).finditer(case)]
            assert got == want
