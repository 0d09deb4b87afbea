"""Rules that a mutation run (issue 16, ``python -m bench.mutation``: bench/mutation/README.md) found untested:
one made-up case each.

Every expected value is written by hand from the rule's meaning (module docstrings, lexicon comments); the
sentences are made up for these tests. Published on Tuesday 15 November 2022 unless said otherwise.
"""

from datetime import date

import pytest

from dashboard.loader.dates import find_date_phrases
from dashboard.loader.extract import EventExtractor
from dashboard.loader.lowercase import lower_keep_offsets
from dashboard.loader.mentions import is_title_case

PUBLISHED = date(2022, 11, 15)  # a Tuesday


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
@pytest.mark.parametrize(
    "text,title",
    [
        ("Russian Military Says Troops Captured Village", True),
        ("Russian Military Says Troops captured Village", True),  # one longer word in lower case
        ("Russian Military says Troops captured Village", False),  # two
        ("Troops Seize Town", True),  # three capitalised longer words
        ("Troops Seize", False),  # two are not enough
        ("Troops Seize the Town of Lyman", True),  # short words ("the", "of") do not count
        ("troops seize town", False),
        # only the first 400 characters are read: "word" cut to "wor" there is no longer word
        ("Russian Military says Troops Captured Village" + " " * (397 - 45) + "word here", True),
        ("Russian Military says Troops Captured Village" + " " * (396 - 45) + "word here", False),
    ],
)
def test_a_title_case_headline(text, title):
    assert is_title_case(text) is title


# --- places.place_region and quantity_region: a claim about a whole region ----------------------------
def test_a_whole_region_is_placed_at_oblast_level_with_its_words(extract):
    found = extract("Ukrainian forces retook all of Kharkiv's territory, the governor said.")
    assert rows(
        found,
        "actor",
        "action",
        "place_as_written",
        "place_name",
        "geonameid",
        "oblast_iso",
        "latitude",
        "longitude",
        "place_precision",
        "flags",
        "attribution",
    ) == [("UA", "captured", "Kharkiv's territory", "Kharkiv", None, "UA-63", None, None, "oblast", "", "the governor")]


def test_an_area_in_the_one_region_its_sentence_names_stays_with_that_region(extract):
    found = extract("Ukrainian troops have regained 1,250 square kilometres in Russia's Kursk region, Kyiv said.")
    assert rows(
        found,
        "actor",
        "action",
        "area_km2",
        "place_as_written",
        "place_name",
        "geonameid",
        "oblast_iso",
        "latitude",
        "longitude",
        "place_precision",
        "flags",
    ) == [("UA", "advanced", 1250.0, None, None, None, "RU-KRS", None, None, "oblast", "")]


# --- dates.report_day_phrase: the date of a claim without its own date phrase ------------------------
@pytest.mark.parametrize(
    "text,day",
    [
        ("Ukrainian forces captured Lyman, the governor said.", "2022-11-15"),  # the publication day
        ("The governor spoke on Monday. Ukrainian forces captured Lyman.", "2022-11-14"),  # the day before, named
        ("The governor spoke yesterday. Ukrainian forces captured Lyman.", "2022-11-14"),
        ("The governor spoke on November 14th. Ukrainian forces captured Lyman.", "2022-11-14"),
        ("The governor spoke on Sunday. Ukrainian forces captured Lyman.", "2022-11-15"),  # two days before: not
    ],
)
def test_a_claim_without_a_date_phrase_is_dated_to_the_report_day(extract, text, day):
    assert rows(extract(text), "action", "event_date", "date_start", "date_end", "date_precision", "date_phrase") == [
        ("captured", day, day, day, "day", "")
    ]


# --- dates.py: each kind of phrase, resolved by hand for a report published on Tuesday 13 Sep 2022 ----
TUESDAY = date(2022, 9, 13)


