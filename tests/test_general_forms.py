"""General forms of reporting the rules had not seen (issue 22), one class at a time, each with made-up sentences
for both sides: who acted, wordings, structural filters. No sentence is taken from an article of the corpus."""
from datetime import date

import pytest

from dashboard.loader.extract import EventExtractor

PUBLISHED = date(2024, 11, 1)


def events(text, published=PUBLISHED):
    return [(e.actor, e.action, e.place_name or e.oblast_iso, e.settlements)
            for e in EventExtractor().extract(text, published).events]


# --- Who acted ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a side's source telling its own gain names the other side on the way: the other side is the object
    ("Units of the North grouping, continuing to rout the Ukrainian formations, liberated Vovchansk.",
     [("RU", "captured", "Vovchansk", None)]),
    ("Russian forces pushed back Ukrainian troops and liberated Krasnohorivka, the ministry said.",
     [("RU", "captured", "Krasnohorivka", None)]),
    ("Russian troops, after defeating Ukrainian units, took control of Selydove.",
     [("RU", "captured", "Selydove", None)]),
    ("Ukrainian forces, having repelled Russian assaults, liberated Robotyne.",
     [("UA", "captured", "Robotyne", None)]),
    ("Ukrainian marines, after routing Russian assault groups, recaptured Klishchiivka.",
     [("UA", "captured", "Klishchiivka", None)]),
    # the subject named before a side that is no object keeps its place: it acted
    ("Russia said Ukrainian forces attacked and captured Robotyne.", [("UA", "captured", "Robotyne", None)]),
])
def test_the_side_that_gained_acted_whoever_else_the_sentence_names(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The occupiers fled Kherson, the governor said.", [("RU", "withdrew", "Kherson", None)]),
    ("The Russian invaders fled from Balakliia.", [("RU", "withdrew", "Balakliia", None)]),
    ("Russian units abandoned Izium in panic.", [("RU", "withdrew", "Izium", None)]),
    ("Ukrainian soldiers fled Avdiivka under fire, the Russian ministry said.", [("UA", "withdrew", "Avdiivka", None)]),
    ("The neo-Nazis fled Selydove, the ministry said.", [("UA", "withdrew", "Selydove", None)]),
])
def test_who_fled_or_abandoned_a_place_withdrew(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Thousands of Ukrainian civilians have fled to Pokrovsk.",
    "Russian troops withdrew towards Kreminna.",
    "Residents fled to Kramatorsk as Russian forces advanced, where the city is located.",
])
def test_where_a_side_went_is_not_the_place_it_left(text):
    assert [e for e in events(text) if e[1] == "withdrew" and e[2] in ("Pokrovsk", "Kreminna", "Kramatorsk")] == []
