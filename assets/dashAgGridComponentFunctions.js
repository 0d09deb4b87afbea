/* Cell renderers of the claims table. Text from articles is data: every value here becomes a text node or an
   attribute set by React, never HTML or markdown, so a ")" or "<img" in a feed's URL stays characters. */
(function () {
  "use strict";
  var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

  dagcomponentfuncs.OutletLink = function (props) {
    var data = props.data || {};
    var name = typeof data.outlet === "string" && data.outlet ? data.outlet : "source";
    var url = data.url;
    // the server sends only absolute http(s) URLs; checked again here so no other scheme becomes a link
    if (typeof url !== "string" || !/^https?:\/\/[^\s]+$/i.test(url)) {
      return React.createElement("span", null, name);
    }
    return React.createElement("a", {href: url, target: "_blank", rel: "noopener noreferrer nofollow"}, name);
  };

  // who said it: the canonical claimant; the phrase as the article wrote it on hover (its title)
  dagcomponentfuncs.Claimant = function (props) {
    var data = props.data || {};
    var written = typeof data.attribution === "string" && data.attribution ? "As written: " + data.attribution : null;
    return React.createElement("span", {title: written}, data.claimant || "not stated");
  };

  dagcomponentfuncs.ClaimDate = function (props) {
    var data = props.data || {};
    return React.createElement("span", {title: data.event_date}, data.date_label || data.event_date || "");
  };
}());
