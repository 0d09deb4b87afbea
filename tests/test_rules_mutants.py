"""Rules that a mutation run (issue 16, ``bench/mutation/rules.md``) found untested: one made-up case each.

Every expected value is written by hand from the rule's meaning (module docstrings, lexicon comments); the
sentences are made up for these tests. Published on Tuesday 15 November 2022 unless said otherwise.
"""
from datetime import date

import pytest

from dashboard.loader.extract import EventExtractor
from dashboard.loader.lowercase import lower_keep_offsets
from dashboard.loader.mentions import is_title_case

PUBLISHED = date(2022, 11, 15)   # a Tuesday


@pytest.fixture(scope="module")
def extract():
    extractor = EventExtractor()
    return lambda text, published=PUBLISHED: extractor.extract(text, published)


def rows(extraction, *fields):
    return [tuple(getattr(e, f) for f in fields) for e in extraction.events]


# --- lowercase.py ------------------------------------------------------------------------------------
def test_lowering_keeps_every_offset():
    assert lower_keep_offsets("Troops LEFT Kyiv") == "troops left kyiv"
    # "İ" lowers to two characters: it is kept as written, so that every other character keeps its offset
    assert lower_keep_offsets("İZMAIL Was Shelled") == "İzmail was shelled"
    assert lower_keep_offsets("") == ""


# --- mentions.is_title_case: a headline in title case -------------------------------------------------
@pytest.mark.parametrize("text,title", [
    ("Russian Military Says Troops Captured Village", True),
    ("Russian Military Says Troops captured Village", True),      # one longer word in lower case
    ("Russian Military says Troops captured Village", False),     # two
    ("Troops Seize Town", True),                                  # three capitalised longer words
    ("Troops Seize", False),                                      # two are not enough
    ("Troops Seize the Town of Lyman", True),                     # short words ("the", "of") do not count
    ("troops seize town", False),
    # only the first 400 characters are read: "word" cut to "wor" there is no longer word
    ("Russian Military says Troops Captured Village" + " " * (397 - 45) + "word here", True),
    ("Russian Military says Troops Captured Village" + " " * (396 - 45) + "word here", False),
])
def test_a_title_case_headline(text, title):
    assert is_title_case(text) is title


# --- places.place_region and quantity_region: a claim about a whole region ----------------------------
def test_a_whole_region_is_placed_at_oblast_level_with_its_words(extract):
    found = extract("Ukrainian forces retook all of Kharkiv's territory, the governor said.")
    assert rows(found, "actor", "action", "place_as_written", "place_name", "geonameid", "oblast_iso", "latitude",
                "longitude", "place_precision", "flags") == [
        ("UA", "captured", "Kharkiv's territory", "Kharkiv", None, "UA-63", None, None, "oblast", "")]


def test_an_area_in_the_one_region_its_sentence_names_stays_with_that_region(extract):
    found = extract("Ukrainian troops have regained 1,250 square kilometres in Russia's Kursk region, Kyiv said.")
    assert rows(found, "actor", "action", "area_km2", "place_as_written", "place_name", "geonameid", "oblast_iso",
                "latitude", "longitude", "place_precision", "flags") == [
        ("UA", "advanced", 1250.0, None, None, None, "RU-KRS", None, None, "oblast", "")]
