/* Dense places stay readable at any zoom: markers that would overlap on screen are drawn as one circle with their
   number, and only the names whose boxes do not collide are written.

   view.js computes a view's markers (one per place, dashboard/query's twin) and hands them here before drawing:
   - clusters: at the map's current projection (plotly's own, so the zoom and the fitted window count), every
     marker within CLUSTER_PX of a more claimed one joins it (greedy, most claims first); a cluster is drawn per
     side (the markers' colour: the side of the latest claim, or the side claimed to hold the place), the sides'
     circles side by side, each labelled with how many places it holds, its hover listing them. Zooming in
     moves places apart on screen, so clusters split; a pan moves nothing apart and changes nothing.
   - names: candidates most claimed first (a cluster by its most claimed place), each written above its circle
     only if its box (the text's measured width, the font's height, a margin) lies inside the map's frame and
     meets no name already written; at most MAX_NAMES.
   Recomputed on every view and whenever the projection changes (a zoom, a pan, a resize, the fitted window).
   group() and placeNames() are pure (screen points in, choices out); apply() reads the projection. */
(function () {
  "use strict";
  var CLUSTER_PX = 22;        // markers closer than this on screen would overlap or crowd (they are 11-19 px across)
  var MAX_NAMES = 12;
  var NAME_FONT_PX = 12;      // the names' trace (dashboard/render/figure.py: textfont size 12)
  var NAME_FONT = NAME_FONT_PX + "px 'Open Sans', verdana, arial, sans-serif";
  var NAME_MARGIN = 3;        // pixels kept clear around each name
  var MEMBERS_LISTED = 8;     // a cluster's hover lists its most claimed places, then "and N more"

  // points: [{x, y, weight, key}] (key: the side). Returns groups of indices into points: [{centre, members}],
  // each member within radius of its group's centre, centres taken most weight first (then input order)
  function group(points, radius) {
    var order = points.map(function (pt, k) { return k; });
    order.sort(function (a, b) { return points[b].weight - points[a].weight || a - b; });
    var taken = new Uint8Array(points.length), groups = [], r2 = radius * radius;
    order.forEach(function (k) {
      if (taken[k]) { return; }
      taken[k] = 1;
      var members = [k], c = points[k];
      order.forEach(function (j) {
        if (taken[j]) { return; }
        var dx = points[j].x - c.x, dy = points[j].y - c.y;
        if (dx * dx + dy * dy < r2) { taken[j] = 1; members.push(j); }
      });
      groups.push({centre: k, members: members});
    });
    return groups;
  }

  // candidates: [{x, y, width, height, weight}] (x, y: the box's bottom centre); frame: [x0, y0, x1, y1];
  // markers: [[x0, y0, x1, y1]] per candidate, its own circle (a name may touch its own, never another's).
  // Returns the indices written, most weight first, no two boxes (with margin) meeting, all inside the frame.
  function placeNames(candidates, frame, limit, markers) {
    var order = candidates.map(function (cand, k) { return k; });
    order.sort(function (a, b) { return candidates[b].weight - candidates[a].weight || a - b; });
    var boxes = [], chosen = [];
    for (var n = 0; n < order.length && chosen.length < limit; n++) {
      var cand = candidates[order[n]];
      var box = [cand.x - cand.width / 2 - NAME_MARGIN, cand.y - cand.height - NAME_MARGIN,
                 cand.x + cand.width / 2 + NAME_MARGIN, cand.y + NAME_MARGIN];
      if (box[0] < frame[0] || box[1] < frame[1] || box[2] > frame[2] || box[3] > frame[3]) { continue; }
      var meets = boxes.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; });
      var covers = (markers || []).some(function (b, k) {   // the text itself (no margin) over another circle
        var t = [box[0] + NAME_MARGIN, box[1] + NAME_MARGIN, box[2] - NAME_MARGIN, box[3] - NAME_MARGIN];
        return k !== order[n] && t[0] < b[2] && b[0] < t[2] && t[1] < b[3] && b[1] < t[3];
      });
      if (meets || covers) { continue; }
      boxes.push(box);
      chosen.push(order[n]);
    }
    return chosen;
  }

  var canvas = null, widths = {};
  function textWidth(text) {
    if (widths[text] !== undefined) { return widths[text]; }
    if (!canvas && typeof document !== "undefined" && document.createElement) { canvas = document.createElement("canvas"); }
    var ctx = canvas && canvas.getContext ? canvas.getContext("2d") : null;
    var width;
    if (ctx) {
      ctx.font = NAME_FONT;
      width = ctx.measureText(text).width;
    } else {
      width = text.length * NAME_FONT_PX * 0.62;
    }
    widths[text] = width;
    return width;
  }
  var escaped = {};   // place names escaped once, not on every step
  function escapeHtml(text) {
    if (escaped[text] === undefined) {
      escaped[text] = String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
    }
    return escaped[text];
  }

  // the geo subplot's projection (plotly's, in the page's pixels) and its frame; null before the map is drawn
  function geometry(gd) {
    var full = gd && gd._fullLayout, geo = full && full.geo, sub = geo && geo._subplot;
    if (!sub || !sub.projection || typeof sub.projection.invert !== "function") { return null; }
    var size = full._size, d = geo.domain;
    var frame = [size.l + size.w * d.x[0], size.t + size.h * (1 - d.y[1]),
                 size.l + size.w * d.x[1], size.t + size.h * (1 - d.y[0])];
    var p = sub.projection;
    return {project: p, frame: frame,
            key: JSON.stringify([p.scale(), p.translate(), p.rotate(), p.center ? p.center() : null, frame])};
  }

  function sizeOf(count) { return Math.min(28, 14 + 3 * Math.log(count) / Math.LN2); }   // 2: 17 px, 32: 28 px

  // the view's markers and names (view.values' entries for the traces tr.markers and tr.labels) as drawn at the
  // current projection; the view's places: {slots, counts, names} aligned with the markers
  function apply(gd, view, c) {
    var g = geometry(gd), tr = c.traces, v = c.vocabulary;
    if (!g || !view.places) { return null; }
    var get = {};
    view.values.forEach(function (entry) { if (entry[0] === tr.markers) { get[entry[1]] = entry[2]; } });
    var lon = get.lon, lat = get.lat, places = view.places, n = lon.length;
    var points = [];
    for (var k = 0; k < n; k++) {
      var xy = g.project([lon[k], lat[k]]) || [NaN, NaN];
      points.push({x: xy[0], y: xy[1], weight: places.counts[k], key: get["marker.color"][k]});
    }
    var sideName = {};
    v.actors.forEach(function (a) { sideName[v.actor_colours[a]] = v.actor_names[a]; });
    var m = {lon: [], lat: [], hovertext: [], "marker.color": [], "marker.symbol": [], "marker.size": [],
             "marker.line.color": [], text: []};
    var drawnGroups = [], candidates = [];
    function push(k, x, y) {   // one place as view.js made it
      m.lon.push(lon[k]); m.lat.push(lat[k]); m.hovertext.push(get.hovertext[k]);
      m["marker.color"].push(get["marker.color"][k]); m["marker.symbol"].push(get["marker.symbol"][k]);
      m["marker.size"].push(get["marker.size"][k]); m["marker.line.color"].push(get["marker.line.color"][k]);
      m.text.push("");
      drawnGroups.push([places.slots[k]]);
      candidates.push({x: x, y: y - get["marker.size"][k] / 2, weight: places.counts[k], name: places.names[k]});
    }
    group(points, CLUSTER_PX).forEach(function (grp) {
      if (grp.members.length === 1) {
        var k = grp.members[0];
        if (isFinite(points[k].x)) { push(k, points[k].x, points[k].y); }
        return;
      }
      // per side, side by side around the group's centre of weight
      var bySide = {}, keys = [], cx = 0, cy = 0, total = 0;
      grp.members.forEach(function (k) {
        var key = points[k].key;
        if (!bySide[key]) { bySide[key] = []; keys.push(key); }
        bySide[key].push(k);
        cx += points[k].x * places.counts[k]; cy += points[k].y * places.counts[k]; total += places.counts[k];
      });
      cx /= total; cy /= total;
      // a side's one place stays where it is (its marker, its click to the place's claims); a side's several
      // places are one circle, the sides' circles side by side around the group's centre of weight
      keys.filter(function (key) { return bySide[key].length === 1; }).forEach(function (key) {
        var k = bySide[key][0];
        push(k, points[k].x, points[k].y);
      });
      keys = keys.filter(function (key) { return bySide[key].length > 1; });
      var sizes = keys.map(function (key) { return sizeOf(bySide[key].length); });
      var span = sizes.reduce(function (a, b) { return a + b; }, 0), x = cx - span / 2;
      keys.forEach(function (key, s) {
        var members = bySide[key].slice().sort(function (a, b) { return places.counts[b] - places.counts[a] || a - b; });
        var size = sizes[s], at = [x + size / 2, cy];
        x += size;
        var where = keys.length > 1 ? g.project.invert(at) : null;
        if (keys.length > 1 && !where) { return; }
        var claims = members.reduce(function (sum, k) { return sum + places.counts[k]; }, 0);
        var side = sideName[key] || "";
        var lines = members.slice(0, MEMBERS_LISTED).map(function (k) {
          return escapeHtml(places.names[k]) + " (" + places.counts[k] + ")";
        });
        if (members.length > MEMBERS_LISTED) { lines.push("and " + (members.length - MEMBERS_LISTED) + " more"); }
        var head = "<b>" + members.length + (members.length === 1 ? " place" : " places") + "</b>" +
          (side ? ", " + (view.mode === "control" ? "claimed held by " : "latest claim by ") + side : "");
        m.lon.push(where ? where[0] : members.reduce(function (a, k) { return a + lon[k] * places.counts[k]; }, 0) / claims);
        m.lat.push(where ? where[1] : members.reduce(function (a, k) { return a + lat[k] * places.counts[k]; }, 0) / claims);
        m.hovertext.push(head + "<br>" + lines.join("<br>") + "<br>" + claims + " claims in view" +
          "<br><i>Zoom in to see them apart</i>");
        m["marker.color"].push(key); m["marker.symbol"].push("circle"); m["marker.size"].push(size);
        m["marker.line.color"].push("white"); m.text.push(String(members.length));
        drawnGroups.push(members.map(function (k) { return places.slots[k]; }));
        candidates.push({x: at[0], y: at[1] - size / 2, weight: claims, name: places.names[members[0]]});
      });
    });
    candidates.forEach(function (cand) {
      cand.width = textWidth(cand.name);
      cand.height = NAME_FONT_PX * 1.25;
      cand.y -= 2;   // plotly writes a text-only point's name a few pixels above it
    });
    var circles = candidates.map(function (cand, k) {
      var r = m["marker.size"][k] / 2;
      return [cand.x - r, cand.y + 2, cand.x + r, cand.y + 2 + 2 * r];   // its top: 2 px under the name
    });
    var named = placeNames(candidates, g.frame, Math.max(MAX_NAMES, v.label_count), circles);
    var labels = {lon: [], lat: [], text: []};
    named.forEach(function (k) {
      var where = g.project.invert([candidates[k].x, candidates[k].y]);
      if (!where) { return; }
      labels.lon.push(where[0]); labels.lat.push(where[1]); labels.text.push(escapeHtml(candidates[k].name));
    });
    var values = view.values.filter(function (entry) { return entry[0] !== tr.markers && entry[0] !== tr.labels; });
    Object.keys(m).forEach(function (name) { values.push([tr.markers, name, m[name]]); });
    values.push([tr.labels, "lon", labels.lon], [tr.labels, "lat", labels.lat], [tr.labels, "text", labels.text]);
    // what was drawn, and the places it was made from (view.js's values, the twin of dashboard/query): tests
    var names = view.values.filter(function (e) { return e[0] === tr.labels && e[1] === "text"; })[0];
    zoomOnClick(gd);
    gd.__conflictClusters = {key: g.key, groups: drawnGroups, places: n, slots: places.slots, trace: tr.markers,
                             input: {lon: lon, lat: lat, color: get["marker.color"], symbol: get["marker.symbol"],
                                     size: get["marker.size"], labels: names ? names[2] : []}};
    return {values: values, title: view.title, extent: view.extent, projection: g.key};
  }

  // a click on a cluster zooms in on it, twice as close (a place's own marker opens its claims: the server's)
  function zoomOnClick(gd) {
    if (gd.__conflictClusterClick || typeof gd.on !== "function") { return; }
    gd.__conflictClusterClick = true;
    gd.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0], drawn = gd.__conflictClusters;
      if (!point || !drawn || point.curveNumber !== drawn.trace) { return; }
      var group = drawn.groups[point.pointNumber];
      if (!group || group.length < 2 || !window.Plotly) { return; }
      var scale = (gd._fullLayout.geo.projection || {}).scale || 1;
      window.Plotly.relayout(gd, {"geo.center.lon": point.lon, "geo.center.lat": point.lat,
                                  "geo.projection.scale": scale * 2});
    });
  }

  window.conflictClusters = {group: group, placeNames: placeNames, apply: apply, geometry: geometry};
})();
