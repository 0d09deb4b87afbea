/* The published page's table of claims in view (dashboard/layout.static_table): the newest claims the map shows,
   as plain rows built from the events the page already has (assets/view.js hands over each view it draws), once
   the view rests. Each claim's source (the sentence, the outlet and its link) comes from the folder's sources/
   files (dashboard.publish.source_chunks), fetched for the rows listed once the table comes into view: the page's
   first load carries none. Text from articles is set as text, never as markup. The served page has its grid. */
(function () {
  "use strict";
  var ROWS = 100, SENTENCE = 240, timer = null, chunks = {}, seen = false, last = null;
  function cell(row, text) { var td = document.createElement("td"); td.textContent = text; row.appendChild(td); return td; }
  function sourceCell(row, sources, i) {
    var td = cell(row, ""), info = sources && chunks[Math.floor(i / sources.rows)];
    if (!info || info === "loading") { td.textContent = info === "loading" ? "…" : ""; return; }
    var k = i % sources.rows, text = info.sentences[info.sentence[k]] || "";
    var outlet = info.outlets[info.outlet[k]] || "source", url = info.urls[info.url[k]] || "";
    td.textContent = (text.length > SENTENCE ? text.slice(0, SENTENCE - 1) + "…" : text) + (text ? " " : "");
    if (/^https?:\/\//.test(url)) {
      var a = document.createElement("a");
      a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank"; a.textContent = outlet;
      td.appendChild(a);
    } else {
      td.appendChild(document.createTextNode(outlet));
    }
  }
  // the sources files of the rows listed, once the table is in view; the table is filled again as each arrives
  function fetchSources(sources, rows) {
    if (!sources || !seen) { return; }
    rows.forEach(function (i) {
      var number = Math.floor(i / sources.rows);
      if (chunks[number]) { return; }
      chunks[number] = "loading";
      fetch(sources.folder + number + ".json").then(function (r) {
        if (!r.ok) { throw new Error(sources.folder + number + ".json: " + r.status); }
        return r.json();
      }).then(function (info) {
        chunks[number] = info;
        if (last) { fill(last[0], last[1]); }
      }).catch(function () { delete chunks[number]; });
    });
  }
  function fill(p, s) {
    var body = document.getElementById("claims-rows"), note = document.getElementById("table-note");
    if (!body) { return; }
    var c = p.c, v = c.vocabulary, last_ = s.day - c.first_day, shown = 0, total = 0, listed = [];
    var actorOk = v.actors.map(function (a) { return s.actors.indexOf(a) >= 0; });
    var actionOk = v.actions.map(function (a) { return s.actions.indexOf(a) >= 0; });
    var rows = document.createDocumentFragment(), saidOk = window.conflictView.saidFilter(c, s);   // who said it
    for (var i = p.day.length - 1; i >= 0; i--) {
      if (p.day[i] > last_) { continue; }
      if (s.window === "recent" && p.day[i] <= last_ - s.recent) { break; }
      if (!actorOk[p.actor[i]] || !actionOk[p.action[i]]) { continue; }
      if (s.confirmed && (p.flags[i] & 1)) { continue; }
      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }
      if (saidOk && !saidOk[p.claimant[i]]) { continue; }
      total += 1;
      if (shown >= ROWS) { continue; }
      shown += 1;
      listed.push(i);
      var tr = document.createElement("tr"), slot = p.slot[i], o = p.oblast[i];
      cell(tr, window.conflictView.dayLabel(c.first_day + p.day[i]));
      cell(tr, v.actor_names[v.actors[p.actor[i]]]);
      cell(tr, v.action_labels[v.actions[p.action[i]]] + ((p.flags[i] & 1) ? " (unconfirmed or hedged)" : ""));
      cell(tr, slot >= 0 ? c.slot_name[slot] : "");
      cell(tr, o >= 0 ? c.oblast_names[o] : "");
      cell(tr, p.said[i] >= 0 ? c.attributions[p.said[i]] : "not stated");
      if (c.sources) { sourceCell(tr, c.sources, i); }
      rows.appendChild(tr);
    }
    body.textContent = "";
    body.appendChild(rows);
    if (note) {
      note.textContent = total.toLocaleString("en-GB") + " claims in view" +
        (total > ROWS ? "; the newest " + ROWS + " are listed." : ".");
    }
    last = [p, s];
    fetchSources(c.sources, listed);
  }
  // the table seen (or about to be): from then on its rows' sources are fetched
  function watch() {
    var table = document.getElementById("claims-rows");
    if (!table || watch.done) { return; }
    watch.done = true;
    var start = function () { seen = true; if (last) { fill(last[0], last[1]); } };
    if (typeof IntersectionObserver === "undefined") { start(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { observer.disconnect(); start(); }
    }, {rootMargin: "200px"});
    observer.observe(table.closest("table") || table);
  }
  window.conflictTable = {update: function (p, s) {
    if (!document.getElementById("claims-rows")) { return; }
    watch();
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; fill(p, s); }, 250);
  }};
})();
