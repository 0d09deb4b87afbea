"""Stage 5: place a claim's places: canonical name, oblast, coordinates and precision.

A name the gazetteer knows becomes a point. Where it knows several places of
that name (two Zolochivs, dozens of Vasylivkas) the sentence's hints pick one
("north of Kharkiv", "a town in Donetsk", a place named beside it), then the
oblast the article points to most (the regions it names count double, the
places of its claims once). When the sentence names a region outright ("in
Ukraine's eastern Donetsk region") and the gazetteer knows the name only
elsewhere, or the name has namesakes in several oblasts and none where the
text points, the place is a village the gazetteer lacks: placed at the level
of the oblast the text points to, never on a namesake across the country. A
name with namesakes in one oblast only, and no context, is that place. A name it does not
know (Maiorsk, Olhine) is placed at oblast level from the region the sentence
names (or its locators), else the region the article named last before it,
else the oblast of a place named beside it; with none it is kept, unplaced and flagged. Nothing is ever given
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


def place_name(gazetteer: Gazetteer, name: str, sentence_hints: list[str], sentence_regions: list[str],
               sentence_context: list[str], article_votes: dict[str, int], region_before: str | None) -> Placement:
    """Resolve one place name written in a claim.

    ``sentence_regions``: regions the sentence names outright; ``sentence_context``: the oblasts its regions
    and locators point to; ``article_votes``: how strongly the article
    points to each oblast; ``region_before``: the region the article named last before this sentence."""
    candidates = gazetteer.places(name)
    if candidates:
        if sentence_regions:
            # the sentence says where: a namesake there, else a village the gazetteer lacks
            chosen = next((p for p in candidates if p.oblast_iso in sentence_regions), None)
            if chosen is None:
                return _oblast_level(name, sentence_regions[0])
        else:
            chosen = next((p for p in candidates if p.oblast_iso in sentence_hints), None)
        if chosen is None:
            best = max((article_votes.get(p.oblast_iso, 0) for p in candidates), default=0)
            chosen = next((p for p in candidates if best and article_votes.get(p.oblast_iso, 0) == best), None)
        if chosen is None and len({p.oblast_iso for p in candidates}) > 1:
            # namesakes in several oblasts, none where the text points: never guess across the country
            context = next(iter(sentence_hints), None) or max(article_votes, key=article_votes.get, default=None)
            if context:
                return _oblast_level(name, context)
        chosen = chosen or candidates[0]
        return Placement(name, chosen.name, chosen.geonameid, chosen.oblast_iso,
                         chosen.latitude, chosen.longitude, "point")
    oblast = (next(iter(sentence_regions), None) or next(iter(sentence_context), None) or region_before
              or next(iter(sentence_hints), None))
    if oblast:
        return Placement(name, name, None, oblast, None, None, "oblast", "not-in-gazetteer")
    return Placement(name, name, None, None, None, None, "none", "unplaced")


def _oblast_level(name: str, oblast: str) -> Placement:
    return Placement(name, name, None, oblast, None, None, "oblast", "not-in-gazetteer")


def place_region(gazetteer: Gazetteer, iso: str, as_written: str) -> Placement:
    """A claim about a whole region ("all of Kharkiv's territory")."""
    return Placement(as_written, gazetteer.oblast_name(iso), None, iso, None, None, "oblast")