@pytest.mark.parametrize(
    "phrase,label,future",
    [
        ("over the past two weeks", "2022-08-30/2022-09-13", False),
        ("in the past 10 days", "2022-09-03/2022-09-13", False),
        ("during the last three days", "2022-09-10/2022-09-13", False),
        ("in the past month", "2022-08-14/2022-09-13", False),  # thirty days
        ("overnight into Monday", "2022-09-11/2022-09-12", False),
        ("overnight to Tuesday", "2022-09-12/2022-09-13", False),
        ("over the weekend", "2022-09-10/2022-09-11", False),
        ("this year", "2022-01-01/2022-09-13", False),
        ("so far this year", "2022-01-01/2022-09-13", False),
        ("three days ago", "2022-09-10", False),
        ("2 days earlier", "2022-09-11", False),
        ("in 2021", "2021-01-01/2021-12-31", False),
        ("in 2022", "2022-01-01/2022-09-13", False),  # the year so far
        ("this week", "2022-09-12/2022-09-13", False),  # Monday to publication
        ("last night", "2022-09-12/2022-09-13", False),  # the night before publication to publication (GUIDE.md)
        ("this morning", "2022-09-13", False),
        ("today", "2022-09-13", False),
        ("last Sunday", "2022-09-11", False),
        ("since Friday", "2022-09-09", False),
        ("on September 13", "2022-09-13", False),  # the day of publication itself
        ("on 12th September", "2022-09-12", False),
        ("on 14 September", "2021-09-14", False),  # no year: the latest one before
        ("Friday, June 24, 2022", "2022-06-24", False),
        ("in early May", "2022-05", False),
        ("in mid-March 2021", "2021-03", False),
        ("in late September", "2022-09", False),  # the month of publication
        ("in October", "2021-10", False),  # no year: the latest October before
        ("tomorrow", "2022-09-14", True),
        ("next week", "2022-09-14", True),
        ("on September 20, 2022", "2022-09-20", True),
        ("in October 2022", "2022-10", True),
    ],
)
def test_each_kind_of_date_phrase(phrase, label, future):
    phrases, _ = find_date_phrases(f"Troops moved {phrase} near the river.", TUESDAY)
    precision = "range" if "/" in label else "month" if len(label) == 7 else "day"  # the label's form
    assert [(p.label, p.precision, p.future) for p in phrases] == [(label, precision, future)]


@pytest.mark.parametrize(
    "phrase",
    [
        "in the past days",  # a count is needed for days and weeks
        "in 2023",  # a year after publication
        "on February 30, 2022",  # a day that does not exist
        "on June 31",
    ],
)
def test_no_date_phrase(phrase):
    phrases, _ = find_date_phrases(f"Troops moved {phrase} near the river.", TUESDAY)
    assert phrases == []


def test_the_weekend_of_a_saturday_report_ends_on_its_day():
    phrases, _ = find_date_phrases("Troops moved over the weekend.", date(2022, 9, 10))  # a Saturday
    assert [p.label for p in phrases] == ["2022-09-10/2022-09-10"]


@pytest.mark.parametrize(
    "text,day",
    [
        ("The governor spoke on Monday. Gains since the start of the month.", date(2022, 9, 12)),
        ("The governor spoke yesterday. Gains since the start of the month.", date(2022, 9, 12)),
        ("The governor spoke on September 12. Gains since the start of the month.", date(2022, 9, 12)),
        # two days before is not the report day; nor is a week or a month
        ("The governor spoke on Sunday. Gains since the start of the month.", TUESDAY),
        ("The governor spoke last week. Gains since the start of the month.", TUESDAY),
        ("The governor spoke in September. Gains since the start of the month.", TUESDAY),
    ],
)
def test_the_report_day_is_the_day_before_publication_only_when_the_article_names_it(text, day):
    phrases, report = find_date_phrases(text, TUESDAY)
    assert report == day
    assert phrases[-1].label == f"2022-09-01/{day.isoformat()}"


