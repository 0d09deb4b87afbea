"""Dates as a reader reads them and as a person types them: labels for a day, a claim's day, range or month, and
``parse_day``, the one parser of a day typed by a person (a command-line flag, a URL's ?date=, a review form):
YYYY-MM-DD only, an error naming the input and the problem otherwise. (Dates in article text are the loader's.)

A claim's date is stored as ``event_date`` ("2022-09-10", "2022-09-01/2022-09-12"
or "2022-05") with ``date_start``, ``date_end`` and ``date_precision``; the
table shows "10 Sep 2022", "1–12 Sep 2022" and "May 2022".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

EPOCH = date(1970, 1, 1)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DateInputError(ValueError):
    """A typed date that is not a day as YYYY-MM-DD; the message names the input and the problem."""


def parse_day(text, what: str = "date") -> date:
    """'2022-09-12' -> date(2022, 9, 12); anything else (another form, a day that does not exist, not a text)
    -> DateInputError saying which input (``what``) and why."""
    if not isinstance(text, str) or not ISO_DAY.match(text.strip()):
        raise DateInputError(f"{what} {text!r} is not a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise DateInputError(f"{what} {text!r} is not a day of the calendar ({error})") from None


def day_argument(what: str):
    """An argparse ``type`` for a day flag: its value as an ISO text, or argparse's own error with the message."""
    import argparse

    def parse(text: str) -> str:
        try:
            return parse_day(text, what).isoformat()
        except DateInputError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def day_number(iso: str) -> int:
    """Days since 1970-01-01 of an ISO date: the one number a day is in the index and on the slider."""
    return (date.fromisoformat(iso) - EPOCH).days


def day_iso(number: int) -> str:
    return (EPOCH + timedelta(days=int(number))).isoformat()


def day_label(number: int) -> str:
    """'12 Sep 2022' for a day number."""
    return f"{EPOCH + timedelta(days=int(number)):%-d %b %Y}"


def claim_date_label(date_start: str, date_end: str, precision: str) -> str:
    start, end = date.fromisoformat(date_start), date.fromisoformat(date_end)
    if precision == "month":
        return f"{start:%b %Y}"
    if precision != "range" or start == end:
        return f"{end:%-d %b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end:%-d %b %Y}"
    if start.year == end.year:
        return f"{start:%-d %b} – {end:%-d %b %Y}"
    return f"{start:%-d %b %Y} – {end:%-d %b %Y}"
