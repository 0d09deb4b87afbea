"""One made-up stored claim for tests (``made_event``): a capture with every field of ``Event`` set, changed by name."""

from __future__ import annotations

from dashboard.schema import Event


def made_event(place: str | None = None, **changes) -> Event:
    """Ukraine's capture of ``place`` on Saturday 1 Oct 2022, unplaced and unattributed; ``changes`` override."""
    values = dict(
        actor="UA",
        action="captured",
        event_date="2022-10-01",
        date_start="2022-10-01",
        date_end="2022-10-01",
        date_precision="day",
        date_phrase="on Saturday",
        place_as_written=place,
        place_name=place,
        geonameid=None,
        oblast_iso=None,
        latitude=None,
        longitude=None,
        place_precision="none",
        area_km2=None,
        settlements=None,
        attribution=None,
        confirmed="unknown",
        hedged=False,
        sentence=f"Ukrainian forces captured {place} on Saturday.",
        sentence_start=0,
        sentence_end=40,
    )
    return Event(**{**values, **changes})
