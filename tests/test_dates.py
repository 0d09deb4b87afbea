"""Date phrases resolved against the publication date (dashboard/loader/dates.py)."""
from datetime import date

import pytest

from dashboard.loader.dates import find_date_phrases

TUESDAY = date(2022, 9, 13)


def resolve(text, published=TUESDAY):
    phrases, day = find_date_phrases(text, published)
    return [p.label for p in phrases], day


@pytest.mark.parametrize("text,label", [
    ("on Saturday", "2022-09-10"),
    ("On Monday", "2022-09-12"),
    ("on Tuesday", "2022-09-13"),          # the day of publication itself
    ("on Wednesday", "2022-09-07"),
    ("Friday, June 24", "2022-06-24"),
    ("on Sept. 10", "2022-09-10"),
    ("on 3 March", "2022-03-03"),
    ("on December 24", "2021-12-24"),      # no year: the latest one before publication
    ("in just the past day", "2022-09-12"),
    ("yesterday", "2022-09-12"),
    ("in May", "2022-05"),
    ("in November", "2021-11"),
    ("in May 2021", "2021-05"),
    ("last week", "2022-09-06/2022-09-12"),
])
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
