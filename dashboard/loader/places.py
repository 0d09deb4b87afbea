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

Russia's border regions (Kursk, Belgorod, Bryansk) are in the gazetteer too, and many of their villages
share a name with Ukrainian ones (Russia's Melovoy and Podol, Ukraine's Milove and Podil; Prokhorovka). A
place is only ever put in a country the text points to: the countries of the sentence's regions and
locators, of a cue like "across the border" or "the Russian village of" (``russia_cue``), and of the
regions the article names. A namesake in the other country is set aside (the name is then a village the
gazetteer lacks, placed at the level of the region the text points to). A name the gazetteer knows on both
sides, in a text that points to neither, is left unplaced: never silently put on one side.
"""
from __future__ import annotations

from typing import NamedTuple

from dashboard.geo import Gazetteer, country_of


class Placement(NamedTuple):   # a tuple: made by the thousand, cheaply
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
               russia_cue: bool = False) -> Placement:
    """Resolve one place name written in a claim.

    ``sentence_regions``: regions the sentence names outright; ``sentence_context``: the oblasts its regions
    and locators point to; ``article_votes``: how strongly the article
    points to each oblast; ``region_before``: the region the article named last before this sentence;
    ``russia_cue``: the sentence places things in Russia ("across the border")."""
    candidates = gazetteer.places(name)
    countries = _countries_pointed_to(sentence_regions, sentence_context, article_votes, russia_cue)
    if countries:
        if candidates and not {p.country for p in candidates} & countries:
            return _other_side(name, candidates, sentence_regions, sentence_context, article_votes, region_before, countries)
        candidates = [p for p in candidates if p.country in countries]
        sentence_hints = [iso for iso in sentence_hints if country_of(iso) in countries]
        region_before = region_before if country_of(region_before) in countries else None
        if russia_cue and "RU" in countries and any(p.country == "RU" for p in candidates):
            candidates = [p for p in candidates if p.country == "RU"]   # "across the border": Russia's first
    elif len({p.country for p in candidates}) > 1:
        # a name on both sides and a text that points to neither: not guessed
        return Placement(name, name, None, None, None, None, "none", "unplaced")
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


def _countries_pointed_to(sentence_regions: list[str], sentence_context: list[str], article_votes: dict[str, int],
                          russia_cue: bool) -> set[str]:
    """The countries the text points to for a place: where the sentence says it is ("in the Kursk region",
    "across the border") when it says so, else every country its regions and locators ("5 km from the
    border with Russia's Kursk Oblast") and the article's regions point to."""
    outright = {country_of(iso) for iso in sentence_regions} | ({"RU"} if russia_cue else set())
    return outright or {country_of(iso) for iso in (*sentence_context, *article_votes)}


def _other_side(name: str, candidates, sentence_regions: list[str], sentence_context: list[str], article_votes: dict[str, int],
                region_before: str | None, countries: set[str]) -> Placement:
    """A name the gazetteer knows only across the border from where the text points (Russia's Prokhorovka
    in an article about Donetsk): a village it lacks, placed at the level of the region the text names. A
    major city's name (Kyiv in a sentence about Kursk) is no such village: it stays unplaced."""
    if any(p.population >= MAJOR_CITY for p in candidates):
        return Placement(name, name, None, None, None, None, "none", "unplaced")
    oblast = next((iso for iso in (*sentence_regions, *sentence_context) if country_of(iso) in countries), None)
    if oblast is None and article_votes:
        votes = {iso: v for iso, v in article_votes.items() if country_of(iso) in countries}
        oblast = max(votes, key=votes.get) if votes else None
    if oblast is None and country_of(region_before) in countries:
        oblast = region_before
    if oblast:
        return _oblast_level(name, oblast)
    return Placement(name, name, None, None, None, None, "none", "unplaced")


def _point(name: str, place) -> Placement:
    return Placement(name, place.name, place.geonameid, place.oblast_iso, place.latitude, place.longitude, "point")


def _oblast_level(name: str, oblast: str) -> Placement:
    return Placement(name, name, None, oblast, None, None, "oblast", "not-in-gazetteer")


def place_region(gazetteer: Gazetteer, iso: str, as_written: str) -> Placement:
    """A claim about a whole region ("all of Kharkiv's territory")."""
    return Placement(as_written, gazetteer.oblast_name(iso), None, iso, None, None, "oblast")


def quantity_region(iso: str) -> Placement:
    """An area or a count of settlements in the one region its sentence names ("1,250 square kilometres in
    the Kursk region"): kept with that region, no place name."""
    return Placement(None, None, None, iso, None, None, "oblast")
