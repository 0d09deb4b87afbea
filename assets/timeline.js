/* The timeline that reads at any span (issue 25): ticks chosen for the slider's width in pixels (days, weeks,
   months, quarters, years: the finest whose labels do not touch), and a small bar chart of the claims per day,
   week or month by side right above the slider, following the filters (assets/view.js hands it each view).

   Dragging across the bars sets the window ("Only the last N days" ending on the day the drag ends); a click
   picks a day. The bars are a slider for the keyboard too: its value is the window's length in days; arrows
   lengthen or shorten it by a day, shift+arrows by one bar (a week or a month), Home a single bar, End
   everything up to the day. The window chosen is said in a polite live region once, not on every key.

   Pixels: Dash's slider puts day `min` at 8 px from its left edge and `max` 8 px from its right (half its
   thumb); the ticks and the bars use the same scale so that a bar sits above its day. */
(function () {
  "use strict";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var INSET = 8;          // px: half the slider's thumb (dash-slider-mark's "calc(p% + (8 - p*16)px)")
  var TICK_GAP = 10;      // px between two tick labels at least
  var BAR_HEIGHT = 34;    // px of the bar chart
  var MIN_BAR_PX = 3;     // a bar narrower than this: the next coarser bin
  var current = null;     // {p, s}: the columns and view last drawn
  var bins = null;        // the bar chart's counts, per filter key
  var announceTimer = null;
  var retry = null;

  function day(n) { return new Date(n * 86400000); }
  function dayText(n) { var d = day(n); return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }
  function shortDay(n) { var d = day(n); return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()]; }
  function monthStart(y, m) { return Math.floor(Date.UTC(y, m, 1) / 86400000); }

  // the candidate tick units, finest first: each lists its tick days in [lo, hi] and their labels
  function ticksOf(unit, lo, hi) {
    var out = [], first = day(lo), lastYear = null, d, y, m;
    function yearOnce(n, text) {   // the year on the first tick and where it changes
      var year = day(n).getUTCFullYear();
      var label = year !== lastYear ? text + " " + year : text;
      lastYear = year;
      return label;
    }
    if (unit === "day" || unit === "2 days" || unit === "week") {
      var start = lo, by = {day: 1, "2 days": 2, week: 7}[unit];
      if (unit === "week") { while (day(start).getUTCDay() !== 1) { start += 1; } }   // Mondays
      for (d = start; d <= hi; d += by) { out.push([d, yearOnce(d, shortDay(d))]); }
      return out;
    }
    var every = {month: 1, quarter: 3, year: 12, "2 years": 24}[unit];
    for (y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m += 1) {
      var n = monthStart(y, m);
      if (n > hi) { break; }
      var at = day(n), month = at.getUTCMonth(), year = at.getUTCFullYear();
      if (n < lo || (every >= 12 ? month !== 0 || (every === 24 && year % 2) : month % every)) { continue; }
      if (every >= 12) { out.push([n, String(year)]); }
      else { out.push([n, month === 0 ? String(year) : MONTHS[month], year]); }
    }
    // the year is said on January; with no January in view, on the first tick
    if (every < 12 && out.length && !out.some(function (t) { return t[1] === String(t[2]); })) {
      out[0][1] += " " + out[0][2];
    }
    return out;
  }
  var UNITS = ["day", "2 days", "week", "month", "quarter", "year", "2 years"];

  function scale(width, lo, hi) {
    var inner = Math.max(1, width - 2 * INSET);
    return function (n) { return INSET + (hi > lo ? (n - lo) / (hi - lo) : 0) * inner; };
  }

  var measureCtx = null;
  function textWidth(text, font) {
    if (!measureCtx) { measureCtx = document.createElement("canvas").getContext("2d"); }
    measureCtx.font = font;
    return measureCtx.measureText(text).width;
  }

  // the finest unit whose labels, centred on their days (and kept inside the row), leave TICK_GAP between them
  function chooseTicks(width, lo, hi, font) {
    var x = scale(width, lo, hi);
    for (var u = 0; u < UNITS.length; u++) {
      var ticks = ticksOf(UNITS[u], lo, hi), fits = true, right = -Infinity;
      if (ticks.length > width / 20 || ticks.length < 2) { continue; }   // too many to read, or too few
      for (var k = 0; k < ticks.length && fits; k++) {
        var w = textWidth(ticks[k][1], font) + 2, left = Math.min(Math.max(x(ticks[k][0]) - w / 2, 0), width - w);
        if (left < right + TICK_GAP) { fits = false; }
        right = left + w;
      }
      if (fits) { return {unit: UNITS[u], ticks: ticks}; }
    }
    return {unit: "none", ticks: [[lo, dayText(lo)]].concat(hi > lo ? [[hi, dayText(hi)]] : [])};
  }

  function drawTicks(holder, width, lo, hi) {
    var row = holder.querySelector(".timeline-ticks");
    var key = width + ":" + lo + ":" + hi;
    if (!row || !width || row.dataset.key === key) { return; }
    var font = getComputedStyle(row).font || "12px sans-serif";
    var chosen = chooseTicks(width, lo, hi, font), x = scale(width, lo, hi);
    row.dataset.key = key;
    row.dataset.unit = chosen.unit;
    row.textContent = "";
    chosen.ticks.forEach(function (tick) {
      var label = document.createElement("span");
      label.className = "timeline-tick";
      label.textContent = tick[1];
      row.appendChild(label);
      var w = label.getBoundingClientRect().width;
      label.style.left = Math.min(Math.max(x(tick[0]) - w / 2, 0), width - w) + "px";
    });
  }

  // bins of the bar chart: a day, a week (Mondays) or a month per bar, the finest at least MIN_BAR_PX wide
  function binning(width, lo, hi) {
    var perDay = Math.max(1, width - 2 * INSET) / Math.max(1, hi - lo + 1);
    if (perDay >= MIN_BAR_PX) { return {unit: "day", start: function (n) { return n; }, next: function (n) { return n + 1; }}; }
    if (perDay * 7 >= MIN_BAR_PX) {
      return {unit: "week", start: function (n) { return n - ((day(n).getUTCDay() + 6) % 7); },
              next: function (n) { return n + 7; }};
    }
    return {unit: "month", start: function (n) { var d = day(n); return monthStart(d.getUTCFullYear(), d.getUTCMonth()); },
            next: function (n) { var d = day(n); return monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1); }};
  }

  // claims per bin and side, with the view's filters but every day (one pass; again only when filters change)
  function count(p, s, bin) {
    var c = p.c, v = c.vocabulary, first = bin.start(c.first_day), byStart = {}, order = [];
    for (var n = first; n <= c.last_day; n = bin.next(n)) { byStart[n] = order.length; order.push(n); }
    var sides = v.actors.length, counts = new Int32Array(order.length * sides);
    var actorOk = v.actors.map(function (a) { return s.actors.indexOf(a) >= 0; });
    var actionOk = v.actions.map(function (a) { return s.actions.indexOf(a) >= 0; });
    var cache = {}, saidOk = window.conflictView.saidFilter(c, s);   // who said it (view.js)
    for (var i = 0; i < p.day.length; i++) {
      if (!actorOk[p.actor[i]] || !actionOk[p.action[i]]) { continue; }
      if (s.confirmed && (p.flags[i] & 1)) { continue; }
      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }
      if (saidOk && !saidOk[p.claimant[i]]) { continue; }
      var d = p.day[i] + c.first_day, k = cache[d];
      if (k === undefined) { k = cache[d] = byStart[bin.start(d)]; }
      counts[k * sides + p.actor[i]] += 1;
    }
    var most = 0;
    for (var b = 0; b < order.length; b++) {
      var total = 0;
      for (var a = 0; a < sides; a++) { total += counts[b * sides + a]; }
      most = Math.max(most, total);
    }
    return {starts: order, counts: counts, sides: sides, most: most, unit: bin.unit, bin: bin};
  }

  function drawBars(holder, width, p, s) {
    var canvas = holder.querySelector("canvas.timeline-bars");
    if (!canvas || !width) { return; }
    var c = p.c, lo = c.first_day, hi = c.last_day;
    var key = [p.version, width, s.actors, s.actions, s.confirmed, s.ukraineOnly, (s.said || []).join("|")].join("|");
    if (!bins || bins.key !== key) {
      bins = count(p, s, binning(width, lo, hi));
      bins.key = key;
    }
    var ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(BAR_HEIGHT * ratio);
      canvas.style.width = width + "px";
      canvas.style.height = BAR_HEIGHT + "px";
    }
    var ctx = canvas.getContext("2d"), x = scale(width, lo - 0.5, hi + 0.5), v = c.vocabulary;
    var windowFirst = s.window === "recent" ? s.day - s.recent + 1 : lo;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, BAR_HEIGHT);
    // the window in view: a pale band behind its bars
    ctx.fillStyle = "#e7e5e4";
    ctx.fillRect(x(Math.max(windowFirst, lo) - 0.5), 0, x(s.day + 0.5) - x(Math.max(windowFirst, lo) - 0.5), BAR_HEIGHT);
    for (var b = 0; b < bins.starts.length; b++) {
      var start = bins.starts[b], end = (b + 1 < bins.starts.length ? bins.starts[b + 1] : bins.bin.next(start)) - 1;
      var left = x(Math.max(start, lo) - 0.5), right = x(Math.min(end, hi) + 0.5);
      var inView = end >= windowFirst && start <= s.day, bottom = BAR_HEIGHT;
      for (var a = 0; a < bins.sides; a++) {
        var h = bins.most ? bins.counts[b * bins.sides + a] / bins.most * (BAR_HEIGHT - 2) : 0;
        if (h <= 0) { continue; }
        ctx.globalAlpha = inView ? 1 : 0.35;
        ctx.fillStyle = v.actor_colours[v.actors[a]];
        ctx.fillRect(left + 0.5, bottom - h, Math.max(1, right - left - 1), h);
        bottom -= h;
      }
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = "#1c1917";   // the day shown
    ctx.fillRect(Math.round(x(s.day)) - 1, 0, 2, BAR_HEIGHT);
  }

  function windowText(s, lo) {
    if (s.window !== "recent") { return "Everything up to " + dayText(s.day); }
    var first = Math.max(lo, s.day - s.recent + 1);
    return dayText(first) + " to " + dayText(s.day) + " (" + s.recent + (s.recent === 1 ? " day)" : " days)");
  }

  function describe(holder, p, s) {
    var bars = holder.querySelector(".timeline-bars-frame");
    if (!bars) { return; }
    var span = p.c.last_day - p.c.first_day + 1;
    bars.setAttribute("aria-valuemin", "1");
    bars.setAttribute("aria-valuemax", String(Math.max(1, span)));
    bars.setAttribute("aria-valuenow", String(s.window === "recent" ? Math.min(s.recent, span) : span));
    bars.setAttribute("aria-valuetext", windowText(s, p.c.first_day) + "; claims per " + (bins ? bins.unit : "day"));
  }

  function update(p, s) {
    current = {p: p, s: s};
    var holder = document.querySelector(".slider");
    if (!holder) { return; }
    // the bars and ticks span the slider's own box (the wrapper has padding on phones)
    var root = holder.querySelector(".dash-slider-root");
    if (!root) {   // the slider's own chunk not drawn yet (it loads after the map's first view): once it is
      if (!retry) { retry = setTimeout(function () { retry = null; if (current) { update(current.p, current.s); } }, 100); }
      return;
    }
    var outer = holder.getBoundingClientRect(), inner = root.getBoundingClientRect(), width = Math.round(inner.width);
    var offset = Math.round(inner.left - outer.left - holder.clientLeft) + "px";
    holder.querySelectorAll(".timeline-bars-frame, .timeline-ticks").forEach(function (el) {
      if (el.style.marginLeft !== offset) { el.style.marginLeft = offset; }
      if (el.style.width !== width + "px") { el.style.width = width + "px"; }
    });
    holder.classList.add("ticks-drawn");
    drawTicks(holder, width, p.c.first_day, p.c.last_day);
    drawBars(holder, width, p, s);
    describe(holder, p, s);
  }

  function setProps(id, props) {
    if (window.dash_clientside && window.dash_clientside.set_props) { window.dash_clientside.set_props(id, props); }
  }

  // a window of days [first, last] (clamped to the timeline); all: everything up to `last`
  function setWindow(first, last, all) {
    if (!current) { return; }
    var c = current.p.c;
    last = Math.min(Math.max(last, c.first_day), c.last_day);
    first = Math.min(Math.max(first, c.first_day), last);
    setProps("day", {value: last});
    if (all) {
      setProps("window", {value: "all"});
    } else {
      setProps("recent-days", {value: last - first + 1});
      setProps("window", {value: "recent"});
    }
    var s = Object.assign({}, current.s, {day: last, window: all ? "all" : "recent", recent: last - first + 1});
    announce("Window: " + windowText(s, c.first_day));
  }

  function announce(text) {
    var region = document.getElementById("timeline-announce");
    if (!region) { return; }
    if (announceTimer) { clearTimeout(announceTimer); }
    announceTimer = setTimeout(function () { region.textContent = text; announceTimer = null; }, 400);
  }

  function dayAt(frame, clientX) {
    var c = current.p.c, rect = frame.getBoundingClientRect();
    var frac = (clientX - rect.left - INSET) / Math.max(1, rect.width - 2 * INSET);
    return Math.round(c.first_day + Math.min(Math.max(frac, 0), 1) * (c.last_day - c.first_day));
  }

  function install() {
    var frame = document.querySelector(".timeline-bars-frame");
    if (!frame || frame.__installed) { return; }
    frame.__installed = true;
    var holder = frame.closest(".slider"), from = null, band = frame.querySelector(".timeline-drag");
    frame.addEventListener("pointerdown", function (e) {
      if (!current) { return; }
      from = {x: e.clientX, day: dayAt(frame, e.clientX)};
      frame.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    frame.addEventListener("pointermove", function (e) {
      if (!from || !band) { return; }
      var rect = frame.getBoundingClientRect(), a = Math.min(from.x, e.clientX), b = Math.max(from.x, e.clientX);
      band.style.left = (a - rect.left) + "px";
      band.style.width = (b - a) + "px";
      band.hidden = false;
    });
    function finish(e) {
      if (!from) { return; }
      var to = dayAt(frame, e.clientX), start = from;
      from = null;
      if (band) { band.hidden = true; }
      if (Math.abs(e.clientX - start.x) < 4) {   // a click: that day, the window as it is
        setProps("day", {value: to});
        return;
      }
      setWindow(Math.min(start.day, to), Math.max(start.day, to), false);
    }
    frame.addEventListener("pointerup", finish);
    frame.addEventListener("pointercancel", function () { from = null; if (band) { band.hidden = true; } });
    frame.addEventListener("keydown", function (e) {
      if (!current) { return; }
      var s = current.s, c = current.p.c, span = c.last_day - c.first_day + 1;
      var length = s.window === "recent" ? Math.min(s.recent, span) : span;
      var bin = !bins ? 1 : bins.unit === "week" ? 7 : bins.unit === "month" ? 30 : 1;
      var by = e.shiftKey ? bin : 1, next = null;
      if (e.key === "ArrowLeft" || e.key === "ArrowDown") { next = length + by; }
      else if (e.key === "ArrowRight" || e.key === "ArrowUp") { next = length - by; }
      else if (e.key === "Home") { next = bin; }
      else if (e.key === "End") { next = span; }
      else if (e.key === "PageDown") { next = length + bin * 4; }
      else if (e.key === "PageUp") { next = length - bin * 4; }
      if (next === null) { return; }
      e.preventDefault();
      next = Math.min(Math.max(next, 1), span);
      var all = next >= span && e.key === "End";
      setWindow(s.day - next + 1, s.day, all);
      current.s = Object.assign({}, s, {window: all ? "all" : "recent", recent: next});
      describe(holder, current.p, current.s);
    });
  }

  window.addEventListener("resize", function () { if (current) { bins = null; update(current.p, current.s); } });

  window.conflictTimeline = {update: function (p, s) { install(); update(p, s); }, chooseTicks: chooseTicks,
                             ticksOf: ticksOf};
})();