# --- claims.py: which action words make claims, and whose ----------------------------------------------
@pytest.mark.parametrize(
    "text,want",
    [
        # a leading "Since ..." clause is background up to its first comma; the rest of the sentence is news
        (
            "Since the summer, Ukrainian troops have recaptured Lyman and Izium.",
            [("UA", "captured", "Lyman"), ("UA", "captured", "Izium")],
        ),
        ("Since Ukrainian troops recaptured Lyman the front has moved east.", []),  # no comma: all background
        # an action word used as an adjective, in quotes or not
        ('Crowds greeted Ukrainian troops in "newly liberated" Kherson on Saturday.', []),
        # a strike in the passive with no agent: who struck is not said
        ("Ukrainian officials said the school in Kupiansk had been destroyed.", []),
        # "advanced" with nothing after it says nothing, and the next action word is still read
        ("Russian forces advanced, and Ukrainian troops recaptured Lyman.", [("UA", "captured", "Lyman")]),
        # an area gained near a named place keeps both
        (
            "Russian forces have advanced by 10 square kilometres near Avdiivka, the ministry said.",
            [("RU", "advanced", "Avdiivka")],
        ),
        # an action word in -ing after "after" is background
        ("After retreating from Kherson, Russian forces dug in on the east bank.", []),
        # the passive "by ..." agent is the actor, not the side named earlier in the sentence
        (
            "Russian troops had held Kherson for months, but the city was retaken by Ukrainian forces on Friday.",
            [("UA", "captured", "Kherson")],
        ),
        # "the village" is the place named before it; the places of a claim keep the order they are written in
        (
            "Fighting raged around Zarichne for weeks. Ukrainian troops retook the village and Bilohorivka on Monday.",
            [("UA", "captured", "Zarichne"), ("UA", "captured", "Bilohorivka")],
        ),
        # "the town" is the place the article names most often up to there, the first words of the article too
        (
            "Lyman was shelled again. Residents fled Lyman. Fighting also raged near Bakhmut. "
            "Ukrainian troops withdrew from the town on Monday.",
            [("UA", "withdrew", "Lyman")],
        ),
        # an action word before a hyphen is an adjective ("bombed-out")
        ("Ukrainian officials showed bombed-out schools in Kupiansk.", []),
        # a bare form used as a noun ("Russia's advance") is no claim, and the action words after it are read
        ("Despite Russia's advance toward Pokrovsk, Ukrainian troops recaptured Lyman.", [("UA", "captured", "Lyman")]),
        # a place before the action word is its object in a relative clause
        ("Lyman, which Ukrainian forces liberated in October, was shelled again.", [("UA", "captured", "Lyman")]),
        # a place in another clause is not the object ("left Hostomel, but ... Bucha")
        ("Russian troops left Hostomel, but were digging in at Bucha.", [("RU", "withdrew", "Hostomel")]),
        # "Kyiv" after a preposition is the city, not a side; the side named after it is the actor
        ("Officials in Kyiv said Russian troops withdrew from Kupiansk.", [("RU", "withdrew", "Kupiansk")]),
    ],
)
def test_claims_read_by_hand(extract, text, want):
    assert rows(extract(text), "actor", "action", "place_name") == want


# --- mentions.py and places.py: which names are places, and where -------------------------------------
@pytest.mark.parametrize(
    "text,want",
    [
        # a name the gazetteer lacks, right after an action word, is the place taken (kept, unplaced)
        ("Ukrainian forces liberated Zorianivka on Sunday.", [("Zorianivka", None, "none", "unplaced")]),
        # "Mala", "Velyka" ... join the next word into one name, even where the gazetteer knows that word alone
        # (Mykolaivka; no list of settlements has a Mala Mykolaivka)
        ("Ukrainian forces liberated Mala Mykolaivka on Sunday.", [("Mala Mykolaivka", None, "none", "unplaced")]),
        # "<a capitalised word> in" before a name makes it a locator only after another place ("Vovchansk in
        # Kharkiv"); after a weekday it is the place itself
        (
            "Russian missiles struck targets on Monday in Kharkiv, the governor said.",
            [("Kharkiv", "UA-63", "point", "")],
        ),
        # two Zolochivs (Lviv's is larger): a town named beside it (Bohodukhiv, Kharkiv region) picks Kharkiv's
        (
            "Ukrainian troops recaptured Zolochiv and Bohodukhiv on Monday.",
            [("Zolochiv", "UA-63", "point", ""), ("Bohodukhiv", "UA-63", "point", "")],
        ),
    ],
)
def test_places_read_by_hand(extract, text, want):
    assert rows(extract(text), "place_as_written", "oblast_iso", "place_precision", "flags") == want


