/* Clientside callbacks of the conflict map: play/pause, slider steps, URL, PNG download.
   They run in the browser so the timeline animates without a server round trip per tick. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  conflictMap: {
    writeQuery: function (query) {
      // keep the address bar in step with the view, without adding history entries
      var url = window.location.pathname + (query || "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, "", url);
      }
      return query;
    },
    togglePlay: function (nClicks, disabled, value, min, max) {
      var noUpdate = window.dash_clientside.no_update;
      if (disabled) {   // start playing; from the first day if we are at the end (values are day numbers)
        return [false, "❚❚ Pause", value >= max ? min : noUpdate];
      }
      return [true, "▶ Play", noUpdate];
    },
    step: function (n, value, max) {
      var noUpdate = window.dash_clientside.no_update;
      if (value >= max) {
        return [noUpdate, true, "▶ Play"];
      }
      return [value + 1, value + 1 >= max, value + 1 >= max ? "▶ Play" : noUpdate];
    },
    downloadPng: function (nClicks, day) {
      var graph = document.querySelector("#map .js-plotly-plot");
      if (!graph || !window.Plotly) {
        return "no-graph";
      }
      window.Plotly.downloadImage(graph, {
        format: "png", width: 1400, height: 900, filename: "conflict-map-" + (day || "view")
      });
      return "requested-" + nClicks;
    }
  }
});
