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


# --- Wordings ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # admissions of loss and euphemisms: the side that left withdrew; "our" and "the enemy" read from the speaker
    ("Our units took up more advantageous lines near Avdiivka, the Ukrainian General Staff said.",
     [("UA", "withdrew", "Avdiivka", None)]),
    ("Our troops took up more favourable positions outside Kherson, the Russian Defence Ministry said.",
     [("RU", "withdrew", "Kherson", None)]),
    ("Ukrainian troops relocated to prepared positions outside Avdiivka, the army said.",
     [("UA", "withdrew", "Avdiivka", None)]),
    ("Russian units withdrew to prepared positions near Kherson, the Russian Defence Ministry said.",
     [("RU", "withdrew", "Kherson", None)]),
    ("The enemy now controls Vuhledar, the Ukrainian commander admitted.", [("RU", "captured", "Vuhledar", None)]),
    ("The enemy now controls Robotyne, the Russian Defence Ministry conceded.", [("UA", "captured", "Robotyne", None)]),
    ("Russian forces are now in control of Vuhledar, Ukrainian officials said.", [("RU", "captured", "Vuhledar", None)]),
    # "cleared X of the enemy": a capture
    ("Ukrainian troops cleared Robotyne of the enemy.", [("UA", "captured", "Robotyne", None)]),
    ("Russian forces cleared Kurakhove of Ukrainian formations, the ministry said.",
     [("RU", "captured", "Kurakhove", None)]),
    # damage in the passive, with who struck
    ("Homes in Kharkiv were damaged by Russian shelling.", [("RU", "struck", "Kharkiv", None)]),
    ("Several buildings in Belgorod were damaged in a Ukrainian drone attack.", [("UA", "struck", "Belgorod", None)]),
    # strikes told through casualties
    ("Two people died when a Russian guided bomb hit Kostiantynivka.", [("RU", "struck", "Kostiantynivka", None)]),
    ("Three people were wounded when a Ukrainian drone struck Shebekino.", [("UA", "struck", "Shebekino", None)]),
    # lists: one claim per place, a name the gazetteer lacks listed before one it knows too
    ("Ukrainian forces repelled 14 attacks near Lyptsi, Vovchansk and Hlyboke.",
     [("UA", "repelled", "Lyptsi", None), ("UA", "repelled", "Vovchansk", None), ("UA", "repelled", "Hlyboke", None)]),
    ("Russian troops repelled Ukrainian attacks near Robotyne and Verbove.",
     [("RU", "repelled", "Robotyne", None), ("RU", "repelled", "Verbove", None)]),
])
def test_wordings_of_each_class_for_both_sides(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "The enemy now controls Vuhledar.",                                 # whose enemy: not said
    "Sappers cleared the road near Robotyne of mines.",                 # not "of the enemy"
    "Ten damaged apartment buildings stood in Uman.",                   # a participle as an adjective
    "The school in Kharkiv was damaged.",                               # who struck: not said
    "Our correspondent took up a position near Avdiivka.",              # not lines of a side
    "Residents said a bomb shelter in Kharkiv was full.",               # a shelter, no bomb hit anything
])
def test_wordings_that_are_no_claim(text):
    assert events(text) == []


# --- Structure: places and action words that only frame the news -------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a place that only locates another is no claim; the other place is
    ("Russian forces captured Hrodivka, a village 15 km from Pokrovsk.", [("RU", "captured", "Myrnohrad", None)]),
    ("Ukrainian troops liberated Andriivka, 10 kilometres south of Bakhmut, the General Staff said.",
     [("UA", "captured", "Andriivka", None)]),
    ("Russian troops captured Novoselivka on the road to Kramatorsk.", [("RU", "captured", "Iverske", None)]),
    ("Russian forces captured Ivanivka, which lies 10 km from Kupiansk, the ministry said.",
     [("RU", "captured", "Ivanivka", None)]),
    # a direction gives an advance no place; "near" keeps it
    ("Russian forces are advancing toward Pokrovsk.", []),
    ("Ukrainian troops advanced in the direction of Kreminna.", []),
    ("Russian forces have been advancing on Selydove.", []),
    ("Russian forces advanced near Pokrovsk, the ministry said.", [("RU", "advanced", "Pokrovsk", None)]),
    ("Ukrainian forces advanced 12 square kilometres toward Robotyne.", [("UA", "advanced", None, None)]),
])
def test_places_that_only_frame_a_claim(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize("text, oblast", [
    ("Russian forces withdrew from the Kyiv region, the Pentagon said.", "UA-32"),
    ("Russian missiles struck the Kharkiv region overnight.", "UA-63"),
    ("Ukraine has retaken the entire Kyiv region, Deputy Defence Minister Hanna Maliar said.", "UA-32"),
])
def test_the_x_region_is_the_oblast_never_its_city(text, oblast):
    [event] = EventExtractor().extract(text, PUBLISHED).events
    assert (event.oblast_iso, event.place_precision, event.geonameid) == (oblast, "oblast", None)


@pytest.mark.parametrize("text", [
    # background about the war's start
    "Russian forces captured Kherson in the first days of the invasion.",
    "Early in the war, Russian troops seized Hostomel.",
    "Ukrainian forces repelled the assault on Kyiv at the start of the full-scale invasion.",
    # a dateline is where the report was filed
    "Kharkiv (Reuters) - Russian missiles struck overnight, officials said.",
    "Pokrovsk, Ukraine (AP) — Russian forces attacked overnight.",
])
def test_background_and_datelines_are_no_claim(text):
    assert events(text) == []


def test_a_dateline_is_never_the_claims_place():
    from dashboard.loader.claims import is_dateline
    assert is_dateline("Kyiv, Feb 3 (Reuters) - Russian missiles ...", 0)
    assert is_dateline("MOSCOW: Russian forces ...", 0)
    assert not is_dateline("Kyiv said Russian forces ...", 0)
    assert not is_dateline("Russian forces left Kyiv: ...", 19)
    assert events("Kupiansk (Reuters) - Kupiansk was retaken by Ukrainian troops on Saturday.") == [
        ("UA", "captured", "Kupiansk", None)]   # the same name later in the sentence is a claim
