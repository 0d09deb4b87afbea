/* Runs assets/view.js's view computation under Node, with no browser: reads {source, columns, views} as JSON on
   stdin (source: the text of view.js; views: the controls as the page would give them), prints a JSON list with,
   per view, what the map would be drawn with (viewValues) and the query written to the address bar (toQuery).
   tests/test_view_twin.py compares these with the Python query engine's values for the same views. */
"use strict";
const vm = require("vm");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const {source, columns, views} = JSON.parse(input);
  // the few browser objects view.js touches while loading and computing (never drawing here)
  const window = {
    matchMedia: () => ({matches: false}), addEventListener: () => {}, dash_clientside: {},
  };
  const document = {querySelector: () => null, querySelectorAll: () => []};
  const context = vm.createContext({window, document, URLSearchParams, Int8Array, Uint8Array, Int16Array, Int32Array,
                                    Math, Number, String, Array, Object, Date, Promise, setTimeout, clearTimeout});
  vm.runInContext(source, context, {filename: "assets/view.js"});
  const view = window.conflictView;
  const p = view.prepare(columns);
  const out = views.map((v) => {
    const s = view.stateOf(columns, v.day, v.window, v.recent, v.actors, v.actions, v.confirmed, v.oblast, v.search,
                           {mode: v.mode, contested: v.contested, country: v.country, fit: v.fit,
                            said: v.said});
    const drawn = view.viewValues(p, s, null);
    const values = {};
    drawn.values.forEach(([trace, attribute, value]) => {
      values[trace + ":" + attribute] = typeof value === "object" ? Array.from(value) : value;   // lists; a legend's visible
    });
    return {values, title: drawn.title, extent: drawn.extent, query: view.toQuery(columns, s), label: view.dayLabel(s.day)};
  });
  process.stdout.write(JSON.stringify(out));
});
