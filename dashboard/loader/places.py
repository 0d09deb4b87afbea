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
else the region the article named last before it, else the region the article names most
("Novomikhailovka in the DPR"); with none it is kept, unplaced and flagged. Unless the sentence names its
region outright, such a name that Ukraine's codifier of settlements (KATOTTG, ``geodata/settlements.csv``)
lists in one oblast only (Robotyne, Zaporizhzhia) is placed at that oblast's level; a name it lists in
several oblasts follows the rules above. Nothing is ever given invented coordinates.

Russia's border regions (Kursk, Belgorod, Bryansk) are in the gazetteer too, and many of their villages
share a name with Ukrainian ones (Russia's Melovoy and Podol, Ukraine's Milove and Podil; Prokhorovka). A
place is only ever put in a country the text points to: the countries of the sentence's regions and
locators, of a cue like "across the border" or "the Russian village of" (``russia_cue``), and of the
regions the article names. A namesake in the other country is set aside (the name is then a village the
gazetteer lacks, placed at the level of the region the text points to). A name the gazetteer knows on both
sides, in a text that points to neither, is left unplaced: never silently put on one side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from dashboard.geo import Gazetteer, country_of


class Placement(NamedTuple):  # a tuple: made by the thousand, cheaply
    as_written: str | None
    name: str | None
    geonameid: int | None
    oblast_iso: str | None
    latitude: float | None
    longitude: float | None
    precision: str  # point | oblast | none
    flag: str = ""  # "" | not-in-gazetteer | unplaced


NOWHERE = Placement(None, None, None, None, None, None, "none")
# GeoNames cities500 lists places of 500 people and more, so a village of that name may be missing: below
# this population a name the gazetteer knows in one oblast only is not trusted against an article that
# points to another oblast (a town above it, like Bakhmut or Izium, is).
SMALL_PLACE = 10_000
# A name that is a major city's is that city unless the sentence's own regions or locators say otherwise.
MAJOR_CITY = 50_000


@dataclass
class PlaceContext:
    """What the text says about where one place name is: the context every resolver reads.

    ``sentence_regions``: regions the sentence names outright; ``sentence_context``: the oblasts its regions
    and locators point to; ``sentence_hints``: those and the oblasts of towns named beside it;
    ``article_votes``: how strongly the article points to each oblast; ``region_before``: the region the
    article named last before this sentence; ``russia_cue``: the sentence places things in Russia ("across
    the border")."""

    name: str
    sentence_hints: list[str] = field(default_factory=list)
    sentence_regions: list[str] = field(default_factory=list)
    sentence_context: list[str] = field(default_factory=list)
    article_votes: dict[str, int] = field(default_factory=dict)
    region_before: str | None = None
    russia_cue: bool = False
    candidates: list = field(default_factory=list)  # the gazetteer's places of that name, narrowed by resolvers
    listed_oblasts: tuple = ()  # where the codifier lists a settlement of a name cities500 lacks
    listed_as_spelled: bool = False  # the codifier spells it so (not only a lookup key or a variant meets it)
    countries: set = field(default_factory=set)  # the countries the text points to


def place_name(gazetteer: Gazetteer, context: PlaceContext) -> Placement:
    """Resolve one place name written in a claim: the first resolver of ``RESOLVERS`` that decides."""
    context.candidates = gazetteer.places(context.name)
    context.listed_oblasts = () if context.candidates else gazetteer.listed_oblasts(context.name)
    context.listed_as_spelled = bool(context.listed_oblasts) and gazetteer.listed_as_spelled(context.name)
    context.countries = _countries_pointed_to(
        context.sentence_regions, context.sentence_context, context.article_votes, context.russia_cue
    )
    for resolver in RESOLVERS:
        placed = resolver(context)
        if placed is not None:
            return placed
    raise AssertionError("the last resolver always decides")


# --- Resolvers: each returns a Placement when it decides, None to pass the name on -------------------------


def known_only_across_the_border(c: PlaceContext) -> Placement | None:
    """The gazetteer knows the name only in a country the text does not point to: a village it lacks."""
    if c.countries and c.candidates and not {p.country for p in c.candidates} & c.countries:
        return _other_side(
            c.name, c.candidates, c.sentence_regions, c.sentence_context, c.article_votes, c.region_before, c.countries
        )
    return None


def keep_countries_pointed_to(c: PlaceContext) -> Placement | None:
    """Namesakes, hints and the region before narrowed to the countries the text points to; "across the
    border": Russia's namesake first. Never decides."""
    if c.countries:
        c.candidates = [p for p in c.candidates if p.country in c.countries]
        c.sentence_hints = [iso for iso in c.sentence_hints if country_of(iso) in c.countries]
        c.region_before = c.region_before if country_of(c.region_before) in c.countries else None
        if c.russia_cue and "RU" in c.countries and any(p.country == "RU" for p in c.candidates):
            c.candidates = [p for p in c.candidates if p.country == "RU"]
    return None


def unplaced_on_both_sides(c: PlaceContext) -> Placement | None:
    """A name on both sides of the border and a text that points to neither: not guessed."""
    if not c.countries and len({p.country for p in c.candidates}) > 1:
        return Placement(c.name, c.name, None, None, None, None, "none", "unplaced")
    return None


def in_the_region_the_sentence_names(c: PlaceContext) -> Placement | None:
    """The sentence says where: its namesake there, else a village the gazetteer lacks, at that oblast."""
    if c.candidates and c.sentence_regions:
        chosen = next((p for p in c.candidates if p.oblast_iso in c.sentence_regions), None)
        return _point(c.name, chosen) if chosen else _oblast_level(c.name, c.sentence_regions[0])
    return None


