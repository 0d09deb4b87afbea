/* Keyboard shortcuts of the review queue: j / k next and previous claim, c confirm, r reject, e correct.
   Not while typing in a field. After a decision the page comes back with #claim-N: that claim gets the focus. */
(function () {
  "use strict";
  function claims() { return Array.prototype.slice.call(document.querySelectorAll("article.claim")); }
  function current() {
    var active = document.activeElement;
    var claim = active && active.closest ? active.closest("article.claim") : null;
    return claim || claims()[0] || null;
  }
  function focusClaim(claim) {
    if (!claim) { return; }
    claim.focus();
    claim.scrollIntoView({block: "nearest"});
  }
  function typing(target) {
    return target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName) && target.type !== "submit";
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var all = claims(), claim = current();
    if (!claim) { return; }
    var at = all.indexOf(claim);
    var key = event.key;
    if (key === "j") { focusClaim(all[Math.min(at + 1, all.length - 1)]); }
    else if (key === "k") { focusClaim(all[Math.max(at - 1, 0)]); }
    else if (key === "c") { claim.querySelector("button.confirm").click(); }
    else if (key === "r") { claim.querySelector("button.reject").click(); }
    else if (key === "e") {
      var details = claim.querySelector("details.correct");
      details.open = true;
      details.querySelector("input.place").focus();
    } else { return; }
    event.preventDefault();
  });
  // the add-a-claim form's place search: the gazetteer's places beginning with what is typed, as the input's
  // suggestions; a suggestion taken sets the oblast too
  function placeSearch(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var oblast = document.getElementById("c-oblast");
    var timer = null, found = {};
    input.addEventListener("input", function () {
      if (found[input.value] && oblast) { oblast.value = found[input.value]; return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value.trim().length < 2) { return; }
        fetch(input.dataset.search + "?q=" + encodeURIComponent(input.value), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (places) {
            list.textContent = "";
            found = {};
            places.forEach(function (p) {
              var option = document.createElement("option");
              option.value = p.name;
              option.label = p.name + " (" + p.oblast_name + ")";
              found[p.name] = p.oblast;
              list.appendChild(option);
            });
          });
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-search]"), placeSearch);
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.matches("article.claim")) { focusClaim(target); }
    else if (document.querySelector("article.claim") && !document.querySelector("[role=alert]")) {
      focusClaim(claims()[0]);
    }
  });
})();
