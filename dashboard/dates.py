"""Dates as a reader reads them: labels for a day, a claim's day, range or month. Formatting only, no parsing of text.

A claim's date is stored as ``event_date`` ("2022-09-10", "2022-09-01/2022-09-12"
or "2022-05") with ``date_start``, ``date_end`` and ``date_precision``; the
table shows "10 Sep 2022", "1–12 Sep 2022" and "May 2022".
"""
from __future__ import annotations

from datetime import date, timedelta

EPOCH = date(1970, 1, 1)


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