def where_the_locators_point(c: PlaceContext) -> Placement | None:
    """The namesake in an oblast the sentence's regions and locators point to."""
    chosen = next((p for p in c.candidates if p.oblast_iso in c.sentence_context), None)
    return _point(c.name, chosen) if chosen else None


def the_major_city(c: PlaceContext) -> Placement | None:
    """ "the southern city of Mykolaiv": a major city, not a village of its name."""
    if c.candidates and c.candidates[0].population >= MAJOR_CITY:
        return _point(c.name, c.candidates[0])
    return None


def where_the_article_points(c: PlaceContext) -> Placement | None:
    """The namesake in the oblast the article points to most."""
    best = max((c.article_votes.get(p.oblast_iso, 0) for p in c.candidates), default=0)
    chosen = next((p for p in c.candidates if best and c.article_votes.get(p.oblast_iso, 0) == best), None)
    return _point(c.name, chosen) if chosen else None


def village_the_gazetteer_lacks(c: PlaceContext) -> Placement | None:
    """Namesakes in several oblasts, or one small one, and an article pointing elsewhere: a village the
    gazetteer lacks, at the article's oblast, never a namesake across the country."""
    if not c.candidates or not c.article_votes:
        return None
    ambiguous = len({p.oblast_iso for p in c.candidates}) > 1
    if ambiguous or c.candidates[0].population < SMALL_PLACE:
        return _oblast_level(c.name, max(c.article_votes, key=c.article_votes.get))
    return None


def beside_a_town_named(c: PlaceContext) -> Placement | None:
    """The namesake in the oblast of a town named beside it; namesakes in several oblasts and none there:
    at that oblast's level."""
    if not c.candidates:
        return None
    chosen = next((p for p in c.candidates if p.oblast_iso in c.sentence_hints), None)
    if chosen:
        return _point(c.name, chosen)
    if len({p.oblast_iso for p in c.candidates}) > 1 and c.sentence_hints:
        return _oblast_level(c.name, c.sentence_hints[0])
    return None


def the_only_or_first_namesake(c: PlaceContext) -> Placement | None:
    """The gazetteer's place of that name (its first, the most populous, among several)."""
    return _point(c.name, c.candidates[0]) if c.candidates else None


def listed_in_one_oblast(c: PlaceContext) -> Placement | None:
    """A name cities500 lacks that Ukraine's codifier lists in one oblast only, in a text that points to
    Ukraine alone (or to no country: a text that points to Russia too may mean a Russian village, Pogrebki
    in Kursk and Pohrebky in Sumy) and names no region for it outright: at that oblast's level. A name the
    codifier spells otherwise (a Russian-style "Rybinsk" whose lookup key meets its Rybynsk, Chernihiv) may be
    another village (Rybynske, Donetsk): it is read from the codifier only where the text points to its oblast
    or to none."""
    if c.candidates or len(c.listed_oblasts) != 1 or c.sentence_regions or c.countries - {"UA"}:
        return None
    pointed = {*c.sentence_context, *c.sentence_hints, *c.article_votes} | ({c.region_before} - {None})
    if pointed and c.listed_oblasts[0] not in pointed and not c.listed_as_spelled:
        return None  # met only by another spelling ("Rybinsk" for Rybynsk), in an oblast the text never names
    return _oblast_level(c.name, c.listed_oblasts[0])


def unknown_at_the_oblast_pointed_to(c: PlaceContext) -> Placement:
    """A name the gazetteer does not know: at the oblast the sentence or the article before points to, else
    kept unplaced and flagged."""
    hints = c.sentence_hints
    if c.region_before and c.article_votes:  # a namesake town beside it in an oblast the article never names
        hints = [iso for iso in hints if c.article_votes.get(iso)]
    oblast = (
        next(iter(c.sentence_regions), None)
        or next(iter(c.sentence_context), None)
        or next(iter(hints), None)
        or c.region_before
        or (max(c.article_votes, key=c.article_votes.get) if c.article_votes else None)
    )
    if oblast:
        return Placement(c.name, c.name, None, oblast, None, None, "oblast", "not-in-gazetteer")
    return Placement(c.name, c.name, None, None, None, None, "none", "unplaced")


RESOLVERS = (
    known_only_across_the_border,
    keep_countries_pointed_to,
    unplaced_on_both_sides,
    in_the_region_the_sentence_names,
    where_the_locators_point,
    the_major_city,
    where_the_article_points,
    village_the_gazetteer_lacks,
    beside_a_town_named,
    the_only_or_first_namesake,
    listed_in_one_oblast,
    unknown_at_the_oblast_pointed_to,
)


def _countries_pointed_to(
    sentence_regions: list[str], sentence_context: list[str], article_votes: dict[str, int], russia_cue: bool
) -> set[str]:
    """The countries the text points to for a place: where the sentence says it is ("in the Kursk region",
    "across the border") when it says so, else every country its regions and locators ("5 km from the
    border with Russia's Kursk Oblast") and the article's regions point to."""
    outright = {country_of(iso) for iso in sentence_regions} | ({"RU"} if russia_cue else set())
    return outright or {country_of(iso) for iso in (*sentence_context, *article_votes)}


def _other_side(
    name: str,
    candidates,
    sentence_regions: list[str],
    sentence_context: list[str],
    article_votes: dict[str, int],
    region_before: str | None,
    countries: set[str],
) -> Placement:
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
