"""The event schema: the one place that knows what an event holds.

The loader builds ``Event`` records, the store writes them to the ``events``
table defined from ``EVENT_COLUMNS``, and the dashboard reads the same
columns back as a DataFrame. Nothing else spells out the field list.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from urllib.parse import urlsplit

# the actors and actions (action -> what it means), from the vocabulary's records (dashboard/vocabulary.py)
from dashboard.vocabulary import ACTIONS, ACTORS, other_side  # noqa: F401 (re-exported)

DATE_PRECISIONS = ("day", "range", "month")
PLACE_PRECISIONS = ("point", "oblast", "none")
CONFIRMED_VALUES = ("no", "unknown")


@dataclass
class Event:
    """One claim of the vocabulary, dated and placed."""

    actor: str
    action: str
    event_date: str  # "2022-09-10", "2022-09-01/2022-09-12" or "2022-05"
    date_start: str  # first day covered (ISO date)
    date_end: str  # last day covered (ISO date)
    date_precision: str  # day | range | month
    date_phrase: str  # the words the date came from ("" = the article's report day)
    place_as_written: str | None
    place_name: str | None  # canonical (GeoNames) name, or as written when not in the gazetteer
    geonameid: int | None
    oblast_iso: str | None
    latitude: float | None
    longitude: float | None
    place_precision: str  # point | oblast | none
    area_km2: float | None
    settlements: int | None
    attribution: str | None
    confirmed: str  # no | unknown
    hedged: bool
    sentence: str
    sentence_start: int
    sentence_end: int
    flags: str = ""  # comma-separated: unplaced, date-after-publication, ...
    claimant: str | None = None  # who makes the claim, canonical ("Russian Defence Ministry"), from
    claimant_side: str | None = None  # its attribution by the claimants lexicon; its side: UA | RU | "" (neither)
    claimant_person: str | None = None  # the person the attribution names ("Hanna Maliar"), if any
    score: float | None = None  # the loader's learned check: how likely the claim is right (0-1); None: not scored

    def as_row(self) -> dict:
        return asdict(self)


EVENT_FIELDS = [f.name for f in fields(Event)]


# --- bounds: every number and date that enters the store (loader, corrections, added claims) -----------------
# One place: ``field_problem`` / ``event_problems`` are asked by the loader (a claim out of bounds is refused
# with a warning, the rest of its article stored), by the store before it writes (last line), by an editor's
# correction (400 with the message) and by the views (a value stored before these bounds existed is left out
# with a log line, never drawn). Ukraine has about 29,000 settlements and 604,000 km2: a claim beyond these
# is a misreading or a typo, and a number that overflows a 32-bit column would stop the whole page.
MAX_SETTLEMENTS = 50_000
MAX_AREA_KM2 = 1_000_000.0
MAX_GEONAMEID = 2**31 - 1
EARLIEST_EVENT_DATE = date(2014, 1, 1)  # the war's first claims (Crimea, Donbas)
MAX_DAYS_AHEAD = 366  # a claim's date may run past its article's, not years on
NUMBER_BOUNDS = {
    "settlements": (0, MAX_SETTLEMENTS),
    "area_km2": (0.0, MAX_AREA_KM2),
    "latitude": (-90.0, 90.0),
    "longitude": (-180.0, 180.0),
    "geonameid": (0, MAX_GEONAMEID),
    "sentence_start": (0, 2**31 - 1),
    "sentence_end": (0, 2**31 - 1),
    "score": (0.0, 1.0),
}
DATE_BOUNDED_FIELDS = ("date_start", "date_end")


def latest_event_date() -> date:
    return date.today() + timedelta(days=MAX_DAYS_AHEAD)


def field_problem(name: str, value) -> str | None:
    """Why ``value`` cannot be stored as the event field ``name`` (a number out of its bounds, not finite, a
    date outside ``EARLIEST_EVENT_DATE`` .. a year ahead), or None. None and unknown names pass."""
    if value is None:
        return None
    if name in NUMBER_BOUNDS:
        low, high = NUMBER_BOUNDS[name]
        if isinstance(value, (bool, str)) or not isinstance(value, (int, float)):
            if isinstance(value, (bool, str)) or not hasattr(value, "__float__"):
                return f"{name}: {str(value)[:40]!r} is not a number"
            value = float(value)  # numpy's and Decimal's numbers
        if isinstance(value, float) and math.isnan(value):
            return f"{name}: nan is not a number"
        if isinstance(value, float) and math.isinf(value):
            return f"{name}: {value} is not a finite number"
        if not low <= value <= high:
            shown = f"{value:.4g}" if abs(value) >= 1e15 else f"{value:,}"
            return f"{name}: {shown} is outside {low:,} to {high:,}"
        return None
    if name in DATE_BOUNDED_FIELDS:
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            return f"{name}: {str(value)[:40]!r} is not a date (YYYY-MM-DD)"
        if not EARLIEST_EVENT_DATE <= day <= latest_event_date():
            return f"{name}: {day} is outside {EARLIEST_EVENT_DATE} to {latest_event_date()}"
    return None


def event_problems(values: dict | Event) -> list[str]:
    """Every bound an event's fields (or a correction's changed fields) break; empty when all can be stored."""
    if isinstance(values, Event):
        values = values.as_row()
    return [problem for name, value in values.items() if (problem := field_problem(name, value))]


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no spaces or control characters: the only links the table makes."""
    if not isinstance(url, str) or not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
