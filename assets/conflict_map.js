/* Clientside callbacks of the conflict map: play/pause, slider steps, URL, live region, PNG download.
   They run in the browser so the timeline animates without a server round trip per tick. */
(function () {
  "use strict";
  var ANNOUNCE_AFTER_MS = 700;   // the live region waits until the slider rests this long (keys held, drags)
  var announceTimer = null;
  var announced = null;          // the text the live region last spoke (or the page opened with: not spoken)
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    conflictMap: {
      writeQuery: function (query) {
        // keep the address bar in step with the view, without adding history entries (called by view.js, at most
        // every 150 ms; the store's empty first value writes nothing)
        if (!query) { return query; }
        var url = window.location.pathname + (query || "") + window.location.hash;
        if (url !== window.location.pathname + window.location.search + window.location.hash) {
          window.history.replaceState(null, "", url);
        }
        return query;
      },
      togglePlay: function (nClicks, disabled, value, min, max) {
        var noUpdate = window.dash_clientside.no_update;
        // the button's text is a word, its ▶ / ❚❚ glyph comes from the stylesheet (class "playing")
        if (disabled) {   // start playing; from the first day if we are at the end (values are day numbers)
          return [false, "Pause", "play playing", value >= max ? min : noUpdate];
        }
        return [true, "Play", "play", noUpdate];
      },
      step: function (n, value, max) {
        var noUpdate = window.dash_clientside.no_update;
        if (value >= max) {
          return [noUpdate, true, "Play", "play"];
        }
        var last = value + 1 >= max;
        return [value + 1, last, last ? "Play" : noUpdate, last ? "play" : noUpdate];
      },
      announce: function (summary, tickDisabled) {
        // a polite live region speaks the map in words when the view settles: never on every step of play
        // (tick enabled), and after a slider move only once the slider has rested for ANNOUNCE_AFTER_MS
        var noUpdate = window.dash_clientside.no_update;
        if (announceTimer) {
          clearTimeout(announceTimer);
          announceTimer = null;
        }
        if (announced === null) {   // the view the page opened with is read from the page, not announced
          announced = summary;
          return noUpdate;
        }
        if (tickDisabled === false || !summary || summary === announced) {
          return noUpdate;
        }
        announceTimer = setTimeout(function () {
          announceTimer = null;
          announced = summary;
          window.dash_clientside.set_props("map-announce", {children: summary});
        }, ANNOUNCE_AFTER_MS);
        return noUpdate;
      },
      downloadPng: function (nClicks, day, summary) {
        var graph = document.querySelector("#map .js-plotly-plot");
        if (!graph || !window.Plotly) {
          return "no-graph";
        }
        var name = "conflict-map-" + (day || "view");
        // the image's text alternative (the map in words) saved beside it, first: still inside the click
        var text = new Blob([(summary || "") + "\n"], {type: "text/plain;charset=utf-8"});
        var link = document.createElement("a");
        link.href = URL.createObjectURL(text);
        link.download = name + ".txt";
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
        var options = {format: "png", width: 1400, height: 900, filename: name};
        // with review on, the PNG says which claims it shows (the page's banner), as the command line's export
        var banner = document.getElementById("review-banner-text");
        if (!banner || !banner.textContent) {
          window.Plotly.downloadImage(graph, options);
          return "requested-" + nClicks;
        }
        var kept = (graph.layout.annotations || []).slice();
        window.Plotly.relayout(graph, {annotations: kept.concat([{
          text: "<b>" + banner.textContent + "</b>", showarrow: false, xref: "paper", yref: "paper", x: 0.99,
          y: 0.99, xanchor: "right", yanchor: "top", font: {size: 15, color: "#1a1a1a"}, bgcolor: "#eef3fb",
          bordercolor: "#0b4f9c", borderwidth: 1, borderpad: 4}])})
          .then(function () { return window.Plotly.downloadImage(graph, options); })
          .then(function () { return window.Plotly.relayout(graph, {annotations: kept}); });
        return "requested-" + nClicks;
      }
    }
  });
}());
