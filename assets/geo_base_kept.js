/* The map's base layers (land, borders, coast) drawn once per view of the map, not on every slider step.

   plotly.js redraws a geo subplot whole on any restyle: it decodes the base
   map's TopoJSON again and re-projects every base path, although a slider step
   changes only the oblasts' colours and the markers. That is a third of a step
   at 100,000 events (bench/map_engines.py, "no base map"). Installed on the
   page's geo subplot (window.conflictGeoBase.install(gd), by view.js), this
   keeps the base paths as drawn while what they depend on is unchanged: the
   projection (scale, translate, rotation, centre, clip extent), the plot's size
   and the geo layout's base-map settings. A pan, a zoom, a resize or a new
   layout changes one of those and the base map is drawn again as before.

   It wraps two methods of plotly.js's geo subplot (updateBaseLayers and
   _render, internal to plotly.js 4.1; the version is pinned with Dash in
   requirements.txt). Where they are missing (another plotly.js), it installs
   nothing and the map is drawn plotly's own way. */
(function () {
  "use strict";
  var BASE_KEYS = ["scope", "resolution", "showland", "landcolor", "showocean", "oceancolor", "showlakes",
                   "lakecolor", "showrivers", "rivercolor", "showcountries", "countrycolor", "countrywidth",
                   "showcoastlines", "coastlinecolor", "coastlinewidth", "showsubunits", "subunitcolor",
                   "subunitwidth", "showframe", "framecolor", "framewidth", "bgcolor"];

  function projectionKey(projection) {
    var parts = [];
    ["scale", "translate", "rotate", "center", "clipExtent", "precision"].forEach(function (name) {
      parts.push(typeof projection[name] === "function" ? projection[name]() : null);
    });
    return parts;
  }

  // everything the base paths' drawing depends on, as one string
  function baseKey(geo, fullLayout, geoLayout) {
    var settings = BASE_KEYS.map(function (name) { return geoLayout[name]; });
    var grids = [geoLayout.lonaxis && geoLayout.lonaxis.showgrid, geoLayout.lataxis && geoLayout.lataxis.showgrid];
    var size = fullLayout._size;
    return JSON.stringify([settings, grids, geo.hasChoropleth, projectionKey(geo.projection),
                           [size.l, size.t, size.w, size.h], geoLayout.domain]);
  }

  // on this graph's geo subplot only (its own methods, not plotly's prototype: other maps keep plotly's way);
  // again after plotly makes a new subplot (a new plot), as view.js calls it before each update
  function install(gd) {
    var geo = gd && gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    if (!geo) { return false; }
    if (geo.__conflictBaseKept) { return true; }
    if (typeof geo.updateBaseLayers !== "function" || typeof geo._render !== "function") { return false; }
    var updateBaseLayers = geo.updateBaseLayers, render = geo._render;
    geo.updateBaseLayers = function (fullLayout, geoLayout) {
      var key = baseKey(this, fullLayout, geoLayout);
      this.__baseUnchanged = key === this.__baseKey && !!this.basePaths;
      this.__baseKey = key;
      if (!this.__baseUnchanged) { return updateBaseLayers.apply(this, arguments); }
    };
    geo._render = function () {
      if (!this.__baseUnchanged) { return render.apply(this, arguments); }
      this.__baseUnchanged = false;   // once: a pan or zoom calls _render alone and must redraw the base map
      var basePaths = this.basePaths;
      this.basePaths = {};
      try { return render.apply(this, arguments); } finally { this.basePaths = basePaths; }
    };
    geo.__conflictBaseKept = true;
    return true;
  }

  window.conflictGeoBase = {install: install};
})();
