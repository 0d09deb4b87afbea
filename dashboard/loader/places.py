"""Stage 5: place a claim's places: canonical name, oblast, coordinates and precision.

A name the gazetteer knows becomes a point. Where it knows several places of
that name (two Zolochivs, several Avdiivkas) the sentence's hints pick one
("north of Kharkiv", "a town in Donetsk", a place named beside it), then the
regions the article names, then the most populous. A name it does not know
(Maiorsk, Olhine) is placed at oblast level from the sentence's hints or the
region the article named last before it; with none it is kept, unplaced and
flagged. Nothing is ever given invented coordinates.
"""
from __future__ import annotations

from dataclasses import dataclass

from dashboard.geo import Gazetteer


@dataclass(frozen=True)
class Placement:
    as_written: str | None
    name: str | None
    geonameid: int | None
    oblast_iso: str | None
    latitude: float | None
    longitude: float | None
    precision: str            # point | oblast | none
    flag: str = ""            # "" | not-in-gazetteer | unplaced


NOWHERE = Placement(None, None, None, None, None, None, "none")


def place_name(gazetteer: Gazetteer, name: str, sentence_hints: list[str], article_hints: list[str],
               region_before: str | None) -> Placement:
    """Resolve one place name written in a claim."""
    candidates = gazetteer.places(name)
    if candidates:
        for hints in (sentence_hints, article_hints):
            chosen = next((p for p in candidates if p.oblast_iso in hints), None)
            if chosen:
                break
        else:
            chosen = candidates[0]
        return Placement(name, chosen.name, chosen.geonameid, chosen.oblast_iso,
                         chosen.latitude, chosen.longitude, "point")
    oblast = next(iter(sentence_hints), None) or region_before
    if oblast:
        return Placement(name, name, None, oblast, None, None, "oblast", "not-in-gazetteer")
    return Placement(name, name, None, None, None, None, "none", "unplaced")


def place_region(gazetteer: Gazetteer, iso: str, as_written: str) -> Placement:
    """A claim about a whole region ("all of Kharkiv's territory")."""
    return Placement(as_written, gazetteer.oblast_name(iso), None, iso, None, None, "oblast")
