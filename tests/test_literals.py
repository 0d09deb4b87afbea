"""LiteralScan (dashboard/loader/literals.py): the same matches as finditer, on made-up and random text."""
import random
import re

import pytest

from dashboard.loader.claims import TRIGGER
from dashboard.loader.literals import LiteralScan, literal_starts
from dashboard.loader.mentions import SIDE


def test_literal_starts_follow_optional_parts_and_branches():
    assert literal_starts(r"\b(?:re-?took|(?:the\s+)?capture\s+of)") == {"re-took", "retook", "the", "capture"}
    assert literal_starts(r"\b(?=[a-z])fell\s+to") == {"fell"}


def test_a_pattern_that_can_start_with_a_class_is_refused():
    with pytest.raises(ValueError):
        literal_starts(r"\b(?:took|\d+\s+villages)")


@pytest.mark.parametrize("pattern", [TRIGGER, SIDE], ids=["triggers", "sides"])
def test_same_matches_as_finditer(pattern):
    rng = random.Random(5)
    words = ["captured", "recaptured", "re-took", "the", "capture", "of", "Russian", "Ukrainians", "Kyiv's",
             "xcaptured", "captured_", "took", "back", "under", "ukrainian", "control", "fell", "to", "DPR",
             "West", "grouping", "’", "-", ",", ".", "\n", "Zelenskyy", "withdrawing", "from", "shelling", "drones"]
    texts = ["".join(rng.choice([" ", "", " "]) + rng.choice(words) for _ in range(300)) for _ in range(30)]
    texts += ["Ukrainian forces captured Lyman, then the capture of Izium; Russian troops fell back."]
    for text in texts:
        for case in (text, text.lower()):
            want = [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(case)]
            got = [(m.start(), m.end(), m.lastgroup) for m in LiteralScan(pattern).finditer(case)]
            assert got == want
