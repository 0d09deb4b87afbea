"""Date phrases resolved against the publication date (dashboard/loader/dates.py)."""

from datetime import date

import pytest

from dashboard.loader.dates import find_date_phrases

TUESDAY = date(2022, 9, 13)


def resolve(text, published=TUESDAY):
    phrases, day = find_date_phrases(text, published)
    return [p.label for p in phrases], day


@pytest.mark.parametrize(
    "text,label",
    [
        ("on Saturday", "2022-09-10"),
        ("On Monday", "2022-09-12"),
        ("on Tuesday", "2022-09-13"),  # the day of publication itself
        ("on Wednesday", "2022-09-07"),
        ("Friday, June 24", "2022-06-24"),
        ("on Sept. 10", "2022-09-10"),
        ("on 3 March", "2022-03-03"),
        ("on December 24", "2021-12-24"),  # no year: the latest one before publication
        ("in just the past day", "2022-09-12/2022-09-13"),  # the day before publication to publication
        ("yesterday", "2022-09-12"),
        ("in May", "2022-05"),
        ("in November", "2021-11"),
        ("in May 2021", "2021-05"),
        ("last week", "2022-09-06/2022-09-12"),
    ],
)
def test_single_phrases(text, label):
    labels, _ = resolve(f"Troops moved {text}.")
    assert labels == [label]


def test_month_start_runs_to_the_report_day():
    labels, day = resolve("On Monday they said it. Gains since the start of the month.")
    assert day == date(2022, 9, 12)
    assert labels == ["2022-09-12", "2022-09-01/2022-09-12"]


def test_report_day_defaults_to_publication():
    labels, day = resolve("Gains since the start of the month.")
    assert day == TUESDAY and labels == ["2022-09-01/2022-09-13"]


def test_future_and_impossible_dates():
    phrases, _ = find_date_phrases("It happened on September 20, 2022 and tomorrow.", TUESDAY)
    assert [p.future for p in phrases] == [True, True]
    phrases, _ = find_date_phrases("It happened on February 30.", TUESDAY)
    assert phrases == []


@pytest.mark.parametrize(
    "text,first,last",
    [
        ("in May", date(2022, 5, 1), date(2022, 5, 31)),
        ("in February", date(2022, 2, 1), date(2022, 2, 28)),
        ("in December 2021", date(2021, 12, 1), date(2021, 12, 31)),  # December: the range ends before January
        ("in December", date(2021, 12, 1), date(2021, 12, 31)),  # no year: the latest before publication
    ],
)
def test_a_month_covers_its_first_to_its_last_day(text, first, last):
    """A month's claim is dated from its first day to its last (mutation survivors: the 2nd as the first day,
    December's end), worked out by hand for a report published on 15 Nov 2022."""
    phrases, _ = find_date_phrases(f"Troops entered the town {text} after weeks of fighting.", date(2022, 11, 15))
    assert [(p.first, p.last, p.precision) for p in phrases] == [(first, last, "month")]


# An article filed from a city whose clock runs ahead of Kyiv's: its page of Tuesday carries Monday's news.
_LATE_NEWS = (
    "{dateline} - Troops advanced. Over the past day they took two villages. "
    + "Residents returned to the streets. " * 8  # past the lead
    + "On Monday the mayor spoke."
)


@pytest.mark.parametrize(
    "dateline, day",
    [
        ("JAKARTA", date(2022, 9, 12)),  # seven hours ahead of UTC, four of Kyiv: Monday named anywhere is the day
        ("TOKYO, Sept 13 (Kyodo)", date(2022, 9, 12)),
        ("LONDON", TUESDAY),  # behind Kyiv: a day named below the lead dates only its own sentence
        ("KYIV", TUESDAY),
        ("MOSCOW", TUESDAY),  # Kyiv's time in summer
        ("NOWHEREVILLE", TUESDAY),  # a city GeoNames does not know: no zone, no shift
    ],
)
def test_a_dateline_far_east_of_kyiv_makes_a_day_named_anywhere_the_report_day(dateline, day):
    phrases, report = find_date_phrases(_LATE_NEWS.format(dateline=dateline), TUESDAY)
    assert report == day
    (past,) = [p for p in phrases if p.kind == "pastday"]
    # "over the past day" is the report day itself when the news day is named earlier, else the day to publication
    assert past.label == ("2022-09-12" if day < TUESDAY else "2022-09-12/2022-09-13")


def test_dateline_city_and_zone():
    from dashboard.loader.datelines import dateline_city, hours_ahead_of_kyiv

    assert dateline_city("NEW DELHI: The ministry said") == "New Delhi"
    assert dateline_city("Ukraine said - nothing") is None  # no capitals, no dateline
    assert hours_ahead_of_kyiv("JAKARTA - x", date(2022, 9, 13)) == 4  # Kyiv on summer time (UTC+3)
    assert hours_ahead_of_kyiv("JAKARTA - x", date(2022, 12, 13)) == 5  # and on winter time (UTC+2)
    assert hours_ahead_of_kyiv("A quiet day.", date(2022, 9, 13)) == 0
