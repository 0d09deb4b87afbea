"""Stage 5: place a claim's places: canonical name, oblast, coordinates and precision.

A name the gazetteer knows becomes a point. Where it knows several places of
that name (two Zolochivs, dozens of Vasylivkas) the sentence's regions and
locators pick one ("north of Kharkiv", "a town in Donetsk"), then the oblast
the article points to most (the regions it names count double, the regions and
locators of its claims once), then a place named beside it. When the sentence names a region outright ("in
Ukraine's eastern Donetsk region") and the gazetteer knows the name only
elsewhere, or the name has namesakes in several oblasts and none where the
text points, the place is a village the gazetteer lacks: placed at the level
of the oblast the text points to, never on a namesake across the country. A
name with namesakes in one oblast only, and no context, is that place. A name it does not
know (Maiorsk, Olhine) is placed at oblast level from the region the sentence
names for it (or its locators), else the oblast of a town named beside it,
else the region the article named last before it; with none it is kept, unplaced and flagged. Nothing is ever given
invented coordinates.
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
# GeoNames cities500 lists places of 500 people and more, so a village of that name may be missing: below
# this population a name the gazetteer knows in one oblast only is not trusted against an article that
# points to another oblast (a town above it, like Bakhmut or Izium, is).
SMALL_PLACE = 10_000
# A name that is a major city's is that city unless the sentence's own regions or locators say otherwise.
MAJOR_CITY = 50_000


def place_name(gazetteer: Gazetteer, name: str, sentence_hints: list[str], sentence_regions: list[str],
               sentence_context: list[str], article_votes: dict[str, int], region_before: str | None,
               ) -> Placement:
    """Resolve one place name written in a claim.

    ``sentence_regions``: regions the sentence names outright; ``sentence_context``: the oblasts its regions
    and locators point to; ``article_votes``: how strongly the article
    points to each oblast; ``region_before``: the region the article named last before this sentence."""
    candidates = gazetteer.places(name)
    if candidates:
        if sentence_regions:
            # the sentence says where: a namesake there, else a village the gazetteer lacks
            chosen = next((p for p in candidates if p.oblast_iso in sentence_regions), None)
            return _point(name, chosen) if chosen else _oblast_level(name, sentence_regions[0])
        chosen = next((p for p in candidates if p.oblast_iso in sentence_context), None)
        if chosen is None and candidates[0].population >= MAJOR_CITY:
            chosen = candidates[0]   # "the southern city of Mykolaiv": a major city, not a village of its name
        if chosen is None:
            best = max((article_votes.get(p.oblast_iso, 0) for p in candidates), default=0)
            chosen = next((p for p in candidates if best and article_votes.get(p.oblast_iso, 0) == best), None)
        if chosen is None:
            ambiguous = len({p.oblast_iso for p in candidates}) > 1
            doubtful = candidates[0].population < SMALL_PLACE
            if (ambiguous or doubtful) and article_votes:
                # the article points elsewhere: a village the gazetteer lacks, never a namesake across the country
                return _oblast_level(name, max(article_votes, key=article_votes.get))
            chosen = next((p for p in candidates if p.oblast_iso in sentence_hints), None)
            if chosen is None and ambiguous and sentence_hints:
                return _oblast_level(name, sentence_hints[0])
        return _point(name, chosen or candidates[0])
    oblast = (next(iter(sentence_regions), None) or next(iter(sentence_context), None)
              or next(iter(sentence_hints), None) or region_before)
    if oblast:
        return Placement(name, name, None, oblast, None, None, "oblast", "not-in-gazetteer")
    return Placement(name, name, None, None, None, None, "none", "unplaced")


def _point(name: str, place) -> Placement:
    return Placement(name, place.name, place.geonameid, place.oblast_iso, place.latitude, place.longitude, "point")


def _oblast_level(name: str, oblast: str) -> Placement:
    return Placement(name, name, None, oblast, None, None, "oblast", "not-in-gazetteer")


def place_region(gazetteer: Gazetteer, iso: str, as_written: str) -> Placement:
    """A claim about a whole region ("all of Kharkiv's territory")."""
    return Placement(as_written, gazetteer.oblast_name(iso), None, iso, None, None, "oblast")
