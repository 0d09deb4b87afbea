/* The published page (dashboard.publish) has no server: its view is read from its URL here, the browser's twin
   of callbacks.restore_view (ViewState.from_query): the same parameters, the same defaults for anything missing
   or malformed. On the served page the server answers this; this function is then never called. */
(function () {
  "use strict";
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  conflictStatic: {
    restore: function (search, columns, className) {
      var params = new URLSearchParams(search || ""), v = columns.vocabulary;
      var day = columns.last_day, date = params.get("date");
      if (date && /^\d{4}-\d{2}-\d{2}$/.test(date) && !isNaN(Date.parse(date + "T00:00:00Z"))) {
        day = Math.min(Math.max(Math.round(Date.parse(date + "T00:00:00Z") / 86400000), columns.first_day),
                       columns.last_day);
      }
      var list = function (name, all) {
        return params.has(name) ? all.filter(function (a) { return params.get(name).split(",").indexOf(a) >= 0; })
          : all.slice();
      };
      var days = /^\d+$/.test(params.get("days") || "") ? Number(params.get("days")) : v.default_recent_days;
      var contested = /^\d+$/.test(params.get("contested") || "") ? Number(params.get("contested")) :
        v.default_contested_days;
      var auto = columns.last_day - columns.first_day > v.auto_control_span_days ? "control" : "claims";
      var oblast = params.get("oblast");
      // the embed layout: asked for in the URL, or published so (dashboard.publish --embed)
      var embed = params.get("embed") === "1" || columns.embed === true;
      var page = (className || "page").replace(/\s*\bembed\b/, "") + (embed ? " embed" : "");
      return [day, params.get("window") === "recent" ? "recent" : "all",
              days >= 1 && days <= 3660 ? days : v.default_recent_days,
              list("actors", v.actors), list("actions", v.actions), params.get("confirmed") === "1" ? ["1"] : [],
              oblast && columns.oblasts.indexOf(oblast) >= 0 ? oblast : null, page,
              v.modes.indexOf(params.get("mode")) >= 0 ? params.get("mode") : auto,
              contested >= 1 && contested <= 365 ? contested : v.default_contested_days,
              params.get("country") === "UA" ? "UA" : "all", params.get("fit") === "0" ? [] : ["1"]].concat(
        (columns.claimant_groups || []).map(function (group) {   // who said it (callbacks.said_groups)
          var said = (params.get("said") || "").split("|");
          return group.filter(function (name) { return said.indexOf(name) >= 0; });
        }));
    }
  }
});
})();
