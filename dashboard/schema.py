"""The event schema: the one place that knows what an event holds.

The loader builds ``Event`` records, the store writes them to the ``events``
table defined from ``EVENT_COLUMNS``, and the dashboard reads the same
columns back as a DataFrame. Nothing else spells out the field list.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

ACTORS = ("UA", "RU")

# action -> what it means (see README "Event vocabulary")
ACTIONS = {
    "captured": "actor took, retook, entered, occupied or liberated the place",
    "withdrew": "actor left, abandoned, retreated from, or was ordered out of the place",
    "repelled": "actor held the place against an attack",
    "advanced": "actor gained an area or a count of settlements, no place named",
    "struck": "actor hit the place with missiles, artillery, rockets or drones",
}

DATE_PRECISIONS = ("day", "range", "month")
PLACE_PRECISIONS = ("point", "oblast", "none")
CONFIRMED_VALUES = ("no", "unknown")


def other_side(actor: str) -> str:
    return "RU" if actor == "UA" else "UA"


@dataclass
class Event:
    """One claim of the vocabulary, dated and placed."""
    actor: str
    action: str
    event_date: str              # "2022-09-10", "2022-09-01/2022-09-12" or "2022-05"
    date_start: str              # first day covered (ISO date)
    date_end: str                # last day covered (ISO date)
    date_precision: str          # day | range | month
    date_phrase: str             # the words the date came from ("" = the article's report day)
    place_as_written: str | None
    place_name: str | None       # canonical (GeoNames) name, or as written when not in the gazetteer
    geonameid: int | None
    oblast_iso: str | None
    latitude: float | None
    longitude: float | None
    place_precision: str         # point | oblast | none
    area_km2: float | None
    settlements: int | None
    attribution: str | None
    confirmed: str               # no | unknown
    hedged: bool
    sentence: str
    sentence_start: int
    sentence_end: int
    flags: str = ""              # comma-separated: unplaced, date-after-publication, ...
    claimant: str | None = None         # who makes the claim, canonical ("Russian Defence Ministry"), from
    claimant_side: str | None = None    # its attribution by the claimants lexicon; its side: UA | RU | "" (neither)
    claimant_person: str | None = None  # the person the attribution names ("Hanna Maliar"), if any

    def as_row(self) -> dict:
        return asdict(self)


EVENT_FIELDS = [f.name for f in fields(Event)]
