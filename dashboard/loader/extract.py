"""Article text -> events: dates, claims and places put together.

``EventExtractor.extract(text, published)`` is the loader's one pure step:
no I/O, no database. It returns the events and the warnings a person should
read (a date after publication, a place it could not put on the map, a text
that is not English).

The reading itself runs in the compiled rule engine (``dashboard/loader/claimcore/``,
Rust, reached through ``dashboard.loader.rules``); its module docs say the
rules in a reader's terms: ``dates.rs`` (date phrases), ``quantities.rs``,
``claims.rs`` (who did what where), ``events.rs`` (placing and de-duplicating).
"""
from __future__ import annotations

from datetime import date

from dashboard.geo import Gazetteer
from dashboard.loader.rules import Extraction, reader

__all__ = ["EventExtractor", "Extraction"]


class EventExtractor:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.reader = reader(gazetteer)
        self.gazetteer = self.reader.gazetteer

    def extract(self, text: str, published: date) -> Extraction:
        return self.reader.extract(text, published)
