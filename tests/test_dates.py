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
