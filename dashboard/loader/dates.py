"""Stage 2a: date phrases in an article, resolved against its publication date.

``find_date_phrases(text, published)`` returns every phrase it understands
("on Saturday", "Friday, June 24", "in just the past day", "since the start of
the month", "in May", "last week") as a ``DatePhrase`` with the span it covers,
and the article's report day. The words are in ``lexicon.py``.

Rules, in the reader's terms:
- A weekday means the latest such day on or before publication.
- A month and day without a year take the latest such date on or before
  publication; with a year it is taken as written. A date that does not exist
  (February 30) is no phrase.
- "since the start of the month" runs from the 1st to the article's *report
  day*; "in May" has month precision (the latest May not after publication).
- The **report day** is the day before publication when the article's lead
  names it, or, for an article whose dateline runs three hours or more ahead
  of Kyiv ("JAKARTA -"), when the article names it anywhere (a morning page
  there carries the day before's news); else the publication date. A claim with
  no date phrase of its own is dated to it.
- A phrase that resolves after the publication date ("tomorrow", an explicit
  later date) is marked ``future``: the loader keeps the claim, dates it to the
  report day and flags it.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dashboard.loader import datelines, lexicon
from dashboard.loader.lexicon import alternation
from dashboard.loader.literals import LiteralScan
from dashboard.loader.lowercase import lower_keep_offsets

_WD = rf"(?P<wd>{'|'.join(lexicon.WEEKDAYS)})"
_MONTH_WORD = "|".join([*lexicon.MONTHS, *(rf"{name}\." for name in lexicon.MONTH_ABBREVIATIONS)])
_MONTH_NUMBERS = {**lexicon.MONTHS, **lexicon.MONTH_ABBREVIATIONS}
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{0}>(?:19|20)\d\d))?"

# Written in lower case and matched against the lower-cased text: a case-sensitive pattern whose
# alternatives all start at a word boundary with a letter or digit scans ~10x faster in Python's re
# than the same pattern with IGNORECASE.
_PATTERN = re.compile(
    r"\b(?=[a-z0-9])(?:"
    + "|".join(
        [
            # friday, june 24 (, 2022) / on saturday / last sunday
            rf"(?P<weekday>(?:(?:on|last|this|since)\s+)?{_WD}\b(?:,?\s+(?P<wmonth>{_MONTH_WORD})\s+{_DAY.format('wday')}{_YEAR.format('wyear')}\b)?)",
            # june 24 (, 2022) / on sept. 10
            rf"(?P<monthday>(?:on\s+)?(?P<mmonth>{_MONTH_WORD})\s+{_DAY.format('mday')}\b{_YEAR.format('myear')})",
            # 24 june (2022)
            rf"(?P<daymonth>(?:on\s+)?{_DAY.format('dday')}\s+(?P<dmonth>{_MONTH_WORD})\b(?:\s+(?P<dyear>(?:19|20)\d\d))?)",
            # in may (2022) / in early may
            rf"(?P<month>in\s+(?:early\s+|mid-|late\s+)?(?P<nmonth>{_MONTH_WORD})\b(?:\s+(?P<nyear>(?:19|20)\d\d))?)",
            rf"(?P<pastday>{alternation(lexicon.PAST_DAY)}\b)",
            rf"(?P<overnight>{lexicon.OVERNIGHT_INTO}\s+(?P<owd>{'|'.join(lexicon.WEEKDAYS)})\b)",
            rf"(?P<yesterday>{alternation(lexicon.YESTERDAY)}\b)",
            rf"(?P<today>{alternation(lexicon.TODAY)}\b)",
            rf"(?P<monthstart>{alternation(lexicon.MONTH_START)}\b)",
            rf"(?P<lastweek>{alternation(lexicon.LAST_WEEK)}\b)",
            rf"(?P<pastspan>(?:in|over|during)\s+the\s+(?:past|last)\s+(?:(?P<count>{'|'.join(lexicon.SPAN_COUNTS)}|\d{{1,2}})\s+)?"
            rf"(?P<unit>days|weeks|month)\b)",
            rf"(?P<thisweek>{alternation(lexicon.THIS_WEEK)}\b)",
            rf"(?P<weekend>{alternation(lexicon.WEEKEND)}\b)",
            rf"(?P<thisyear>{alternation(lexicon.THIS_YEAR)}\b)",
            rf"(?P<daysago>{alternation(lexicon.DAYS_AGO)}\b)",
            r"(?P<year>in\s+(?P<yyear>(?:19|20)\d\d)\b)",
            rf"(?P<future>{alternation(lexicon.FUTURE)}\b)",
        ]
    )
    + ")"
)
_KINDS = (
    "weekday",
    "monthday",
    "daymonth",
    "month",
    "pastday",
    "yesterday",
    "today",
    "monthstart",
    "lastweek",
    "pastspan",
    "overnight",
    "thisweek",
    "weekend",
    "thisyear",
    "daysago",
    "year",
    "future",
)

# Every date phrase holds one of these words, at most _REACH characters from either end of it: the scan
# looks for them first (a literal-led pattern re runs fast) and reads the full pattern only around them,
# which gives the same phrases as running it over the whole text.
_ANCHOR_WORDS = LiteralScan(
    re.compile(
        r"\b(?:"
        + "|".join(
            sorted(
                {
                    *lexicon.WEEKDAYS,
                    *lexicon.MONTHS,
                    *lexicon.MONTH_ABBREVIATIONS,
                    "days?",
                    "hours",
                    "yesterday",
                    "night",
                    "overnight",
                    "today",
                    "morning",
                    "month",
                    "weeks?",
                    "weekend",
                    "year",
                    "tomorrow",
                },
                key=len,
                reverse=True,
            )
        )
        + ")"
    )
)
_DIGITS = re.compile(r"\d+")
_ORDINAL = ("st", "nd", "rd", "th")
_NUMBER_CUES = (*{name[:3] for name in lexicon.MONTHS}, "hour", "day", "week")
_REACH = 48  # longer than any phrase ("since the beginning of this month", "friday, september 24th, 2022")

# The kinds that name a single day and so may set the report day.
_DAY_KINDS = {"weekday", "monthday", "daymonth", "yesterday"}
# How far back the report day may be. One day (wire copy republished the next morning names "Monday" for Monday's
# news): with a week, as first written, an article that names last Friday in passing dated every undated claim to
# that Friday.
REPORT_DAY_WINDOW = timedelta(days=1)
# ... and only when the article's lead names it (its headline and first words, up to this many characters): the
# lead says which day's news the report is; a day named further down dates only its own sentence. Named anywhere,
# it dated 50 of dev's 340 matched claims a day early that GUIDE.md dates to publication ("(report date)");
# measured with bench.quality, the lead alone dates more exactly than anywhere or nowhere (dev 0.840 with
# nowhere -> 0.851, sealed 0.736 -> 0.743).
REPORT_DAY_LEAD = 200
# ... or anywhere in the article when its dateline's clock runs at least this many hours ahead of Kyiv's
# ("JAKARTA -": a morning page there carries Kyiv's news of the day before; ``datelines.py``).
REPORT_DAY_AHEAD_HOURS = 3


@dataclass(frozen=True)
class DatePhrase:
    start: int  # code-point offsets in the article (-1 for the report day)
    end: int
    text: str  # the words ("" for the report day)
    kind: str  # weekday | monthday | daymonth | month | pastday | ... | report
    first: date
    last: date
    precision: str  # day | range | month
    future: bool = False

    @property
    def label(self) -> str:
        """ISO text of the date: day, 'start/end' range, or 'YYYY-MM' month."""
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.isoformat()[:7]
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def _month_number(word: str) -> int:
    return _MONTH_NUMBERS[word.lower().rstrip(".")]


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


def _month_range(year: int, month: int) -> tuple[date, date] | None:
    try:
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
    except ValueError:
        return None
    return first, following - timedelta(days=1)


def _resolve(m: re.Match, original: str, published: date) -> DatePhrase | None:
    kind = m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k) is not None)
    start, end = m.span(kind)
    text = original[start:end]

    def one_day(day: date | None) -> DatePhrase | None:
        return DatePhrase(start, end, text, kind, day, day, "day", day > published) if day else None

    if kind == "weekday":
        if m.group("wmonth"):
            return one_day(_explicit_day(m.group("wmonth"), m.group("wday"), m.group("wyear"), published))
        back = (published.weekday() - lexicon.WEEKDAYS.index(m.group("wd"))) % 7
        return one_day(published - timedelta(days=back))
    if kind == "monthday":
        return one_day(_explicit_day(m.group("mmonth"), m.group("mday"), m.group("myear"), published))
    if kind == "daymonth":
        return one_day(_explicit_day(m.group("dmonth"), m.group("dday"), m.group("dyear"), published))
    if kind == "month":
        month = _month_number(m.group("nmonth"))
        year = (
            int(m.group("nyear"))
            if m.group("nyear")
            else (published.year if month <= published.month else published.year - 1)
        )
        span = _month_range(year, month)
        return DatePhrase(start, end, text, kind, *span, "month", span[0] > published) if span else None
    try:
        if kind == "yesterday":
            return one_day(published - timedelta(days=1))
        if kind == "pastday":  # "over the past day", "last night": the day before publication to publication
            return DatePhrase(start, end, text, kind, published - timedelta(days=1), published, "range")
        if kind == "today":
            return one_day(published)
        if kind == "lastweek":
            return DatePhrase(
                start, end, text, kind, published - timedelta(days=7), published - timedelta(days=1), "range"
            )
        if kind == "pastspan":  # "over the past two weeks", "in the past month": that many days back to publication
            count = m.group("count")
            unit = {"weeks": 7, "days": 1, "month": 30}[m.group("unit")]
            if m.group("unit") != "month" and count is None:
                return None
            days = (1 if count is None else int(count) if count.isdigit() else lexicon.SPAN_COUNTS[count]) * unit
            return DatePhrase(start, end, text, kind, published - timedelta(days=days), published, "range")
        if kind == "overnight":  # "overnight into Tuesday"
            back = (published.weekday() - lexicon.WEEKDAYS.index(m.group("owd"))) % 7
            day = published - timedelta(days=back)
            return DatePhrase(start, end, text, kind, day - timedelta(days=1), day, "range")
        if kind == "weekend":
            saturday = published - timedelta(days=(published.weekday() - 5) % 7)
            return DatePhrase(start, end, text, kind, saturday, min(saturday + timedelta(days=1), published), "range")
        if kind == "thisyear":
            return DatePhrase(start, end, text, kind, published.replace(month=1, day=1), published, "range")
        if kind == "daysago":
            count = m.group("agocount")
            return one_day(published - timedelta(days=int(count) if count.isdigit() else lexicon.SPAN_COUNTS[count]))
        if kind == "year":
            year = int(m.group("yyear"))
            if year > published.year:
                return None
            return DatePhrase(start, end, text, kind, date(year, 1, 1), min(date(year, 12, 31), published), "range")
        if kind == "thisweek":
            return DatePhrase(
                start, end, text, kind, published - timedelta(days=published.weekday()), published, "range"
            )
        if kind == "monthstart":  # the end is set to the report day by find_date_phrases
            return DatePhrase(start, end, text, kind, published.replace(day=1), published, "range")
        if kind == "future":
            later = published + timedelta(days=1)
            return DatePhrase(start, end, text, kind, later, later, "day", True)
    except OverflowError:  # a publication date at the very edge of the calendar
        return None
    return None


def report_day(phrases: list[DatePhrase], published: date, *, named_anywhere: bool = False) -> date:
    """The day before publication if the article's lead names it (``named_anywhere``: if the article names it
    anywhere), else publication (see REPORT_DAY_WINDOW)."""
    earliest = published - REPORT_DAY_WINDOW if published > date.min + REPORT_DAY_WINDOW else date.min
    lead = float("inf") if named_anywhere else REPORT_DAY_LEAD
    days = [p.first for p in phrases if p.kind in _DAY_KINDS and earliest <= p.first <= published and p.start < lead]
    return max(days, default=published)


def find_date_phrases(
    text: str, published: date, lowered: str | None = None, within: list[tuple[int, int]] | None = None
) -> tuple[list[DatePhrase], date]:
    """All date phrases of an article, resolved, and the article's report day.

    ``lowered``: the text already lower-cased with ``lower_keep_offsets`` (saves doing it twice).
    ``within``: sorted (start, end) spans; when given, phrases are read only there, and elsewhere only
    those that can set the report day (that name the day before publication); the report day is the same."""
    lowered = lower_keep_offsets(text) if lowered is None else lowered
    cues = None
    if within is not None:
        yesterday = published - timedelta(days=1)
        cues = (
            frozenset({lexicon.WEEKDAYS[yesterday.weekday()], "yesterday", "night", "day", "hours"}),
            (str(yesterday.day), f"{yesterday.day:02d}"),
        )
    phrases = [p for p in (_resolve(m, text, published) for m in _matches(lowered, within, cues)) if p]
    day = report_day(
        phrases, published, named_anywhere=datelines.hours_ahead_of_kyiv(text, published) >= REPORT_DAY_AHEAD_HOURS
    )
    phrases = [_to_report_day(p, day, published) for p in phrases]
    return phrases, day


def _to_report_day(phrase: DatePhrase, day: date, published: date) -> DatePhrase:
    """A phrase that runs up to the report day: "since the start of the month" ends on it; "over the past day"
    runs to publication, but is the report day itself when the article names an earlier one as its news day
    (the 24 hours its report covers end on that named day)."""
    if phrase.kind == "monthstart":
        return replace(phrase, first=day.replace(day=1), last=day)
    if phrase.kind == "pastday" and day < published:
        return replace(phrase, first=day, last=day, precision="day")
    return phrase


def _matches(lowered: str, within=None, cues=None):
    """The matches of ``_PATTERN`` over the text, found around its anchor words only (only inside the spans
    ``within``, and elsewhere around the ``cues``: anchor words and day numbers, when given)."""
    if within is None:
        words = ((m.start(), m.end()) for m in _ANCHOR_WORDS.finditer(lowered))
        anchors = heapq.merge(words, _number_anchors(lowered))
    else:
        anchors = heapq.merge(_anchors_within(lowered, within), _cue_anchors(lowered, within, cues))
    done = 0  # where the last match ended: the next one starts at or after it
    for start, end in anchors:
        if start < done:
            continue
        m = _PATTERN.search(lowered, max(done, start - _REACH), end + _REACH)
        while m:  # a phrase just before the anchor is not the anchor's own: read on to the anchor's
            done = m.end()
            yield m
            m = _PATTERN.search(lowered, done, end + _REACH) if done <= start else None


def _anchors_within(lowered: str, within):
    """Anchor words and numbers inside the spans, in order."""
    for span_start, span_end in within:
        part = lowered[span_start:span_end]
        found = [(m.start() + span_start, m.end() + span_start) for m in _ANCHOR_WORDS.finditer(part)]
        found += [(s + span_start, e + span_start) for s, e in _number_anchors(part)]
        found.sort()
        yield from found


def _cue_anchors(lowered: str, within, cues):
    """Outside the spans: the words and day numbers that can name the day before publication, found with
    str.find (they are rare; a pattern tried at every position cost more than the rest of the dates)."""
    words, numbers = cues
    starts = [s for s, _ in within]
    found = []
    for needle in (*words, *numbers):
        at = lowered.find(needle)
        while at >= 0:
            end = at + len(needle)
            if needle in numbers and lowered.startswith(_ORDINAL, end):
                end += 2
            if (at == 0 or not (lowered[at - 1].isalnum() or lowered[at - 1] == "_")) and (
                end == len(lowered) or not (lowered[end].isalnum() or lowered[end] == "_")
            ):
                k = bisect.bisect_right(starts, at) - 1
                if not (k >= 0 and at < within[k][1]):
                    found.append((at, end))
            at = lowered.find(needle, at + 1)
    return sorted(set(found))


def _number_anchors(lowered: str):
    """(start, end) of numbers that may be part of a date: a day (1-39, maybe "24th") or a year (19xx, 20xx),
    standing beside a month, "hours", "days" or "weeks", or after "in"."""
    for m in _DIGITS.finditer(lowered):
        start, end = m.span()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        digits = end - start
        if lowered.startswith(_ORDINAL, end):
            end += 2
        if (end < len(lowered) and (lowered[end].isalnum() or lowered[end] == "_")) or not (
            (digits <= 2 and m.group()[0] in "0123" or digits == 1)
            or (digits == 4 and m.group()[:2] in ("19", "20") and end == m.end())
        ):
            continue
        near = lowered[max(0, start - 16) : end + 16]
        if any(word in near for word in _NUMBER_CUES) or near.find("in ", 0, 16) >= 0:
            yield start, end


def report_day_phrase(day: date) -> DatePhrase:
    """The date a claim without its own phrase gets."""
    return DatePhrase(-1, -1, "", "report", day, day, "day")
