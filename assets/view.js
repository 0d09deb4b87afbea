/* The map's view, computed in the browser: slider steps, play ticks and filters redraw the map with no server
   round trip. The events come once, as compact columns (dashboard/render/columns.py); this file is the browser's twin
   of dashboard/query/index.py and figures.py (mask, oblast_tallies, marker_state, marker_fields, label_slots, view_title) and of
   ViewState.to_query (dashboard/query/state.py); tests/test_view_twin.py runs this under Node for a table of views and
   checks it gives the Python values (seconds), tests/browser/test_scrubbing.py the same in Chromium.
   Only what changed since the last drawn view is restyled, in one Plotly.update (one redraw). */
(function () {
  "use strict";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var SETTLE_MS = 250;          // the table, tally and text follow once the view rests this long (not while playing)
  var prepared = null;          // typed arrays of the current columns (per data version)
  var drawn = {};               // the values last drawn, per attribute, to restyle only what changed
  var pending = null;           // a view waiting for the graph to exist
  var settleTimer = null;
  var settledCount = 0;
  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 600px)") : {matches: false};
  var ids = {};                 // the page's element ids (map, day, settled), sent by the server with the columns

  function dayDate(number) { return new Date(number * 86400000); }
  function dayLabel(number) {
    var d = dayDate(number);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function dayIso(number) { return dayDate(number).toISOString().slice(0, 10); }
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function prepare(columns) {
    if (prepared && prepared.version === columns.version) { return prepared; }
    if (columns.packed) { columns = window.conflictColumns.unpack(columns); }   // the published page's events
    prepared = {   // typed copies (the constructor: a fast copy of lists and typed arrays; .from iterates)
      version: columns.version, c: columns,
      day: new Int32Array(columns.day), actor: new Int8Array(columns.actor),
      action: new Int8Array(columns.action), oblast: new Int16Array(columns.oblast),
      sign: new Int8Array(columns.sign), flags: new Int8Array(columns.flags), slot: new Int32Array(columns.slot),
      said: new Int32Array(columns.said), claimant: new Int32Array(columns.claimant || [])
    };
    drawn = {};   // another data version: everything is drawn afresh
    ids = columns.ids || {};
    return prepared;
  }

  // the first row after the last event on or before `day` (rows are sorted by day)
  function upperBound(days, value) {
    var lo = 0, hi = days.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (days[mid] <= value) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  // more: the controls of issue 25 as Dash gives them ({mode, contested, country}); absent: from the URL
  function stateOf(c, day, window_, recent, actors, actions, confirmed, oblast, search, more) {
    var params = new URLSearchParams(search || ""), extra = more || {}, v = c.vocabulary;
    var mode = v.modes.indexOf(extra.mode) >= 0 ? extra.mode :
      v.modes.indexOf(params.get("mode")) >= 0 ? params.get("mode") : null;
    var contested = Number(extra.contested || params.get("contested") || v.default_contested_days);
    if (!(contested >= 1 && contested <= 365 && contested === Math.floor(contested))) {
      contested = v.default_contested_days;
    }
    var shown = day === null || day === undefined ? c.last_day : Math.min(Math.max(day, c.first_day), c.last_day);
    return {
      day: shown, window: window_ === "recent" ? "recent" : "all",
      recent: recent || c.vocabulary.default_recent_days,
      actors: c.vocabulary.actors.filter(function (a) { return (actors || []).indexOf(a) >= 0; }),
      actions: c.vocabulary.actions.filter(function (a) { return (actions || []).indexOf(a) >= 0; }),
      confirmed: (confirmed || []).indexOf("1") >= 0, oblast: oblast || null,
      ukraineOnly: extra.country ? extra.country.indexOf("UA") >= 0 : params.get("country") === "UA",
      embed: params.get("embed") === "1", mode: mode, contested: contested,
      fit: extra.fit ? extra.fit.indexOf("1") >= 0 : params.get("fit") !== "0",
      // who said it: the claimants the data has, in its (sorted) order; none: anyone (state.py's said)
      said: (c.claimant_names || []).filter(function (name) {
        return (extra.said || (params.get("said") || "").split("|")).indexOf(name) >= 0;
      }),
      view: ["desk", "reader"].indexOf(params.get("view")) >= 0 ? params.get("view") : null
    };
  }

  // the "said by" filter per claimant position (null: anyone), as EventIndex.mask; timeline.js uses it too
  function saidFilter(c, s) {
    if (!s.said || !s.said.length) { return null; }
    return Uint8Array.from(c.claimant_names, function (name) { return s.said.indexOf(name) >= 0 ? 1 : 0; });
  }

  // one pass over the rows in view (a contiguous run of days, then the filters: figures.EventIndex.mask),
  // counting per oblast (the choropleth) and per place (the markers), with no list of rows in between
  function countView(p, s) {
    var c = p.c, v = c.vocabulary, last = s.day - c.first_day;
    var end = upperBound(p.day, last);
    var start = s.window === "recent" ? upperBound(p.day, last - s.recent) : 0;
    var actorOk = v.actors.map(function (a) { return s.actors.indexOf(a) >= 0; });
    var actionOk = v.actions.map(function (a) { return s.actions.indexOf(a) >= 0; });
    var struck = v.actions.indexOf("struck"), repelled = v.actions.indexOf("repelled"), n = c.oblasts.length;
    var saidOk = saidFilter(c, s);
    var t = {balance: new Int32Array(n), claims: new Int32Array(n), strikes: new Int32Array(n),
             held: new Int32Array(n), latest: new Int32Array(c.slot_lon.length).fill(-1),
             counts: new Int32Array(c.slot_lon.length)};
    for (var i = start; i < end; i++) {
      if (!actorOk[p.actor[i]] || !actionOk[p.action[i]]) { continue; }
      if (s.confirmed && (p.flags[i] & 1)) { continue; }
      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }
      if (saidOk && !saidOk[p.claimant[i]]) { continue; }
      var o = p.oblast[i], slot = p.slot[i];
      if (o >= 0) {
        if (p.sign[i] !== 0) { t.balance[o] += p.sign[i]; t.claims[o] += 1; }
        if (p.action[i] === struck) { t.strikes[o] += 1; }
        if (p.action[i] === repelled) { t.held[o] += 1; }
      }
      if (slot >= 0) { t.counts[slot] += 1; t.latest[slot] = i; }   // rows are in order: the last is the latest
    }
    return t;
  }

  function signed(n) { return n >= 0 ? "+" + n : String(n); }

  function oblastView(p, s, t) {
    var c = p.c, balance = Array.from(t.balance), claims = t.claims, strikes = t.strikes, held = t.held;
    var hover = c.oblasts.map(function (code, k) {
      var net = balance[k];
      var toward = net > 0 ? "toward Ukraine" : net < 0 ? "toward Russia" : "no net change";
      return "<b>" + c.oblast_names[k] + "</b><br>net " + signed(net) + " (" + toward + ")<br>" + claims[k] +
        " control claims · " + strikes[k] + " strikes · " + held[k] + " attacks repelled";
    });
    var width = c.oblasts.map(function (code) { return code === s.oblast ? 3 : 0.6; });
    return {z: balance, hover: hover, width: width};
  }

  function markerView(p, t) {
    var c = p.c, v = c.vocabulary, n = c.slot_lon.length, latest = t.latest, counts = t.counts;
    // at most marker_limit places marked: most claims first, then the newest (figures.marker_state)
    var shownSlots = [];
    for (var k = 0; k < n; k++) { if (latest[k] >= 0) { shownSlots.push(k); } }
    var leftOut = Math.max(0, shownSlots.length - v.marker_limit);
    if (leftOut) {
      shownSlots.sort(function (a, b) { return counts[b] - counts[a] || latest[b] - latest[a]; });
      shownSlots.slice(v.marker_limit).forEach(function (k) { latest[k] = -1; counts[k] = 0; });
    }
    // only the places marked go to the map (hundreds), not every place of the data (thousands)
    var m = {lon: [], lat: [], hover: [], color: [], symbol: [], size: [], line: [], latest: latest,
             counts: counts, leftOut: leftOut};
    for (var slot = 0; slot < n; slot++) {
      var row = latest[slot];
      if (row < 0) { continue; }
      var colour = v.actor_colours[v.actors[p.actor[row]]], doubtful = (p.flags[row] & 1) === 1;
      var symbol = v.action_symbols[v.actions[p.action[row]]];
      m.lon.push(c.slot_lon[slot]);
      m.lat.push(c.slot_lat[slot]);
      m.hover.push(markerHover(p, slot, row, counts[slot]));
      m.color.push(colour);
      m.symbol.push(doubtful ? symbol + "-open" : symbol);
      m.size.push(11 + Math.min(counts[slot], 10) * 0.8);
      m.line.push(doubtful ? colour : "white");
    }
    return m;
  }

  // the hover of a place's marker: its latest claim in view (the sentence is in the table, one click away)
  function markerHover(p, slot, row, count) {
    var c = p.c, v = c.vocabulary, oblast = c.slot_oblast[slot];
    var said = p.said[row] >= 0 ? c.attributions[p.said[row]] : "not stated";
    var text = "<b>" + escapeHtml(c.slot_name[slot]) + "</b>" + (oblast >= 0 ? " (" + c.oblast_names[oblast] + ")" : "") +
      "<br>" + dayLabel(c.first_day + p.day[row]) + " · " + v.actor_names[v.actors[p.actor[row]]] + " " +
      v.action_labels[v.actions[p.action[row]]] + "<br>Said by: " + escapeHtml(said) +
      ((p.flags[row] & 1) ? " · <i>unconfirmed or hedged</i>" : "");
    var reviewed = c.reviewed && c.reviewed.length ? c.reviewed[row] : -1;   // the desk's review state
    if (reviewed >= 0) { text += "<br>Review: " + escapeHtml(c.review_states[reviewed]); }
    if (count > 1) { text += "<br><i>+" + (count - 1) + " earlier claim(s) at this place in view</i>"; }
    return text;
  }

  // LABEL_SPACING (figures.py) fits the page's map, about this wide in pixels; a smaller map (a phone, an iframe)
  // shows a degree in fewer pixels, so its names are spaced more degrees apart
  var LABEL_MAP_PX = 700;
  var mapWidth = 0;   // the map's width in pixels, measured once per size of the window (not on every step)
  window.addEventListener("resize", function () { mapWidth = 0; });
  function labelSpread() {
    // pixels per degree of longitude as drawn (the geo frame over the window it shows, fitted or whole) against
    // those of the page's map of the whole country: fewer pixels a degree, names spaced more degrees apart; a
    // map zoomed in keeps LABEL_SPACING (its names are further apart on screen, never closer)
    var gd = graphDiv(), geo = gd && gd.layout && gd.layout.geo, country = gd && gd.layout.meta && gd.layout.meta.country;
    if (!mapWidth) {
      var frame = ids.map && document.querySelector("#" + ids.map + " .geo, #" + ids.map + " .geolayer");
      mapWidth = frame ? frame.getBoundingClientRect().width : 0;
    }
    if (!(mapWidth > 0)) { return 1; }
    var shown = geo && geo.lonaxis && geo.lonaxis.range ? geo.lonaxis.range[1] - geo.lonaxis.range[0] : 0;
    var whole = country ? country[0][1] - country[0][0] : shown;
    if (!(shown > 0 && whole > 0)) { return Math.max(1, LABEL_MAP_PX / mapWidth); }
    return Math.max(1, (LABEL_MAP_PX / whole) / (mapWidth / shown));
  }
  function labelSlots(p, counts) {
    var c = p.c, v = c.vocabulary, slots = [], spread = labelSpread();
    for (var s = 0; s < counts.length; s++) { if (counts[s] > 0) { slots.push(s); } }
    slots.sort(function (a, b) { return counts[b] - counts[a] || a - b; });
    var chosen = [];
    for (var k = 0; k < slots.length && chosen.length < v.label_count; k++) {
      var slot = slots[k];
      var near = chosen.some(function (o) {
        return Math.abs(c.slot_lon[slot] - c.slot_lon[o]) < v.label_spacing[0] * spread &&
          Math.abs(c.slot_lat[slot] - c.slot_lat[o]) < v.label_spacing[1] * spread;
      });
      if (!near) { chosen.push(slot); }
    }
    return chosen;
  }

  function viewTitle(c, s, leftOut, heading) {
    var v = c.vocabulary, span;
    if (s.window === "recent") {
      var first = dayDate(s.day - s.recent + 1);
      span = first.getUTCDate() + " " + MONTHS[first.getUTCMonth()] + " – " + dayLabel(s.day);
    } else {
      span = "up to " + dayLabel(s.day);
    }
    var filters = [];
    if (s.actors.length !== v.actors.length) {
      filters.push(s.actors.length ? "claims by " + s.actors.map(function (a) { return v.actor_names[a]; }).join(" and ")
        : "no side selected");
    }
    if (s.actions.length !== v.actions.length) { filters.push("actions: " + (s.actions.join(", ") || "none")); }
    if (s.confirmed) { filters.push("unconfirmed and hedged claims hidden"); }
    if (s.said.length) { filters.push("said by " + s.said.map(escapeHtml).join(" or ")); }
    if (leftOut) { filters.push(leftOut.toLocaleString("en-GB") + " places with fewer claims not marked"); }
    return "<b>" + (heading || "Territorial claims in news reports") + "</b>, " + span +
      (filters.length ? "<br><sup>" + filters.join("; ") + "</sup>" : "");
  }

  // ViewState.to_query: the parameters in the same order, defaults left out
  function toQuery(c, s) {
    var v = c.vocabulary, parts = ["date=" + dayIso(s.day)];
    if (s.window !== "all") { parts.push("window=" + s.window); }
    if (s.window === "recent" || s.recent !== v.default_recent_days) { parts.push("days=" + s.recent); }
    if (s.actors.length !== v.actors.length) { parts.push("actors=" + s.actors.join(",")); }
    if (s.actions.length !== v.actions.length) { parts.push("actions=" + s.actions.join(",")); }
    if (s.confirmed) { parts.push("confirmed=1"); }
    if (s.oblast) { parts.push("oblast=" + s.oblast); }
    if (s.ukraineOnly) { parts.push("country=UA"); }
    if (s.embed) { parts.push("embed=1"); }
    if (s.view) { parts.push("view=" + s.view); }   // the review view (state.py)
    if (s.mode && s.mode !== autoMode(c)) { parts.push("mode=" + s.mode); }   // the span's default left out
    if (s.contested !== v.default_contested_days) { parts.push("contested=" + s.contested); }
    if (!s.fit) { parts.push("fit=0"); }
    if (s.said.length) { parts.push("said=" + s.said.map(formEncode).join("|")); }
    return "?" + parts.join("&");
  }
  // Python's urlencode (quote_plus, with "," and "|" kept as they are)
  function formEncode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (ch) {
      return "%" + ch.charCodeAt(0).toString(16).toUpperCase();
    }).replace(/%20/g, "+").replace(/%2C/g, ",").replace(/%7C/g, "|");
  }

  // everything drawn for a view: [trace, attribute, value] (figures.view_update)
  // the view in the mode it is shown in, fitted to the claims unless the whole country is asked for
  function viewValues(p, s, selectedRows) {
    var control = shownMode(p.c, s) === "control", tr = p.c.traces;
    var view = control ? controlValues(p, s, selectedRows) : claimsValues(p, s, selectedRows);
    view.extent = s.fit ? fitExtent(p, s) : null;
    // the legend of the mode drawn (figure.legend_visibility), in the figure and in the compact legend below it
    (tr.legend_claims || []).forEach(function (k) { view.values.push([k, "visible", !control]); });
    (tr.legend_control || []).forEach(function (k) { view.values.push([k, "visible", control]); });
    view.mode = control ? "control" : "claims";
    return view;
  }

  // figures.fit_extent: every claim with a point the filters keep, on any day (the frame stays still while the
  // slider moves); once per filters, not per step
  var fitted = {key: null, extent: null};
  function fitExtent(p, s) {
    var c = p.c, v = c.vocabulary, saidOk = saidFilter(c, s);
    var key = [p.version, s.actors, s.actions, s.confirmed, s.ukraineOnly, s.said.join("|")].join("|");
    if (fitted.key === key) { return fitted.extent; }
    var actorOk = v.actors.map(function (a) { return s.actors.indexOf(a) >= 0; });
    var actionOk = v.actions.map(function (a) { return s.actions.indexOf(a) >= 0; });
    var w = Infinity, e = -Infinity, so = Infinity, n = -Infinity;
    for (var i = 0; i < p.day.length; i++) {
      var slot = p.slot[i];
      if (slot < 0 || !actorOk[p.actor[i]] || !actionOk[p.action[i]]) { continue; }
      if (s.confirmed && (p.flags[i] & 1)) { continue; }
      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }
      if (saidOk && !saidOk[p.claimant[i]]) { continue; }
      var x = c.slot_lon[slot], y = c.slot_lat[slot];
      if (x < w) { w = x; } if (x > e) { e = x; } if (y < so) { so = y; } if (y > n) { n = y; }
    }
    fitted = {key: key, extent: w === Infinity ? null : fitRanges(w, e, so, n, v.fit)};
    return fitted.extent;
  }
  function fitRanges(w, e, s, n, fit) {
    function mercator(lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 180 / 2)); }
    function latitude(y) { return (2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180 / Math.PI; }
    function round(x) { return Math.round(x * 100) / 100; }
    var lonSpan = Math.max(e - w + 2 * fit.margin, fit.min_span[0]), low = s - fit.margin, high = n + fit.margin;
    if (high - low < fit.min_span[1]) {
      var l = (low + high - fit.min_span[1]) / 2, h = (low + high + fit.min_span[1]) / 2;
      low = l; high = h;
    }
    var width = lonSpan * Math.PI / 180, bottom = mercator(low), top = mercator(high);
    if (width < (top - bottom) * fit.aspect) {
      width = (top - bottom) * fit.aspect;
    } else {
      var middle = (bottom + top) / 2;
      low = latitude(middle - width / fit.aspect / 2);
      high = latitude(middle + width / fit.aspect / 2);
    }
    var centre = (w + e) / 2, half = width * 180 / Math.PI / 2;
    return [[round(centre - half), round(centre + half)], [round(low), round(high)]];
  }

  function claimsValues(p, s, selectedRows) {
    var c = p.c, t = countView(p, s), o = oblastView(p, s, t), m = markerView(p, t), tr = c.traces;
    var labels = labelSlots(p, m.counts);
    var selected = selectedRows && selectedRows[0] && typeof selectedRows[0].slot === "number" ?
      selectedRows[0].slot : -1;
    var ring = selected >= 0 && selected < c.slot_lon.length;
    return {
      values: [
        [tr.oblasts, "z", o.z], [tr.oblasts, "hovertext", o.hover], [tr.oblasts, "marker.line.width", o.width],
        [tr.markers, "lon", m.lon], [tr.markers, "lat", m.lat], [tr.markers, "hovertext", m.hover],
        [tr.markers, "marker.color", m.color], [tr.markers, "marker.symbol", m.symbol],
        [tr.markers, "marker.size", m.size], [tr.markers, "marker.line.color", m.line],
        [tr.highlight, "lon", ring ? [c.slot_lon[selected]] : []],
        [tr.highlight, "lat", ring ? [c.slot_lat[selected]] : []],
        [tr.labels, "lon", labels.map(function (k) { return c.slot_lon[k]; })],
        [tr.labels, "lat", labels.map(function (k) { return c.slot_lat[k]; })],
        [tr.labels, "text", labels.map(function (k) { return escapeHtml(c.slot_name[k]); })],
        [tr.oblasts, "colorbar.title.text", c.vocabulary.colour_titles.claims],
        [tr.oblasts, "colorbar.ticktext", netTicks(c)]
      ],
      title: viewTitle(c, s, m.leftOut)
    };
  }

  function netTicks(c) { return ["\u2212" + c.colour_limit + " Russia", "0", "+" + c.colour_limit + " Ukraine"]; }

  // ---- claimed control (dashboard/query/control.py, dashboard/render/control_map.py): who the latest claim says holds each
  // place as of the day, hollow when hedged, crossed when the sides' latest claims disagree within N days
  function autoMode(c) { return c.last_day - c.first_day > c.vocabulary.auto_control_span_days ? "control" : "claims"; }
  function shownMode(c, s) { return s.mode || autoMode(c); }

  function holders(p) {   // per row: the side the claim says holds its place afterwards (-1: none), once per data
    if (p.holder) { return p.holder; }
    var v = p.c.vocabulary, sides = v.actors.length, byAction = v.actions.map(function (a) {
      return v.holds_after[a] || null;   // the vocabulary's holds_after (dashboard/vocabulary.py)
    });
    p.holder = new Int8Array(p.action.length);
    for (var i = 0; i < p.action.length; i++) {
      var who = byAction[p.action[i]];
      p.holder[i] = who === "actor" ? p.actor[i] : who === "other" ? sides - 1 - p.actor[i] : -1;
    }
    return p.holder;
  }

  function controlView(p, s) {
    var c = p.c, v = c.vocabulary, last = s.day - c.first_day, holder = holders(p);
    var end = upperBound(p.day, last);
    var start = s.window === "recent" ? upperBound(p.day, last - s.recent) : 0;
    var actorOk = v.actors.map(function (a) { return s.actors.indexOf(a) >= 0; });
    var actionOk = v.actions.map(function (a) { return s.actions.indexOf(a) >= 0; });
    var n = c.slot_lon.length, sides = v.actors.length, saidOk = saidFilter(c, s);
    var t = {latest: new Int32Array(n).fill(-1), counts: new Int32Array(n), side: [], holder: new Int8Array(n).fill(-1),
             contested: new Uint8Array(n), other: new Int32Array(n).fill(-1),
             held: new Int32Array(c.oblasts.length * sides), oblastContested: new Int32Array(c.oblasts.length)};
    for (var a = 0; a < sides; a++) { t.side.push(new Int32Array(n).fill(-1)); }
    for (var i = start; i < end; i++) {
      var slot = p.slot[i];
      if (slot < 0 || holder[i] < 0 || !actorOk[p.actor[i]] || !actionOk[p.action[i]]) { continue; }
      if (s.confirmed && (p.flags[i] & 1)) { continue; }
      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }
      if (saidOk && !saidOk[p.claimant[i]]) { continue; }
      t.latest[slot] = i; t.counts[slot] += 1; t.side[p.actor[i]][slot] = i;
    }
    for (var k = 0; k < n; k++) {
      var row = t.latest[k];
      if (row < 0) { continue; }
      t.holder[k] = holder[row];
      var ua = t.side[0][k], ru = t.side[1][k];
      if (ua >= 0 && ru >= 0 && holder[ua] !== holder[ru] && Math.abs(p.day[ua] - p.day[ru]) <= s.contested) {
        t.contested[k] = 1;
        t.other[k] = row === ua ? ru : ua;
      }
      var o = c.slot_oblast[k];
      if (o >= 0) {
        t.held[o * sides + holder[row]] += 1;
        if (t.contested[k]) { t.oblastContested[o] += 1; }
      }
    }
    return t;
  }

  function controlHover(p, t, slot) {
    var c = p.c, v = c.vocabulary, row = t.latest[slot], oblast = p.oblast[row];
    var said = p.said[row] >= 0 ? c.attributions[p.said[row]] : "not stated";
    var text = "<b>" + escapeHtml(c.slot_name[slot]) + "</b>" + (oblast >= 0 ? " (" + c.oblast_names[oblast] + ")" : "") +
      "<br>Claimed held by " + v.actor_names[v.actors[t.holder[slot]]] + ": " + dayLabel(c.first_day + p.day[row]) +
      " · " + v.actor_names[v.actors[p.actor[row]]] + " " + v.action_labels[v.actions[p.action[row]]] +
      "<br>Said by: " + escapeHtml(said) + ((p.flags[row] & 1) ? " · <i>unconfirmed or hedged</i>" : "");
    var other = t.other[slot];
    if (other >= 0) {
      text += "<br><b>Contested</b>: " + dayLabel(c.first_day + p.day[other]) + " · " +
        v.actor_names[v.actors[p.actor[other]]] + " " + v.action_labels[v.actions[p.action[other]]];
    }
    return text;
  }

  function controlValues(p, s, selectedRows) {
    var c = p.c, v = c.vocabulary, t = controlView(p, s), sides = v.actors.length, limit = c.colour_limit;
    var tr = c.traces;
    var z = [], hover = [];
    c.oblasts.forEach(function (code, o) {
      var ua = t.held[o * sides], ru = t.held[o * sides + 1], total = ua + ru;
      z.push(total ? Math.round((ua - ru) / total * limit * 1e6) / 1e6 : 0);
      hover.push("<b>" + c.oblast_names[o] + "</b><br>claimed held: " + ua + " by Ukraine · " + ru + " by Russia" +
        (t.oblastContested[o] ? "<br>" + t.oblastContested[o] + " contested" : ""));
    });
    // at most marker_limit places: most claims of holding, then the newest (figures.marker_state)
    var shownSlots = [], n = c.slot_lon.length, latest = t.latest, counts = Int32Array.from(t.counts);
    for (var k = 0; k < n; k++) { if (latest[k] >= 0) { shownSlots.push(k); } }
    var leftOut = Math.max(0, shownSlots.length - v.marker_limit), marked = new Uint8Array(n);
    shownSlots.sort(function (a, b) { return counts[b] - counts[a] || latest[b] - latest[a]; });
    shownSlots.forEach(function (k, rank) { if (rank < v.marker_limit) { marked[k] = 1; } else { counts[k] = 0; } });
    var m = {lon: [], lat: [], hover: [], color: [], symbol: [], size: [], line: []};
    for (var slot = 0; slot < n; slot++) {
      if (!marked[slot]) { continue; }
      var colour = v.actor_colours[v.actors[t.holder[slot]]], hedged = (p.flags[latest[slot]] & 1) === 1;
      var symbol = t.contested[slot] ? "circle-x" : "circle";
      m.lon.push(c.slot_lon[slot]); m.lat.push(c.slot_lat[slot]); m.hover.push(controlHover(p, t, slot));
      m.color.push(colour); m.symbol.push(hedged ? symbol + "-open" : symbol);
      m.size.push(t.contested[slot] ? 13 : 10); m.line.push(hedged ? colour : "white");
    }
    var labels = labelSlots(p, counts);
    var selected = selectedRows && selectedRows[0] && typeof selectedRows[0].slot === "number" ?
      selectedRows[0].slot : -1;
    var ring = selected >= 0 && selected < n;
    return {
      values: [
        [tr.oblasts, "z", z], [tr.oblasts, "hovertext", hover],
        [tr.oblasts, "marker.line.width", c.oblasts.map(function (code) { return code === s.oblast ? 3 : 0.6; })],
        [tr.markers, "lon", m.lon], [tr.markers, "lat", m.lat], [tr.markers, "hovertext", m.hover], [tr.markers, "marker.color", m.color],
        [tr.markers, "marker.symbol", m.symbol], [tr.markers, "marker.size", m.size], [tr.markers, "marker.line.color", m.line],
        [tr.highlight, "lon", ring ? [c.slot_lon[selected]] : []], [tr.highlight, "lat", ring ? [c.slot_lat[selected]] : []],
        [tr.labels, "lon", labels.map(function (k) { return c.slot_lon[k]; })],
        [tr.labels, "lat", labels.map(function (k) { return c.slot_lat[k]; })],
        [tr.labels, "text", labels.map(function (k) { return escapeHtml(c.slot_name[k]); })],
        [tr.oblasts, "colorbar.title.text", v.colour_titles.control], [tr.oblasts, "colorbar.ticktext", v.control_ticks]
      ],
      title: viewTitle(c, s, leftOut, "Who claims to hold each place")
    };
  }

  function same(a, b) {
    if (a === b) { return true; }
    if (!a || !b || a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }

  function graphDiv() { return ids.map ? document.querySelector("#" + ids.map + " .js-plotly-plot") : null; }

  // phones and narrow iframes: the map takes the whole width and the colour bar gives way to the compact legend's
  // colour key below the map (layout.legend_compact), never over it; the title and credits give way to the page's
  // own text (assets/style.css). Wide again: as the figure was made.
  function fitToWidth(gd) {
    var narrow = NARROW.matches, embed = !!document.querySelector(".page.embed");
    if (gd.__narrow === narrow && gd.__embed === embed) { return; }
    if (!gd.__wide) {
      var title = gd.layout.title || {};
      gd.__wide = {domain: (gd.layout.geo.domain || {}).x, margin: Object.assign({}, gd.layout.margin),
                   title: {"title.yref": title.yref || "container", "title.y": title.y, "title.yanchor": title.yanchor,
                           "title.pad.b": (title.pad || {}).b || 0}};
    }
    gd.__narrow = narrow;
    gd.__embed = embed;
    mapWidth = 0;   // the map's width changes with its domain: the names' spacing is measured again
    var w = gd.__wide;
    // the embed has the compact legend under the map: the figure's own legend row goes, the map grows, and the
    // title sits right above the map in the room its lines take (titleRoom)
    var layout = narrow ? {"geo.domain.x": [0, 1], "margin.t": 6, "margin.b": 6, showlegend: false} :
      {"geo.domain.x": w.domain, "margin.t": w.margin.t, "margin.b": w.margin.b, showlegend: !embed};
    Object.assign(layout, w.title, embed && !narrow ? titleRoom(gd.layout.title.text) : {});
    window.Plotly.update(gd, {showscale: [!narrow]}, layout, [0]);
  }
  // the embed's title, right above the map: its first line hangs from the map's top (plotly.js keeps a title's
  // first line at its anchor and puts the <sup> lines of a filtered view under it), the room above the map its
  // lines' height. Hung from the frame's top instead (y 0.98 of the frame, anchored at its top), plotly lifted a
  // two-line title's first line out of the frame at 800x600.
  var TITLE_ASCENT = 18, TITLE_SUB_LINE = 13, TITLE_GAP = 6;
  function titleRoom(text) {
    var pad = TITLE_GAP + TITLE_SUB_LINE * (String(text || "").match(/<br>/g) || []).length;
    return {"title.yref": "paper", "title.y": 1, "title.yanchor": "bottom", "title.pad.b": pad,
            "margin.t": pad + TITLE_ASCENT};
  }
  if (NARROW.addEventListener) {
    NARROW.addEventListener("change", function () { var gd = graphDiv(); if (gd && gd._fullLayout) { fitToWidth(gd); } });
  }

  // one Plotly.update with only the attributes whose values differ from those drawn
  function draw(view) {
    var gd = graphDiv(), geo = gd && gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    // the graph is not drawn yet, or its base map is still on its way (plotly.js sets the subplot's topojson, null
    // until then; an update before it fetches the base map again, 45 KB each time): draw once it is
    if (!gd || !gd._fullLayout || !window.Plotly || (geo && geo.topojson === null)) {
      if (!pending) { setTimeout(function () { var v = pending; pending = null; draw(v); }, 30); }
      pending = view;
      return Promise.resolve(null);
    }
    fitToWidth(gd);
    if (window.conflictGeoBase) { window.conflictGeoBase.install(gd); }   // the base map kept between steps
    var update = {}, changed = false, traces = [];   // the traces a view updates, in the order of their indices
    view.values.forEach(function (entry) { if (traces.indexOf(entry[0]) < 0) { traces.push(entry[0]); } });
    traces.sort(function (a, b) { return a - b; });
    view.values.forEach(function (entry) {
      var key = entry[0] + ":" + entry[1];
      if (same(drawn[key], entry[2])) { return; }
      drawn[key] = entry[2];
      if (!update[entry[1]]) { update[entry[1]] = traces.map(function () { return undefined; }); }
      update[entry[1]][traces.indexOf(entry[0])] = entry[2];
      changed = true;
    });
    var layout = {};
    if (drawn.title !== view.title) {
      layout["title.text"] = view.title;
      drawn.title = view.title;
      changed = true;
      var room = gd.__embed && !gd.__narrow ? titleRoom(view.title) : null;
      if (room && gd.layout.margin.t !== room["margin.t"]) { Object.assign(layout, room); }   // lines come and go
    }
    // fitted to the claims, or the whole map (the figure's meta.country): the view moves only when this changes
    var country = gd.layout.meta && gd.layout.meta.country;
    var extent = view.extent || country, extentKey = JSON.stringify(extent);
    if (extent && drawn.extent !== extentKey) {
      layout["geo.lonaxis.range"] = extent[0];
      layout["geo.lataxis.range"] = extent[1];
      drawn.extent = extentKey;
      mapWidth = 0;   // the geo frame follows the window: measured again for the names' spacing
      changed = true;
    }
    return changed ? window.Plotly.update(gd, update, layout, traces) : Promise.resolve(gd);
  }

  window.conflictView = {dayLabel: dayLabel, toQuery: toQuery, stateOf: stateOf, viewValues: viewValues,
                         controlView: controlView, shownMode: shownMode, saidFilter: saidFilter,
                         prepare: prepare, draw: draw, current: function () { return prepared; }};

  // The slider's thumb draws the map as soon as it moves. Dash calls drawView too, but only after its own
  // dispatch of the new value (about 20 ms at 100,000 events); the thumb's aria-valuenow (the day number) changes
  // when the slider itself re-renders, before that. The map is drawn with the other controls as drawView last
  // saw them; when drawView comes, nothing differs from what is drawn and it only writes the label and the URL.
  var lastArgs = null;      // drawView's arguments: the controls as Dash last gave them
  var watchedThumb = null;
  function drawFromThumb(thumb) {
    var day = Number(thumb.getAttribute("aria-valuenow"));
    if (!lastArgs || !isFinite(day) || day === lastArgs[0]) { return; }
    var a = lastArgs.slice();
    a[0] = day;
    drawState(prepare(a[9]), stateOf(a[9], a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[10], a[11]), a[7]);
  }
  // the view drawn, as its query, data version and highlighted place: the same view is not computed twice
  var drawnView = null;
  function drawState(p, s, selectedRows) {
    var selected = selectedRows && selectedRows[0] ? selectedRows[0].slot : null;
    var key = toQuery(p.c, s) + "|" + p.version + "|" + selected;
    if (key === drawnView) { return; }
    drawnView = key;
    var view = viewValues(p, s, selectedRows), legend = document.querySelector(".legend-compact");
    draw(view);
    if (legend && legend.getAttribute("data-mode") !== view.mode) { legend.setAttribute("data-mode", view.mode); }
    if (window.conflictTimeline) { window.conflictTimeline.update(p, s); }   // the bars and ticks (timeline.js)
    if (window.conflictTable) { window.conflictTable.update(p, s); }   // the published page's table
  }
  var thumbWatch = typeof MutationObserver === "undefined" ? null : new MutationObserver(function (changes) {
    changes.forEach(function (change) { drawFromThumb(change.target); });
  });
  function watchThumb() {
    var thumb = document.querySelector("#" + ids.day + " [role=slider]");
    if (!thumbWatch || !thumb || thumb === watchedThumb) { return; }
    watchedThumb = thumb;
    thumbWatch.disconnect();
    thumbWatch.observe(thumb, {attributes: true, attributeFilter: ["aria-valuenow"]});
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    conflictView: {
      // controls -> the map redrawn here, the day's label, the query for the address bar
      drawView: function (day, window_, recent, actors, actions, confirmed, oblast, mode, contested, country, fit,
                          said, selectedRows, version, columns, search) {
        var noUpdate = window.dash_clientside.no_update;
        if (!columns || !columns.version) { return [noUpdate, noUpdate]; }
        var p = prepare(columns), more = {mode: mode, contested: contested, country: country || [],
                                      fit: fit || [], said: said || []};
        var s = stateOf(columns, day, window_, recent, actors, actions, confirmed, oblast, search, more);
        lastArgs = [day, window_, recent, actors, actions, confirmed, oblast, selectedRows, version, columns, search,
                    more];
        watchThumb();
        drawState(p, s, selectedRows);
        return [dayLabel(s.day), toQuery(columns, s)];
      },
      // the "said by" filter's value: the claimants ticked in its groups (by side), sorted as state.py sorts them
      mergeSaid: function () {
        var names = [];
        Array.prototype.forEach.call(arguments, function (group) { names = names.concat(group || []); });
        return names.filter(function (n, k) { return names.indexOf(n) === k; }).sort();
      },
      // the table, tally and text follow the view once it rests (a held key, a drag), and when play stops
      settle: function (day, window_, recent, actors, actions, confirmed, oblast, mode, contested, country, fit,
                        said, tickDisabled) {
        var noUpdate = window.dash_clientside.no_update;
        if (settleTimer) { clearTimeout(settleTimer); settleTimer = null; }
        if (tickDisabled === false) { return noUpdate; }
        if (settledCount === 0) { settledCount = 1; return settledCount; }   // the page opening: at once
        settleTimer = setTimeout(function () {
          settleTimer = null;
          settledCount += 1;
          window.dash_clientside.set_props(ids.settled, {data: settledCount});
        }, SETTLE_MS);
        return noUpdate;
      }
    }
  });
})();
