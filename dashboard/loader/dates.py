"""Date phrases in an article, resolved against its publication date.

``find_date_phrases(text, published)`` returns every phrase it understands
("on Saturday", "Friday, June 24", "in just the past day", "since the start of
the month", "in May", "last week") as a ``DatePhrase`` with the span it covers.

Rules, in the reader's terms:
- A weekday means the latest such day on or before publication.
- A month and day without a year take the latest such date on or before
  publication; with a year it is taken as written.
- "since the start of the month" runs from the 1st to the article's *report
  day*; "in May" has month precision.
- The **report day** is the most recent day the article itself names within
  the week before publication (wire copy republished the next morning names
  "Monday" for Monday's news); with none, the publication date. A claim with
  no date phrase of its own is dated to it.
- A phrase that resolves after the publication date ("tomorrow", an explicit
  date later than publication) is marked ``future``: the loader keeps the claim,
  dates it to the report day and flags it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dashboard.loader.lowercase import lower_keep_offsets

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH_WORD = (r"january|february|march|april|may|june|july|august|september|october|november|december|"
               r"jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\.")
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{0}>(?:19|20)\d\d))?"

# Written in lower case and matched against the lower-cased text: a case-sensitive pattern
# whose alternatives all start at a word boundary with a letter or digit scans ~10x faster
# in Python's re than the same pattern with IGNORECASE.
_PATTERN = re.compile(r"\b(?=[a-z0-9])(?:" + "|".join([
    # friday, june 24 (, 2022) / on saturday / last sunday
    rf"(?P<weekday>(?:(?:on|last|this|since)\s+)?{_WD}\b(?:,?\s+(?P<wmonth>{_MONTH_WORD})\s+{_DAY.format('wday')}{_YEAR.format('wyear')}\b)?)",
    # june 24 (, 2022) / on sept. 10
    rf"(?P<monthday>(?:on\s+)?(?P<mmonth>{_MONTH_WORD})\s+{_DAY.format('mday')}\b{_YEAR.format('myear')})",
    # 24 june (2022)
    rf"(?P<daymonth>(?:on\s+)?{_DAY.format('dday')}\s+(?P<dmonth>{_MONTH_WORD})\b(?:\s+(?P<dyear>(?:19|20)\d\d))?)",
    # in may (2022) / in early may
    rf"(?P<month>in\s+(?:early\s+|mid-|late\s+)?(?P<nmonth>{_MONTH_WORD})\b(?:\s+(?P<nyear>(?:19|20)\d\d))?)",
    r"(?P<pastday>(?:in|over|during)\s+(?:just\s+)?the\s+(?:past|last)\s+(?:day|24\s+hours)\b)",
    r"(?P<yesterday>yesterday\b|last\s+night\b|overnight\b)",
    r"(?P<today>today\b|this\s+morning\b|earlier\s+in\s+the\s+day\b)",
    r"(?P<monthstart>since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+month\b)",
    r"(?P<lastweek>last\s+week\b|(?:in|over)\s+the\s+(?:past|last)\s+week\b)",
    r"(?P<thisweek>this\s+week\b)",
    r"(?P<future>tomorrow\b|next\s+(?:week|month)\b)",
]) + ")")

# The kinds that name a single day and so may set the report day.
_DAY_KINDS = {"weekday", "monthday", "daymonth", "pastday", "yesterday"}
REPORT_DAY_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class DatePhrase:
    start: int
    end: int
    text: str
    kind: str
    first: date
    last: date
    precision: str        # day | range | month
    future: bool = False

    @property
    def label(self) -> str:
        """ISO text of the date: day, 'start/end' range, or 'YYYY-MM' month."""
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.strftime("%Y-%m")
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _latest_on_or_before(month: int, day: int, published: date) -> date | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= published:
            return candidate
    return None


def _explicit_day(month_word: str, day_text: str, year_text: str | None, published: date) -> date | None:
    month, day = _month_number(month_word), int(day_text)
    if year_text:
        try:
            return date(int(year_text), month, day)
        except ValueError:
            return None
    return _latest_on_or_before(month, day, published)


def _month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _resolve(m: re.Match, original: str, published: date) -> DatePhrase | None:
    kind = next(k for k in _KINDS if m.group(k) is not None)
    start, end = m.span(kind)
    text = original[start:end]
    one_day = lambda d: DatePhrase(start, end, text, kind, d, d, "day", d > published)  # noqa: E731
    if kind == "weekday":
        if m.group("wmonth"):
            day = _explicit_day(m.group("wmonth"), m.group("wday"), m.group("wyear"), published)
            return one_day(day) if day else None
        back = (published.weekday() - WEEKDAYS.index(m.group("wd").lower())) % 7
        return one_day(published - timedelta(days=back))
    if kind == "monthday":
        day = _explicit_day(m.group("mmonth"), m.group("mday"), m.group("myear"), published)
        return one_day(day) if day else None
    if kind == "daymonth":
        day = _explicit_day(m.group("dmonth"), m.group("dday"), m.group("dyear"), published)
        return one_day(day) if day else None
    if kind == "month":
        month = _month_number(m.group("nmonth"))
        year = int(m.group("nyear")) if m.group("nyear") else (
            published.year if month <= published.month else published.year - 1)
        first, last = _month_range(year, month)
        return DatePhrase(start, end, text, kind, first, last, "month", first > published)
    if kind in ("pastday", "yesterday"):
        return one_day(published - timedelta(days=1))
    if kind == "today":
        return one_day(published)
    if kind == "lastweek":
        return DatePhrase(start, end, text, kind, published - timedelta(days=7),
                          published - timedelta(days=1), "range")
    if kind == "thisweek":
        return DatePhrase(start, end, text, kind, published - timedelta(days=published.weekday()),
                          published, "range")
    if kind == "monthstart":   # the end is set to the report day by resolve_article_dates
        return DatePhrase(start, end, text, kind, published.replace(day=1), published, "range")
    if kind == "future":
        later = published + timedelta(days=1)
        return DatePhrase(start, end, text, kind, later, later, "day", True)
    return None


_KINDS = ("weekday", "monthday", "daymonth", "month", "pastday", "yesterday", "today",
          "monthstart", "lastweek", "thisweek", "future")


def report_day(phrases: list[DatePhrase], published: date) -> date:
    """The most recent day the article names within the week before publication, else publication."""
    days = [p.first for p in phrases
            if p.kind in _DAY_KINDS and published - REPORT_DAY_WINDOW <= p.first <= published]
    return max(days, default=published)


def find_date_phrases(text: str, published: date) -> tuple[list[DatePhrase], date]:
    """All date phrases of an article, resolved, and the article's report day."""
    lowered = lower_keep_offsets(text)
    phrases = [p for p in (_resolve(m, text, published) for m in _PATTERN.finditer(lowered)) if p]
    day = report_day(phrases, published)
    phrases = [replace(p, first=day.replace(day=1), last=day) if p.kind == "monthstart" else p
               for p in phrases]
    return phrases, day


def report_day_phrase(day: date) -> DatePhrase:
    """The date a claim without its own phrase gets."""
    return DatePhrase(-1, -1, "", "report", day, day, "day")
