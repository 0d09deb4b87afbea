/* The published page's table of claims in view (dashboard/layout.static_table): the newest claims the map shows,
   as plain rows built from the events the page already has (assets/view.js hands over each view it draws), once
   the view rests. Text from articles is set as text, never as markup. The served page has its grid instead. */
(function () {
  "use strict";
  var ROWS = 100, timer = null;
  function cell(row, text) { var td = document.createElement("td"); td.textContent = text; row.appendChild(td); }
  function fill(p, s) {
    var body = document.getElementById("claims-rows"), note = document.getElementById("table-note");
    if (!body) { return; }
    var c = p.c, v = c.vocabulary, last = s.day - c.first_day, shown = 0, total = 0;
    var actorOk = v.actors.map(function (a) { return s.actors.indexOf(a) >= 0; });
    var actionOk = v.actions.map(function (a) { return s.actions.indexOf(a) >= 0; });
    var rows = document.createDocumentFragment(), saidOk = window.conflictView.saidFilter(c, s);   // who said it
    for (var i = p.day.length - 1; i >= 0; i--) {
      if (p.day[i] > last) { continue; }
      if (s.window === "recent" && p.day[i] <= last - s.recent) { break; }
      if (!actorOk[p.actor[i]] || !actionOk[p.action[i]]) { continue; }
      if (s.confirmed && (p.flags[i] & 1)) { continue; }
      if (s.ukraineOnly && (p.flags[i] & 2)) { continue; }
      if (saidOk && !saidOk[p.claimant[i]]) { continue; }
      total += 1;
      if (shown >= ROWS) { continue; }
      shown += 1;
      var tr = document.createElement("tr"), slot = p.slot[i], o = p.oblast[i];
      cell(tr, window.conflictView.dayLabel(c.first_day + p.day[i]));
      cell(tr, v.actor_names[v.actors[p.actor[i]]]);
      cell(tr, v.action_labels[v.actions[p.action[i]]] + ((p.flags[i] & 1) ? " (unconfirmed or hedged)" : ""));
      cell(tr, slot >= 0 ? c.slot_name[slot] : "");
      cell(tr, o >= 0 ? c.oblast_names[o] : "");
      cell(tr, p.said[i] >= 0 ? c.attributions[p.said[i]] : "not stated");
      rows.appendChild(tr);
    }
    body.textContent = "";
    body.appendChild(rows);
    if (note) {
      note.textContent = total.toLocaleString("en-GB") + " claims in view" +
        (total > ROWS ? "; the newest " + ROWS + " are listed." : ".");
    }
  }
  window.conflictTable = {update: function (p, s) {
    if (!document.getElementById("claims-rows")) { return; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; fill(p, s); }, 250);
  }};
})();
