"""The map library's own cost of one slider step: Plotly's SVG geo map (the page's), its parts, and WebGL map traces.

Issue 11 asks for a slider step of at most 50 ms at 100,000 events; most of a
step is Plotly redrawing the map (the geo subplot is redrawn whole on any
restyle). This benchmark asks what that redraw is made of, and whether another
Plotly map engine would redraw faster, on the same data, in the same headless
Chromium, each in its own 1000x760 px div of a bare page with Dash's full
plotly.js (both engines are in it):

- **page**: the page's own figure (taken from the dashboard: oblasts, markers,
  names, the border regions' outline, legend, title, base map), each step
  the page's own update (every attribute ``assets/view.js`` restyles, in one
  ``Plotly.update``), the base map kept between steps as the page keeps it
  (``assets/geo_base_kept.js``); and the same drawn plotly's own way, **the
  base map redrawn each step**, as are all the variants below;
- the same with the sea as Natural Earth's **ocean shape** (the page before:
  now the sea is the map's background colour), with the land as the
  background and the sea a shape, with **no base map** (land, borders,
  coast), with **no names**, and with **half the markers**;
- **geo, oblasts + markers**: only the choropleth and the markers on the
  page's geo subplot, the traces the WebGL variant has;
- **map, WebGL, no tiles**: ``choroplethmap`` + ``scattermap`` on a MapLibre
  subplot whose style has one background layer and no tile source (no request
  leaves the machine); Chromium draws WebGL in software here (SwiftShader:
  there is no GPU). MapLibre draws text only with glyphs from a server, which
  an offline intranet does not have, so it has no names.

Data: the page's first view and the next ``--steps`` views walking back a day
at a time, computed by the page's ``assets/view.js`` in the dashboard of this
checkout (gunicorn) over ``--events`` synthetic events
(``bench.browser.synthetic_database``).

Measured per step: from ``Plotly.update`` to the next animation frame after
the library says it has drawn (geo: its promise; map: also MapLibre's
``idle``). A warm-up pass first, then ``--rounds`` rounds taking the variants in
turn (so a slow moment of the machine falls on all of them); median and p95 of
all steps. Pin it to a quiet core for steady figures (``taskset``).

Run: ``python -m bench.map_engines [--events 100000] [--steps 30] [--rounds 3]``
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

import plotly

from bench.browser import HOST, chromium, synthetic_database, wait
from bench.load import gunicorn

ROOT = Path(__file__).resolve().parent.parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

# in the dashboard's page: its figure, its first view and the next steps, as view.js computes and draws them
VIEWS = """
var steps = arguments[0], gd = document.querySelector('#map .js-plotly-plot'), cv = window.conflictView;
var p = cv.current(), c = p.c, v = c.vocabulary, views = [];
for (var k = 0; k <= steps; k++) {
  var s = cv.stateOf(c, c.last_day - k, 'all', v.default_recent_days, v.actors, v.actions, [], null, '');
  views.push(cv.viewValues(p, s, []));
}
return JSON.parse(JSON.stringify({views: views, data: gd.data, layout: gd.layout}));
"""

PAGE = """<!doctype html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script><script src="geo_base_kept.js"></script></head>
<body style="margin:0"></body></html>"""

# in the bare page: draw every variant, then time the steps on each, in turn
MEASURE = """
var done = arguments[arguments.length - 1], d = arguments[0], rounds = arguments[1];
function frame() { return new Promise(function (ok) { requestAnimationFrame(function () { ok(); }); }); }
function none() { return Promise.resolve(); }
function idle(div) {
  var map = div._fullLayout.map._subplot.map;
  return new Promise(function (ok) { if (map.loaded() && !map.isMoving() && !map._frameRequest) { ok(); } map.once('idle', ok); });
}
function copy(x) { return JSON.parse(JSON.stringify(x)); }
// the page's update for a view (view.js draw: one Plotly.update, traces 0-3, and the title)
function pageUpdate(view, keep) {
  var update = {};
  view.values.forEach(function (e) {
    if (!keep(e)) { return; }
    if (!update[e[1]]) { update[e[1]] = [undefined, undefined, undefined, undefined]; }
    update[e[1]][e[0]] = e[2];
  });
  return [update, {'title.text': view.title}, [0, 1, 2, 3]];
}
var all = function () { return true; };
var halfOf = function (e) { return e[0] !== 1 || !Array.isArray(e[2]) ? e[2] : e[2].slice(0, Math.ceil(e[2].length / 2)); };
var MARKER_ATTRS = ['lon', 'lat', 'marker.color', 'marker.size'];
function twoTraces(view) {   // the oblasts' colours and the markers' places, colours and sizes only
  var u = {};
  view.values.forEach(function (e) {
    if ((e[0] === 0 && e[1] === 'z') || (e[0] === 1 && MARKER_ATTRS.indexOf(e[1]) >= 0)) {
      u[e[1]] = e[0] === 0 ? [e[2], undefined] : [undefined, e[2]];
    }
  });
  return [u, {}, [0, 1]];
}
var config = {topojsonURL: 'topojson/'};   // the geo engine's base map from this server, not plotly's CDN
var noBase = {showland: false, showcountries: false, showcoastlines: false, showocean: false};
var margin = {l: 0, r: 0, t: 0, b: 0};
var blank = {version: 8, sources: {}, layers: [{id: 'background', type: 'background',
             paint: {'background-color': '#dbeafe'}}]};
