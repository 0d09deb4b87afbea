/* Accessible names and roles that Dash 4's own controls do not give, added in the browser (issue 14).

   - Checklist and RadioItems render their native checkboxes and radio buttons inside role="listbox" /
     role="option" wrappers: an option may not hold a focusable control (axe: nested-interactive), and the
     listbox has no name. The wrappers' roles are dropped, so each control is what it is: a native checkbox or
     radio button named by its label, grouped by the fieldset and legend around it (dashboard/web/layout.py).
   - The slider's thumb has no name and speaks its value as a day number (19247). It gets the name of its
     wrapper's data-thumb-label and the day as words in aria-valuetext ("12 Sep 2022").
   - Space on the slider plays or pauses the timeline (as on the Play button).

   A MutationObserver applies this again whenever React re-renders those controls. */
(function () {
  "use strict";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function dayText(dayNumber) {   // the slider's values are days since 1970-01-01 (dashboard/dates.py)
    var d = new Date(Number(dayNumber) * 86400000);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function repair(root) {
    root.querySelectorAll(".dash-options-list[role=listbox]").forEach(function (list) {
      list.removeAttribute("role");
    });
    root.querySelectorAll(".dash-options-list-option[role=option]").forEach(function (option) {
      option.removeAttribute("role");
      option.removeAttribute("aria-selected");
    });
    root.querySelectorAll(".dash-options-list-option[aria-selected]").forEach(function (option) {
      option.removeAttribute("aria-selected");   // React sets it again when the choice changes
    });
    root.querySelectorAll("[data-thumb-label] [role=slider]:not(.timeline-bars-frame)").forEach(function (thumb) {
      var label = thumb.closest("[data-thumb-label]").getAttribute("data-thumb-label");
      if (thumb.getAttribute("aria-label") !== label) {
        thumb.setAttribute("aria-label", label);
      }
      var text = dayText(thumb.getAttribute("aria-valuenow"));
      if (thumb.getAttribute("aria-valuetext") !== text) {
        thumb.setAttribute("aria-valuetext", text);
      }
    });
  }

  function start() {
    repair(document);
    // the map's own drawing (hundreds of SVG nodes on every slider step) holds none of these controls: a batch of
    // changes made only there repairs nothing (it was four searches of the whole page per step)
    new MutationObserver(function (records) {
      var elsewhere = records.some(function (record) {
        var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        return !node || !node.closest(".js-plotly-plot");
      });
      if (elsewhere) { repair(document); }
    }).observe(document.body, {
      subtree: true, childList: true, attributes: true,
      attributeFilter: ["role", "aria-selected", "aria-valuenow"]
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== " " || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (target && target.getAttribute && target.getAttribute("role") === "slider" && target.closest(".timeline")) {
      event.preventDefault();   // no page scroll
      var play = document.getElementById("play");
      if (play) {
        play.click();
      }
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