ARTICLE = (
    "For a day heavy fighting went on along the whole of the front line. Troops moved in 2022 near the river. "
    "The governor spoke yesterday. "
    "Shelling was reported on June 24 and over the weekend. Troops moved again this week."
)


def sentence_spans(text):
    from dashboard.loader.sentences import split

    return [(s.start, s.end) for s in split(text)]


def test_reading_dates_only_within_sentences_finds_the_same_phrases_there():
    """``within`` (the sentences with action words) is a shortcut: over every sentence it must find what a
    read of the whole text finds, phrase for phrase, and the same report day."""
    whole, day = find_date_phrases(ARTICLE, TUESDAY)
    assert [p.text for p in whole] == ["in 2022", "yesterday", "on June 24", "over the weekend", "this week"]
    assert day == date(2022, 9, 12)
    assert find_date_phrases(ARTICLE, TUESDAY, within=sentence_spans(ARTICLE)) == (whole, day)


def test_outside_the_sentences_read_only_the_day_before_publication_is_looked_for():
    spans = sentence_spans(ARTICLE)
    phrases, day = find_date_phrases(ARTICLE, TUESDAY, within=[spans[0], spans[1]])
    # "a day" in the first sentence is no phrase (and reading around it does not run into the next sentence);
    # "June 24" and "this week" are outside and name no report day
    assert [p.text for p in phrases] == ["in 2022", "yesterday"] and day == date(2022, 9, 12)


def test_a_report_day_word_just_after_another_phrase_outside_the_sentences_still_sets_the_report_day():
    spans = sentence_spans(ARTICLE)
    phrases, day = find_date_phrases(ARTICLE, TUESDAY, within=[spans[0]])
    assert day == date(2022, 9, 12)  # the same report day as a read of the whole text (the docstring's promise)


# --- extract.py: the warning for a text in Cyrillic ----------------------------------------------------
@pytest.mark.parametrize(
    "text,warned",
    [
        ("Войска вошли в город", True),
        ("вой troop", True),  # 3 of 9 characters Cyrillic: more than 30%
        ("вой troops", False),  # 3 of 10: not more than 30%
    ],
)
def test_a_text_mostly_in_cyrillic_is_named_in_a_warning(extract, text, warned):
    found = extract(text)
    assert found.events == []
    assert any("Cyrillic" in w for w in found.warnings) is warned


# --- lexicon.alternation: one group matching any of its words, and nothing else ------------------------
def test_an_alternation_matches_each_word_and_only_those():
    import re

    from dashboard.loader.lexicon import alternation

    pattern = alternation(("took", r"re-?took", r"fell\s+to"))
    assert [bool(re.fullmatch(pattern, w)) for w in ("took", "retook", "re-took", "fell  to")] == [True] * 4
    assert [bool(re.fullmatch(pattern, w)) for w in ("tookretook", "took|retook", "fell", "xtook")] == [False] * 4
    assert re.fullmatch(pattern + "s", "retooks") and not re.fullmatch(pattern + "s", "retook")  # one group
    with pytest.raises(ValueError, match="empty rule-word group.*'took'"):
        alternation(("took", ""))


@pytest.mark.parametrize(
    "text,count,area",
    [
        ("20 settlements have been liberated by Ukrainian forces.", 20, None),
        ("500 square kilometres have been liberated by Ukrainian forces.", None, 500.0),
    ],
)
def test_a_count_or_an_area_before_a_passive_action_word_is_an_advance(extract, text, count, area):
    assert rows(extract(text), "actor", "action", "settlements", "area_km2", "place_name") == [
        ("UA", "advanced", count, area, None)
    ]


def test_a_claim_dated_after_publication_has_that_one_flag(extract):
    found = extract("Ukrainian forces captured Lyman on December 3, 2022.")
    assert rows(found, "place_name", "event_date", "flags") == [("Lyman", "2022-11-15", "date-after-publication")]


@pytest.mark.parametrize("text,km2", [("1,234.5 square kilometres", 1234.5), ("1.234,5 sq km", 1234.5)])
def test_a_grouped_number_with_decimals(text, km2):
    from dashboard.loader import quantities

    assert [q.value for q in quantities.areas(text)] == [km2]