function variants(gl) {
  var page = function (data, layout, cfg, update) {
    return {data: data, layout: layout, config: cfg || config, update: update, drawn: none};
  };
  var first = d.data;
  var noNames = copy(d.data); noNames[3].lon = []; noNames[3].lat = []; noNames[3].text = [];
  var half = copy(d.data); ['lon', 'lat', 'hovertext'].forEach(function (k) { half[1][k] = halfOf([1, k, half[1][k]]); });
  ['color', 'symbol', 'size'].forEach(function (k) { half[1].marker[k] = halfOf([1, k, half[1].marker[k]]); });
  half[1].marker.line.color = halfOf([1, 'l', half[1].marker.line.color]);
  var list = {
    // the page: its base map kept between steps (assets/geo_base_kept.js, installed below)
    'page': Object.assign(page(first, d.layout, null, function (v) { return pageUpdate(v, all); }), {kept: true}),
    // the variants below are drawn plotly's own way, the base map redrawn on every step: compare them with this
    'page, base map redrawn each step': page(first, d.layout, null, function (v) { return pageUpdate(v, all); }),
    // the page before: the sea as Natural Earth's ocean shape on a transparent background
    'page, sea as a shape (before)': page(first, Object.assign(copy(d.layout), {geo: Object.assign(copy(d.layout.geo),
                                          {showocean: true, oceancolor: d.layout.geo.bgcolor, bgcolor: 'rgba(0,0,0,0)'})}),
                                          null, function (v) { return pageUpdate(v, all); }),
    'page, land as background, sea a shape': page(first, Object.assign(copy(d.layout), {geo: Object.assign(copy(d.layout.geo),
                                     {showland: false, bgcolor: d.layout.geo.landcolor, showocean: true,
                                      oceancolor: d.layout.geo.bgcolor})}),
                                     null, function (v) { return pageUpdate(v, all); }),
    'page, no base map': page(first, Object.assign(copy(d.layout), {geo: Object.assign(copy(d.layout.geo), noBase)}),
                              null, function (v) { return pageUpdate(v, all); }),
    'page, no names': page(noNames, d.layout, null, function (v) {
      return pageUpdate(v, function (e) { return e[0] !== 3; }); }),
    'page, half the markers': page(half, d.layout, null, function (v) {
      var u = pageUpdate(v, all);
      Object.keys(u[0]).forEach(function (k) { if (u[0][k][1] !== undefined) { u[0][k][1] = halfOf([1, k, u[0][k][1]]); } });
      return u; }),
    'geo, oblasts + markers': page([first[0], first[1]], {geo: d.layout.geo, margin: margin, showlegend: false},
                                   null, twoTraces)
  };
  if (gl) {
    var oblasts = Object.assign(copy(first[0]), {type: 'choroplethmap'});
    var markers = {type: 'scattermap', mode: 'markers', lon: first[1].lon, lat: first[1].lat,
                   marker: {color: first[1].marker.color, size: first[1].marker.size}};
    list['map, WebGL, no tiles'] = {data: [oblasts, markers], config: config, update: twoTraces, drawn: idle,
      layout: {map: {style: blank, center: {lon: 31.2, lat: 48.8}, zoom: 4.6}, margin: margin, showlegend: false}};
  }
  return list;
}
// one variant seen at a time, all at the same place in the window: a hidden one is laid out but not painted
function show(div) {
  Array.from(document.body.children).forEach(function (other) { other.style.visibility = other === div ? 'visible' : 'hidden'; });
}
async function pass(div, variant, times) {
  show(div);
  await frame();
  for (var k = 1; k < d.views.length; k++) {
    var u = variant.update(d.views[k]), t = performance.now();
    await Plotly.update(div, u[0], u[1], u[2]);
    await variant.drawn(div);
    await frame();
    if (times) { times.push(performance.now() - t); }
  }
  var back = variant.update(d.views[0]);   // back to the first view: every pass draws the same steps
  await Plotly.update(div, back[0], back[1], back[2]);
  await variant.drawn(div);
}
(async function () {
  var gl = document.createElement('canvas').getContext('webgl');
  var list = variants(!!gl), names = Object.keys(list), divs = {}, result = {
    webgl: gl ? String(gl.getParameter(gl.RENDERER) || 'yes') : null, markers: d.data[1].lon.length,
    names: d.data[3].lon.length, times: {}, order: names};
  for (var i = 0; i < names.length; i++) {
    var name = names[i], variant = list[name], div = document.createElement('div');
    div.style.cssText = 'position: absolute; left: 0; top: 0; width: 1000px; height: 760px; background: white';
    document.body.appendChild(div);
    divs[name] = div;
    await Plotly.newPlot(div, copy(variant.data), copy(variant.layout), variant.config);
    await variant.drawn(div);
    if (variant.kept && !window.conflictGeoBase.install(div)) { throw new Error('geo_base_kept.js: not installed'); }
    await pass(div, variant, null);   // warm-up
    result.times[name] = [];
  }
  for (var r = 0; r < rounds; r++) {
    for (var j = 0; j < names.length; j++) { await pass(divs[names[j]], list[names[j]], result.times[names[j]]); }
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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, help="save the bare page (the last variant, first view) as this PNG")
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
            shutil.copy(ROOT / "assets" / "geo_base_kept.js", page / "geo_base_kept.js")
            shutil.copytree(ROOT / "assets" / "topojson", page / "topojson")  # the page's base map
            (page / "index.html").write_text(PAGE, encoding="utf-8")
            server = serve(page)
            try:
                driver.get(f"http://{HOST}:{server.server_address[1]}/index.html")
                wait(driver, "return !!window.Plotly")
                driver.set_script_timeout(1800)
                result = driver.execute_async_script(MEASURE, data, args.rounds)
                if args.screenshot and "error" not in result:  # the last variant drawn, at its first view
                    driver.save_screenshot(str(args.screenshot))
            finally:
                server.shutdown()
        finally:
            driver.quit()
    if "error" in result:
        print(result["error"], file=sys.stderr)
        return 1
    times = result["times"]
    print(
        f"{args.events:,} synthetic events; {args.steps} steps back a day each from the last day, "
        f"{args.rounds} rounds after a warm-up; {result['markers']} markers and {result['names']} names in the "
        f"first view; WebGL: {result['webgl'] or 'none'}"
    )
    page = statistics.median(times["page"])
    for name in result["order"]:
        values = times[name]
        print(f"  {name:38} {summary(values)}  ({statistics.median(values) / page:4.2f}x the page's)")
    if "map, WebGL, no tiles" not in times:
        print("  map, WebGL: not measured (no WebGL in this browser)")
    print(
        "step: Plotly.update to the next frame after the engine has drawn; baseline: 'page' (the page's figure "
        "and update, SVG geo)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
